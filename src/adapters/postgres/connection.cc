#include "adapters/postgres/connection.h"

#include <libpq-fe.h>

#include <cctype>
#include <cstdlib>
#include <cstring>

namespace orcazap::adapters::postgres {
namespace {

bool IsTransientState(std::string_view state) {
  return state.starts_with("08") || state == "40001" || state == "40P01" ||
         state.starts_with("57P") || state == "53300" || state == "55P03";
}

core::Error ErrorFrom(pg_conn* conn, pg_result* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (state == nullptr || PQstatus(conn) != CONNECTION_OK) {
    return core::Error::Transient("postgresql: " + message);
  }
  const std::string text = std::string("postgresql ") + state + ": " + message;
  if (IsTransientState(state)) return core::Error::Transient(text);
  if (std::strcmp(state, "23505") == 0) return core::Error::Conflict(text);
  return core::Error::Permanent(text);
}

}  // namespace

Rows::Rows(pg_result* result) : result_(result) {}
Rows::~Rows() {
  if (result_) PQclear(result_);
}
Rows::Rows(Rows&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
Rows& Rows::operator=(Rows&& other) noexcept {
  if (this != &other) {
    if (result_) PQclear(result_);
    result_ = other.result_;
    other.result_ = nullptr;
  }
  return *this;
}
int Rows::size() const { return PQntuples(result_); }
bool Rows::IsNull(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }
std::string_view Rows::Get(int row, int column) const {
  return {PQgetvalue(result_, row, column), static_cast<size_t>(PQgetlength(result_, row, column))};
}
std::optional<std::string> Rows::GetOptional(int row, int column) const {
  if (IsNull(row, column)) return std::nullopt;
  return std::string(Get(row, column));
}
bool Rows::GetBool(int row, int column) const { return Get(row, column) == "t"; }
long long Rows::GetInt(int row, int column) const {
  return std::strtoll(PQgetvalue(result_, row, column), nullptr, 10);
}
int Rows::affected() const {
  const char* count = PQcmdTuples(result_);
  return count && *count ? std::atoi(count) : 0;
}

core::Result<std::unique_ptr<PgConnection>> PgConnection::Connect(const std::string& url,
                                                                  Durability durability) {
  pg_conn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    PQfinish(conn);
    return core::Error::Transient("cannot connect to PostgreSQL: " + message);
  }
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);  // NOTICEs are not errors
  std::unique_ptr<PgConnection> connection(new PgConnection(conn, durability));
  if (auto applied = connection->ApplyDurability(); !applied) return applied.error();
  return connection;
}

core::Status PgConnection::ApplyDurability() {
  if (durability_ == Durability::kFlushed) return core::Ok();
  return ExecScript("SET synchronous_commit TO off");
}

PgConnection::~PgConnection() { PQfinish(conn_); }

core::Status PgConnection::EnsureConnected() {
  if (PQstatus(conn_) == CONNECTION_OK) return core::Ok();
  if (transaction_open_) {
    return core::Error::Transient("the connection to PostgreSQL was lost during a transaction");
  }
  PQreset(conn_);
  prepared_.clear();  // a new session knows none of them
  if (PQstatus(conn_) == CONNECTION_OK) return ApplyDurability();
  return core::Error::Transient(std::string("cannot reconnect to PostgreSQL: ") +
                                PQerrorMessage(conn_));
}

bool PgConnection::InTransaction() const {
  const PGTransactionStatusType status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

core::Result<Rows> PgConnection::Exec(std::string_view sql, const Params& params) {
  if (auto ok = EnsureConnected(); !ok) return ok.error();
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& param : params) values.push_back(param ? param->c_str() : nullptr);
  const std::string query(sql);
  const int count = static_cast<int>(values.size());
  std::string name;
  if (count > 0) {
    auto prepared = PreparedName(query, count);
    if (!prepared) return prepared.error();
    name = std::move(*prepared);
  }
  pg_result* result =
      name.empty()
          ? PQexecParams(conn_, query.c_str(), count, nullptr, values.data(), nullptr, nullptr, 0)
          : PQexecPrepared(conn_, name.c_str(), count, values.data(), nullptr, nullptr, 0);
  const ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Rows(result);
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  if (!name.empty() && state != nullptr &&
      (std::string_view(state) == "0A000" || std::string_view(state) == "26000")) {
    // "cached plan must not change result type" after a schema change, or the statement is gone:
    // prepare it afresh on the next call.
    prepared_.erase(query);
  }
  core::Error error = ErrorFrom(conn_, result);
  PQclear(result);
  return error;
}

core::Result<std::string> PgConnection::PreparedName(const std::string& sql, int param_count) {
  if (auto it = prepared_.find(sql); it != prepared_.end()) return it->second;
  if (prepared_.size() >= kMaxPreparedStatements) return std::string();
  std::string name = "oz" + std::to_string(++statements_named_);
  pg_result* result = PQprepare(conn_, name.c_str(), sql.c_str(), param_count, nullptr);
  if (PQresultStatus(result) != PGRES_COMMAND_OK) {
    core::Error error = ErrorFrom(conn_, result);
    PQclear(result);
    return error;
  }
  PQclear(result);
  prepared_.emplace(sql, name);
  return name;
}

core::Status PgConnection::ExecScript(std::string_view sql) {
  if (auto ok = EnsureConnected(); !ok) return ok;
  const std::string script(sql);
  pg_result* result = PQexec(conn_, script.c_str());
  const ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    PQclear(result);
    return core::Ok();
  }
  core::Error error = ErrorFrom(conn_, result);
  PQclear(result);
  return error;
}

core::Result<std::unique_ptr<Transaction>> Transaction::Begin(
    PgConnection& conn, std::optional<Durability> durability) {
  if (!durability || *durability == conn.durability_) {
    auto begun = conn.Exec("BEGIN");
    if (!begun) return begun.error();
  } else {
    auto begun = conn.ExecScript(*durability == Durability::kFlushed
                                     ? "BEGIN; SET LOCAL synchronous_commit TO on"
                                     : "BEGIN; SET LOCAL synchronous_commit TO off");
    if (!begun) {
      if (conn.InTransaction()) (void)conn.Exec("ROLLBACK");
      return begun.error();
    }
  }
  conn.transaction_open_ = true;
  return std::unique_ptr<Transaction>(new Transaction(conn));
}

Transaction::~Transaction() {
  if (!done_ && conn_.InTransaction()) (void)conn_.Exec("ROLLBACK");
  conn_.transaction_open_ = false;
}

core::Status Transaction::Commit() {
  done_ = true;
  auto committed = conn_.Exec("COMMIT");
  conn_.transaction_open_ = false;
  if (!committed) return committed.error();
  return core::Ok();
}

PgPool::PgPool(std::string url, int size, Durability durability)
    : url_(std::move(url)), size_(size), durability_(durability) {}
PgPool::~PgPool() = default;

PgPool::Lease::~Lease() {
  if (conn_) pool_->Release(std::move(conn_));
}

core::Result<PgPool::Lease> PgPool::Acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(conn));
  }
  ++open_;
  lock.unlock();
  auto conn = PgConnection::Connect(url_, durability_);
  if (!conn) {
    std::lock_guard relock(mutex_);
    --open_;
    available_.notify_one();
    return conn.error();
  }
  return Lease(*this, std::move(conn).value());
}

void PgPool::Release(std::unique_ptr<PgConnection> conn) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(conn));
  available_.notify_one();
}

bool IsUuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (text[i] == '-')) return false;
    if (!dash && !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

}  // namespace orcazap::adapters::postgres
