#include "adapters/postgres/connection.h"

#include <libpq-fe.h>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <utility>

namespace orcazap::adapters::postgres {
namespace {

// Raised by orcazap_expect (migration 0006) when a conditional write found nothing to change.
constexpr char kExpectationFailed[] = "OZ409";

bool IsTransientState(std::string_view state) {
  return state.starts_with("08") || state == "40001" || state == "40P01" ||
         state.starts_with("57P") || state == "53300" || state == "55P03";
}

// "cached plan must not change result type" after a schema change (0A000), or the prepared
// statement is gone (26000): it is prepared afresh on the next call.
bool IsStalePreparedStatement(std::string_view state) {
  return state == "0A000" || state == "26000";
}

core::Error ErrorFrom(pg_conn* conn, pg_result* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  // A statement's error: its primary message and the constraint it broke, never the DETAIL
  // line, which repeats the key or the whole row that failed (values, contract point 2), nor the
  // CONTEXT (orcazap_expect's would name its plpgsql function).
  if (const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
      state != nullptr && primary != nullptr) {
    message = primary;
    if (const char* constraint = PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME)) {
      message += std::string(" (constraint ") + constraint + ")";
    }
  }
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (state == nullptr || PQstatus(conn) != CONNECTION_OK) {
    return core::Error::Transient("postgresql: " + message);
  }
  const std::string text = std::string("postgresql ") + state + ": " + message;
  if (IsTransientState(state)) return core::Error::Transient(text);
  if (std::strcmp(state, "23505") == 0 || std::strcmp(state, kExpectationFailed) == 0) {
    return core::Error::Conflict(text);
  }
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
std::string_view Rows::command() const {
  const char* tag = PQcmdStatus(result_);
  return tag ? std::string_view(tag) : std::string_view();
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
  // A Transaction whose BEGIN was not sent yet has nothing on the lost session.
  if (transaction_open_ && pending_begin_.empty()) {
    return core::Error::Transient("the connection to PostgreSQL was lost during a transaction");
  }
  PQreset(conn_);
  prepared_.clear();  // a new session knows none of them
  if (PQpipelineStatus(conn_) != PQ_PIPELINE_OFF) PQexitPipelineMode(conn_);
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
  if (!pending_begin_.empty()) {
    const StatementRef statement{sql, &params};
    auto rows = RunPipeline(std::span(&statement, 1));
    if (!rows) return rows.error();
    return std::move(rows->back());
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& param : params) values.push_back(param ? param->c_str() : nullptr);
  const int count = static_cast<int>(values.size());
  std::string name;
  if (count > 0) {
    auto prepared = PreparedName(sql, count);
    if (!prepared) return prepared.error();
    name = std::move(*prepared);
  }
  pg_result* result = nullptr;
  if (name.empty()) {
    const std::string query(sql);  // libpq wants it terminated
    result = PQexecParams(conn_, query.c_str(), count, nullptr, values.data(), nullptr, nullptr, 0);
  } else {
    result = PQexecPrepared(conn_, name.c_str(), count, values.data(), nullptr, nullptr, 0);
  }
  const ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Rows(result);
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  if (!name.empty() && state != nullptr && IsStalePreparedStatement(state)) ForgetPrepared(sql);
  core::Error error = ErrorFrom(conn_, result);
  PQclear(result);
  return error;
}

core::Result<std::vector<Rows>> PgConnection::ExecPipeline(std::span<const Statement> statements) {
  return ExecPipelineJoined(std::span(&statements, 1));
}

core::Result<std::vector<Rows>> PgConnection::ExecPipelineJoined(
    std::span<const std::span<const Statement>> parts) {
  if (auto ok = EnsureConnected(); !ok) return ok.error();
  size_t count = 0;
  for (const auto& part : parts) count += part.size();
  std::vector<StatementRef> refs;
  refs.reserve(count);
  for (const auto& part : parts) {
    for (const Statement& statement : part) refs.push_back({statement.sql, &statement.params});
  }
  return RunPipeline(refs);
}

core::Result<std::vector<Rows>> PgConnection::RunPipeline(
    std::span<const StatementRef> statements) {
  static const Params kNoParams;
  // The pending BEGIN goes first; sent now, so if this fails the transaction fails with it.
  const std::vector<std::string_view> begin = std::exchange(pending_begin_, {});
  const size_t skipped = begin.size();
  const size_t total = skipped + statements.size();
  if (total == 0) return std::vector<Rows>();
  const auto at = [&](size_t i) {
    return i < skipped ? StatementRef{begin[i], &kNoParams} : statements[i - skipped];
  };
  // Statements are prepared before the pipeline starts (a plain round trip, once per connection).
  std::vector<std::string> names(total);
  for (size_t i = skipped; i < total; ++i) {
    const StatementRef statement = at(i);
    if (statement.params->empty()) continue;
    auto prepared = PreparedName(statement.sql, static_cast<int>(statement.params->size()));
    if (!prepared) return prepared.error();
    names[i] = std::move(*prepared);
  }
  if (PQenterPipelineMode(conn_) != 1) return ErrorFrom(conn_, nullptr);
  std::vector<const char*> values;
  for (size_t i = 0; i < total; ++i) {
    const StatementRef statement = at(i);
    values.clear();
    for (const Param& param : *statement.params) values.push_back(param ? param->c_str() : nullptr);
    const int count = static_cast<int>(values.size());
    int sent = 0;
    if (names[i].empty()) {
      const std::string query(statement.sql);  // libpq wants it terminated
      sent = PQsendQueryParams(conn_, query.c_str(), count, nullptr, values.data(), nullptr,
                               nullptr, 0);
    } else {
      sent =
          PQsendQueryPrepared(conn_, names[i].c_str(), count, values.data(), nullptr, nullptr, 0);
    }
    if (sent != 1) {
      core::Error error = ErrorFrom(conn_, nullptr);
      AbandonPipeline();
      return error;
    }
  }
  if (PQpipelineSync(conn_) != 1) {
    core::Error error = ErrorFrom(conn_, nullptr);
    AbandonPipeline();
    return error;
  }
  std::vector<Rows> rows;
  rows.reserve(statements.size());
  std::optional<core::Error> first_error;
  for (size_t i = 0; i < total; ++i) {
    pg_result* result = PQgetResult(conn_);
    if (result == nullptr) {  // the connection broke
      AbandonPipeline();
      return first_error ? *first_error : ErrorFrom(conn_, nullptr);
    }
    const ExecStatusType status = PQresultStatus(result);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
      if (i >= skipped) {
        rows.emplace_back(result);  // only the caller's statements' rows
      } else {
        PQclear(result);
      }
    } else {
      if (!first_error && status != PGRES_PIPELINE_ABORTED) {
        const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
        if (!names[i].empty() && state != nullptr && IsStalePreparedStatement(state)) {
          ForgetPrepared(at(i).sql);
        }
        first_error = ErrorFrom(conn_, result);
      }
      PQclear(result);
    }
    // Each statement's results end with a null.
    while ((result = PQgetResult(conn_)) != nullptr) PQclear(result);
  }
  pg_result* sync = PQgetResult(conn_);
  const bool synced = sync != nullptr && PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
  if (sync != nullptr) PQclear(sync);
  if (!synced || PQexitPipelineMode(conn_) != 1) {
    AbandonPipeline();
    if (!first_error) first_error = ErrorFrom(conn_, nullptr);
  }
  if (first_error) return *first_error;
  return rows;
}

void PgConnection::AbandonPipeline() {
  // Drain until libpq has nothing pending (two nulls in a row, or a dead connection).
  for (int nulls = 0; nulls < 2 && PQstatus(conn_) == CONNECTION_OK;) {
    pg_result* result = PQgetResult(conn_);
    if (result == nullptr) {
      ++nulls;
      continue;
    }
    nulls = 0;
    PQclear(result);
  }
  // Fails while results are pending on a dead connection; EnsureConnected retries after reset.
  PQexitPipelineMode(conn_);
}

core::Result<std::string> PgConnection::PreparedName(std::string_view sql, int param_count) {
  if (auto it = prepared_.find(sql); it != prepared_.end()) return it->second;
  if (prepared_.size() >= kMaxPreparedStatements) return std::string();
  std::string name = "oz" + std::to_string(++statements_named_);
  std::string text(sql);
  pg_result* result = PQprepare(conn_, name.c_str(), text.c_str(), param_count, nullptr);
  if (PQresultStatus(result) != PGRES_COMMAND_OK) {
    core::Error error = ErrorFrom(conn_, result);
    PQclear(result);
    return error;
  }
  PQclear(result);
  prepared_.emplace(std::move(text), name);
  return name;
}

void PgConnection::ForgetPrepared(std::string_view sql) {
  if (auto it = prepared_.find(sql); it != prepared_.end()) prepared_.erase(it);
}

core::Status PgConnection::ExecScript(std::string_view sql) {
  if (auto ok = EnsureConnected(); !ok) return ok;
  if (!pending_begin_.empty()) {
    if (auto begun = RunPipeline({}); !begun) return begun.error();
  }
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
  if (conn.transaction_open_) {
    return core::Error::Permanent("a transaction is already open on this connection");
  }
  conn.pending_begin_ = {"BEGIN"};
  if (durability && *durability != conn.durability_) {
    conn.pending_begin_.push_back(*durability == Durability::kFlushed
                                      ? "SET LOCAL synchronous_commit TO on"
                                      : "SET LOCAL synchronous_commit TO off");
  }
  conn.transaction_open_ = true;
  return std::unique_ptr<Transaction>(new Transaction(conn));
}

Transaction::~Transaction() {
  if (!done_ && conn_.pending_begin_.empty() && conn_.InTransaction()) {
    (void)conn_.Exec("ROLLBACK");
  }
  conn_.pending_begin_.clear();
  conn_.transaction_open_ = false;
}

core::Status Transaction::Commit() {
  done_ = true;
  if (!conn_.pending_begin_.empty()) {  // no statement ran: nothing to commit
    conn_.pending_begin_.clear();
    conn_.transaction_open_ = false;
    return core::Ok();
  }
  auto committed = conn_.Exec("COMMIT");
  conn_.transaction_open_ = false;
  if (!committed) return committed.error();
  if (committed->command() == "ROLLBACK") {  // a statement of it failed earlier
    return core::Error::Permanent("the transaction was aborted by an earlier error: rolled back");
  }
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
  auto conn = ConnectCounted();
  if (!conn) return conn.error();
  return Lease(*this, std::move(conn).value());
}

core::Result<Rows> PgPool::Exec(std::string_view sql, const Params& params) {
  auto conn = Acquire();
  if (!conn) return conn.error();
  return (*conn)->Exec(sql, params);
}

core::Status PgPool::Open(int count) {
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (open_ >= std::min(count, size_)) return core::Ok();
      ++open_;
    }
    auto conn = ConnectCounted();
    if (!conn) return conn.error();
    Release(std::move(conn).value());
  }
}

core::Result<std::unique_ptr<PgConnection>> PgPool::ConnectCounted() {
  auto conn = PgConnection::Connect(url_, durability_);
  if (!conn) {
    std::lock_guard lock(mutex_);
    --open_;
    available_.notify_one();
  }
  return conn;
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
