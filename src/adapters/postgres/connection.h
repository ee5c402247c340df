#pragma once
// A thin libpq wrapper: parameterised statements only, errors as core::Error.
//
// Contract:
// 1. SQL text never contains values: every value is a $n parameter (text format).
// 2. Error mapping: lost connection, serialization failure, deadlock, admin shutdown,
//    too many connections ⇒ kTransient; unique violation, and orcazap_expect's failure (OZ409,
//    migration 0006: a conditional write found nothing to change) ⇒ kConflict; the rest ⇒
//    kPermanent.
//    The message carries the SQLSTATE, PostgreSQL's primary message and the name of the
//    constraint broken, if any; never the DETAIL line, which repeats the failing key or row.
//    (An input-syntax error's primary message quotes the rejected text: ids are validated
//    before they reach a statement.)
// 3. A connection that broke is reset on its next use, so a restarted PostgreSQL is picked up
//    again without restarting the process; but never inside a Transaction (the statements left
//    would run outside it): there every statement fails until the Transaction ends.
// 4. Not thread-safe: one connection per thread at a time (PgPool hands them out).
// 5. A statement with parameters is prepared on its connection the first time it runs there and
//    executed by name afterwards, so PostgreSQL parses and plans it once per connection rather
//    than on every call (about half the server's work for a one-row INSERT). At most
//    kMaxPreparedStatements per connection (SQL text built at run time cannot fill memory);
//    statements without parameters (BEGIN, COMMIT, migrations' DDL) always run unprepared. A
//    reset connection forgets them and prepares again.
// 6. ExecPipeline sends several statements in one round trip (libpq pipeline mode). A
//    Transaction's BEGIN is not sent by Begin() but with the transaction's first statement, so
//    a transaction of n statements costs n + 1 round trips, or 2 when its statements go in one
//    ExecPipeline. Outside a Transaction, one ExecPipeline is one implicit transaction: one
//    round trip, committed after its last statement; writes whose count decides between commit
//    and rollback check it with orcazap_expect (item 2) so that they need no Transaction.
// 7. Durability: a connection made with Durability::kDeferred commits without waiting for the
//    WAL flush (synchronous_commit off, kept across resets): a PostgreSQL crash may lose its last
//    few hundred milliseconds of commits, never corrupt anything. A Transaction begun with
//    Durability::kFlushed waits for the flush, and because WAL is flushed in order, everything
//    the session committed before is durable with it. The worker relies on that: its writes are
//    deferred, except the mark it commits before each WhatsApp send.

#include <condition_variable>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

struct pg_conn;
struct pg_result;

namespace orcazap::adapters::postgres {

enum class Durability { kFlushed, kDeferred };

using Param = std::optional<std::string>;  // nullopt = SQL NULL
using Params = std::vector<Param>;

struct Statement {
  std::string_view sql;
  Params params;
};

class Rows {
 public:
  explicit Rows(pg_result* result);
  ~Rows();
  Rows(Rows&& other) noexcept;
  Rows& operator=(Rows&& other) noexcept;
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;

  int size() const;
  bool empty() const { return size() == 0; }
  bool IsNull(int row, int column) const;
  std::string_view Get(int row, int column) const;  // "" for NULL
  std::optional<std::string> GetOptional(int row, int column) const;
  bool GetBool(int row, int column) const;  // "t"
  long long GetInt(int row, int column) const;
  // Rows changed by an INSERT/UPDATE/DELETE.
  int affected() const;
  // The command tag PostgreSQL answered with, e.g. "COMMIT" (or "ROLLBACK" for a COMMIT of an
  // aborted transaction).
  std::string_view command() const;

 private:
  pg_result* result_;
};

class PgConnection {
 public:
  // Connects with a libpq URI or key=value string. kTransient when the server is unreachable.
  static core::Result<std::unique_ptr<PgConnection>> Connect(
      const std::string& url, Durability durability = Durability::kFlushed);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  core::Result<Rows> Exec(std::string_view sql, const Params& params = {});
  // Runs the statements in order in one round trip and returns their rows, one Rows each. Outside
  // a Transaction they form one implicit transaction (all or nothing). On the first error the
  // statements after it do not run and that error is returned (inside a Transaction, the
  // transaction is then aborted: it can only roll back).
  core::Result<std::vector<Rows>> ExecPipeline(std::span<const Statement> statements);
  core::Result<std::vector<Rows>> ExecPipeline(std::initializer_list<Statement> statements) {
    return ExecPipeline(std::span(statements.begin(), statements.size()));
  }
  // ExecPipeline of the statements of `parts`, one part after the other, without copying them
  // into one list.
  core::Result<std::vector<Rows>> ExecPipelineJoined(
      std::span<const std::span<const Statement>> parts);
  // Runs a script of several statements without parameters, in one round trip.
  core::Status ExecScript(std::string_view sql);
  bool InTransaction() const;

  static constexpr size_t kMaxPreparedStatements = 256;

 private:
  friend class Transaction;
  PgConnection(pg_conn* conn, Durability durability) : conn_(conn), durability_(durability) {}
  // Resets a broken connection, unless a Transaction is open on it.
  core::Status EnsureConnected();
  // Applies durability_ to a new session.
  core::Status ApplyDurability();
  // A statement as sent: its SQL and its parameters, borrowed from the caller.
  struct StatementRef {
    std::string_view sql;
    const Params* params;
  };
  // The name `sql` is prepared under on this connection, preparing it first; "" when the cache
  // is full (the caller runs it unprepared).
  core::Result<std::string> PreparedName(std::string_view sql, int param_count);
  // Forgets the prepared statement of `sql` after PostgreSQL rejected it (prepared afresh next).
  void ForgetPrepared(std::string_view sql);
  // Sends the pending BEGIN and `statements` in pipeline mode and reads every result; returns
  // the rows of `statements` only.
  core::Result<std::vector<Rows>> RunPipeline(std::span<const StatementRef> statements);
  // Reads and drops what a failed pipeline left, and leaves pipeline mode when possible.
  void AbandonPipeline();
  pg_conn* conn_;
  const Durability durability_;
  // The BEGIN (and SET LOCAL) of a Transaction whose first statement has not run yet: sent with
  // that statement (item 6).
  std::vector<std::string_view> pending_begin_;
  // Looked up by the caller's string_view without copying the SQL text.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, std::string, TextHash, std::equal_to<>>
      prepared_;                        // SQL text -> statement name
  unsigned long statements_named_ = 0;  // names are never reused within a session
  bool transaction_open_ = false;       // a Transaction object is open on this connection
};

// RAII transaction: BEGIN with its first statement (item 6), ROLLBACK on destruction unless
// committed. With a durability, its commit has that durability whatever the connection's
// (item 7). A transaction in which no statement ran commits and rolls back without a round trip.
class Transaction {
 public:
  static core::Result<std::unique_ptr<Transaction>> Begin(
      PgConnection& conn, std::optional<Durability> durability = std::nullopt);
  ~Transaction();
  core::Status Commit();

 private:
  explicit Transaction(PgConnection& conn) : conn_(conn) {}
  PgConnection& conn_;
  bool done_ = false;
};

// A fixed-size pool of connections, created lazily. Thread-safe.
class PgPool {
 public:
  PgPool(std::string url, int size, Durability durability = Durability::kFlushed);
  ~PgPool();

  class Lease {
   public:
    Lease(PgPool& pool, std::unique_ptr<PgConnection> conn)
        : pool_(&pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    ~Lease();
    PgConnection& operator*() { return *conn_; }
    PgConnection* operator->() { return conn_.get(); }

   private:
    PgPool* pool_;
    std::unique_ptr<PgConnection> conn_;
  };

  // Waits for a free connection; kTransient when a new one cannot be opened.
  core::Result<Lease> Acquire();

  // One statement on a connection acquired for it and given back before returning (the rows
  // do not need the connection): the stores' single-statement reads and writes. Errors as
  // Acquire's and PgConnection::Exec's.
  core::Result<Rows> Exec(std::string_view sql, const Params& params = {});

  // Opens connections until `count` (at most the pool's size) are open, so that the first
  // requests after a start do not each wait for a new PostgreSQL backend; kTransient when one
  // cannot be opened (those opened stay).
  core::Status Open(int count);

 private:
  void Release(std::unique_ptr<PgConnection> conn);
  // A new connection for a place already counted in open_; the place is given back (and a
  // waiter woken) when it cannot be opened.
  core::Result<std::unique_ptr<PgConnection>> ConnectCounted();
  const std::string url_;
  const int size_;
  const Durability durability_;
  std::mutex mutex_;  // guards idle_ and open_
  std::condition_variable available_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int open_ = 0;
};

// True when `text` is a UUID in canonical form, so that a `$n::uuid` cast cannot fail on it.
bool IsUuid(const std::string& text);

}  // namespace orcazap::adapters::postgres
