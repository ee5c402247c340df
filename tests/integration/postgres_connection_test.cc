// PgConnection against a real PostgreSQL: statements with parameters are prepared once per
// connection and stay right across schema changes and reconnections (connection.h, item 5);
// pipelines run all or nothing and a Transaction's BEGIN travels with its first statement
// (item 6).

#include <gtest/gtest.h>

#include <string>

#include "adapters/postgres/connection.h"
#include "tests/harness/stack.h"

namespace orcazap::testing {
namespace {

using adapters::postgres::PgConnection;

class PgConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto conn = PgConnection::Connect(db_.url());
    ASSERT_TRUE(conn.ok()) << conn.error().message();
    conn_ = std::move(*conn);
    ASSERT_TRUE(conn_->Exec("CREATE TABLE items (id int PRIMARY KEY, name text)").ok());
  }

  // Statements prepared on conn_'s session (the query has no parameters: it is not prepared).
  long long PreparedCount() {
    auto rows = conn_->Exec("SELECT count(*) FROM pg_prepared_statements");
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? rows->GetInt(0, 0) : -1;
  }

  // Until the backend `pid`, told to terminate, has exited.
  void WaitUntilGone(const std::string& pid) {
    ASSERT_TRUE(Stack::WaitUntil([&] {
      return db_.Count("SELECT count(*) FROM pg_stat_activity WHERE pid = $1::int", {pid}) == 0;
    }));
  }

  TestDatabase db_;
  std::unique_ptr<PgConnection> conn_;
};

TEST_F(PgConnectionTest, AStatementWithParametersIsPreparedOnceAndGivesEachCallsResult) {
  for (int i = 1; i <= 20; ++i) {
    auto inserted = conn_->Exec("INSERT INTO items VALUES ($1::int, $2) RETURNING name",
                                {std::to_string(i), "item " + std::to_string(i)});
    ASSERT_TRUE(inserted.ok()) << inserted.error().message();
    EXPECT_EQ(inserted->Get(0, 0), "item " + std::to_string(i));
  }
  for (int i = 1; i <= 20; ++i) {
    auto rows = conn_->Exec("SELECT name FROM items WHERE id = $1::int", {std::to_string(i)});
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 1);
    EXPECT_EQ(rows->Get(0, 0), "item " + std::to_string(i));
  }
  EXPECT_EQ(PreparedCount(), 2);
  EXPECT_EQ(db_.Count("SELECT count(*) FROM items"), 20);
}

TEST_F(PgConnectionTest, ASyntaxErrorIsAnErrorEveryTimeAndNothingIsKept) {
  for (int i = 0; i < 2; ++i) {
    auto rows = conn_->Exec("SELEC name FROM items WHERE id = $1::int", {"1"});
    ASSERT_FALSE(rows.ok());
    EXPECT_NE(rows.error().message().find("42601"), std::string::npos) << rows.error().message();
  }
  EXPECT_EQ(PreparedCount(), 0);
}

TEST_F(PgConnectionTest, AStatementStillRunsAfterTheTableChangesUnderIt) {
  ASSERT_TRUE(conn_->Exec("INSERT INTO items VALUES ($1::int, $2)", {"1", "cimento"}).ok());
  const char* select_all = "SELECT * FROM items WHERE id = $1::int";
  auto before = conn_->Exec(select_all, {"1"});
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(conn_->Exec("ALTER TABLE items ADD COLUMN unit text DEFAULT 'saco'").ok());
  // PostgreSQL refuses the old plan once ("cached plan must not change result type"); the
  // connection forgets it, so the next call prepares the new shape.
  auto first = conn_->Exec(select_all, {"1"});
  if (!first.ok()) {
    EXPECT_NE(first.error().message().find("0A000"), std::string::npos) << first.error().message();
    first = conn_->Exec(select_all, {"1"});
  }
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(first->Get(0, 2), "saco");
}

TEST_F(PgConnectionTest, AConnectionResetAfterItsSessionDiedPreparesAgain) {
  const char* select = "SELECT name FROM items WHERE id = $1::int";
  ASSERT_TRUE(conn_->Exec("INSERT INTO items VALUES ($1::int, $2)", {"1", "areia"}).ok());
  ASSERT_TRUE(conn_->Exec(select, {"1"}).ok());
  auto pid = conn_->Exec("SELECT pg_backend_pid()");
  ASSERT_TRUE(pid.ok());
  db_.Query("SELECT pg_terminate_backend($1::int)", {std::string(pid->Get(0, 0))});
  WaitUntilGone(std::string(pid->Get(0, 0)));
  // The first call after the kill finds the connection broken; the next one resets it.
  auto rows = conn_->Exec(select, {"1"});
  if (!rows.ok()) rows = conn_->Exec(select, {"1"});
  ASSERT_TRUE(rows.ok()) << rows.error().message();
  EXPECT_EQ(rows->Get(0, 0), "areia");
  EXPECT_EQ(PreparedCount(), 1);
}

TEST_F(PgConnectionTest, StatementsBeyondTheCacheStillRunUnprepared) {
  const size_t statements = PgConnection::kMaxPreparedStatements + 10;
  for (size_t i = 0; i < statements; ++i) {
    // Distinct text each time, as SQL built at run time would be.
    const std::string sql = "SELECT $1::int + " + std::to_string(i);
    auto rows = conn_->Exec(sql, {"1"});
    ASSERT_TRUE(rows.ok()) << rows.error().message();
    EXPECT_EQ(rows->GetInt(0, 0), static_cast<long long>(i) + 1);
  }
  EXPECT_EQ(PreparedCount(), static_cast<long long>(PgConnection::kMaxPreparedStatements));
}

using adapters::postgres::Statement;
using adapters::postgres::Transaction;

TEST_F(PgConnectionTest, APipelineRunsItsStatementsInOrderAndGivesEachItsRows) {
  auto rows = conn_->ExecPipeline({{"INSERT INTO items VALUES ($1::int, $2)", {"1", "cimento"}},
                                   {"INSERT INTO items VALUES ($1::int, $2)", {"2", "areia"}},
                                   {"UPDATE items SET name = name || $1 WHERE id <= 2", {"!"}},
                                   {"SELECT name FROM items ORDER BY id", {}}});
  ASSERT_TRUE(rows.ok()) << rows.error().message();
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[2].affected(), 2);
  ASSERT_EQ((*rows)[3].size(), 2);
  EXPECT_EQ((*rows)[3].Get(0, 0), "cimento!");
  EXPECT_EQ((*rows)[3].Get(1, 0), "areia!");
  EXPECT_FALSE(conn_->InTransaction());  // committed as one implicit transaction
  EXPECT_EQ(db_.Count("SELECT count(*) FROM items"), 2);
}

TEST_F(PgConnectionTest, APipelineWithAFailingStatementChangesNothingAndSaysWhatFailed) {
  auto rows = conn_->ExecPipeline({{"INSERT INTO items VALUES ($1::int, $2)", {"1", "cimento"}},
                                   {"INSERT INTO items VALUES ($1::int, $2)", {"1", "duplicado"}},
                                   {"INSERT INTO items VALUES ($1::int, $2)", {"3", "brita"}}});
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().code(), core::ErrorCode::kConflict);
  EXPECT_NE(rows.error().message().find("23505"), std::string::npos) << rows.error().message();
  EXPECT_NE(rows.error().message().find("items_pkey"), std::string::npos)
      << "names the constraint: " << rows.error().message();
  EXPECT_EQ(rows.error().message().find("Key (id)"), std::string::npos)
      << "never repeats the failing key or row (logs would hold customers' data): "
      << rows.error().message();
  EXPECT_EQ(db_.Count("SELECT count(*) FROM items"), 0);
  // The connection is usable at once, in and out of pipelines.
  ASSERT_TRUE(conn_->Exec("INSERT INTO items VALUES ($1::int, $2)", {"1", "cimento"}).ok());
  auto again = conn_->ExecPipeline({{"SELECT name FROM items WHERE id = $1::int", {"1"}}});
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_EQ((*again)[0].Get(0, 0), "cimento");
}

TEST_F(PgConnectionTest, ATransactionsBeginTravelsWithItsFirstStatementAndRollsBackOnRequest) {
  {
    auto tx = Transaction::Begin(*conn_);
    ASSERT_TRUE(tx.ok());
    EXPECT_FALSE(conn_->InTransaction());  // nothing sent yet
    auto rows = conn_->ExecPipeline(
        {{"INSERT INTO items VALUES ($1::int, $2)", {"1", "cal"}},
         {"UPDATE items SET name = $2 WHERE id = $1::int", {"1", "cal hidratada"}}});
    ASSERT_TRUE(rows.ok()) << rows.error().message();
    EXPECT_TRUE(conn_->InTransaction());
    EXPECT_EQ(db_.Count("SELECT count(*) FROM items"), 0);  // not committed yet
  }                                                         // destroyed uncommitted: rolled back
  EXPECT_FALSE(conn_->InTransaction());
  EXPECT_EQ(db_.Count("SELECT count(*) FROM items"), 0);
  {
    auto tx = Transaction::Begin(*conn_);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(conn_->Exec("INSERT INTO items VALUES ($1::int, $2)", {"2", "tijolo"}).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  EXPECT_EQ(db_.Count("SELECT count(*) FROM items"), 1);
  {
    auto tx = Transaction::Begin(*conn_);  // no statement: commits without a round trip
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  EXPECT_FALSE(conn_->InTransaction());
}

TEST_F(PgConnectionTest, AFailedStatementInATransactionPipelineAbortsTheWholeTransaction) {
  auto tx = Transaction::Begin(*conn_);
  ASSERT_TRUE(tx.ok());
  auto rows = conn_->ExecPipeline({{"INSERT INTO items VALUES ($1::int, $2)", {"1", "cal"}},
                                   {"INSERT INTO items VALUES ($1::int, $2)", {"x", "cal"}}});
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.error().message().find("22P02"), std::string::npos) << rows.error().message();
  EXPECT_FALSE((*tx)->Commit().ok());  // an aborted transaction cannot commit
  EXPECT_FALSE(conn_->InTransaction());
  EXPECT_EQ(db_.Count("SELECT count(*) FROM items"), 0);
}

TEST_F(PgConnectionTest, APipelineOnAConnectionWhoseSessionDiedFailsAndTheNextCallReconnects) {
  ASSERT_TRUE(conn_->Exec("INSERT INTO items VALUES ($1::int, $2)", {"1", "areia"}).ok());
  auto pid = conn_->Exec("SELECT pg_backend_pid()");
  ASSERT_TRUE(pid.ok());
  db_.Query("SELECT pg_terminate_backend($1::int)", {std::string(pid->Get(0, 0))});
  WaitUntilGone(std::string(pid->Get(0, 0)));
  const std::vector<Statement> pipeline = {
      {"UPDATE items SET name = $2 WHERE id = $1::int", {"1", "areia fina"}},
      {"SELECT name FROM items WHERE id = $1::int", {"1"}}};
  auto rows = conn_->ExecPipeline(pipeline);
  if (!rows.ok()) {
    EXPECT_EQ(rows.error().code(), core::ErrorCode::kTransient) << rows.error().message();
    rows = conn_->ExecPipeline(pipeline);
  }
  ASSERT_TRUE(rows.ok()) << rows.error().message();
  EXPECT_EQ((*rows)[1].Get(0, 0), "areia fina");
  // And plain statements work on the reset connection too.
  auto plain = conn_->Exec("SELECT name FROM items WHERE id = $1::int", {"1"});
  ASSERT_TRUE(plain.ok()) << plain.error().message();
}

std::string SynchronousCommit(PgConnection& conn) {
  auto rows = conn.Exec("SHOW synchronous_commit");
  return rows.ok() ? std::string(rows->Get(0, 0)) : "error: " + rows.error().message();
}

TEST_F(PgConnectionTest,
       ADeferredConnectionFlushesOnlyTheTransactionsThatAskAndKeepsThatAfterAReset) {
  auto connected = PgConnection::Connect(db_.url(), adapters::postgres::Durability::kDeferred);
  ASSERT_TRUE(connected.ok()) << connected.error().message();
  PgConnection& deferred = **connected;
  EXPECT_EQ(SynchronousCommit(deferred), "off");
  EXPECT_EQ(SynchronousCommit(*conn_), "on");  // the default is flushed
  {
    auto tx =
        adapters::postgres::Transaction::Begin(deferred, adapters::postgres::Durability::kFlushed);
    ASSERT_TRUE(tx.ok()) << tx.error().message();
    EXPECT_EQ(SynchronousCommit(deferred), "on");
    ASSERT_TRUE(deferred.Exec("INSERT INTO items VALUES ($1::int, $2)", {"1", "brita"}).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  EXPECT_EQ(SynchronousCommit(deferred), "off");
  {
    auto tx = adapters::postgres::Transaction::Begin(deferred);
    ASSERT_TRUE(tx.ok());
    EXPECT_EQ(SynchronousCommit(deferred), "off");
  }  // rolled back
  EXPECT_FALSE(deferred.InTransaction());
  // A pipeline is one transaction: a setting local to it holds for its commit, then lapses.
  auto piped = deferred.ExecPipeline(
      {{"SELECT set_config('synchronous_commit', $1, true)", {"on"}},
       {"INSERT INTO items VALUES ($1::int, $2)", {"2", "cal"}},
       {"SELECT current_setting('synchronous_commit'), txid_current_if_assigned() IS NOT NULL",
        {}}});
  ASSERT_TRUE(piped.ok()) << piped.error().message();
  EXPECT_EQ((*piped)[2].Get(0, 0), "on");
  EXPECT_EQ((*piped)[2].Get(0, 1), "t");  // the INSERT's transaction is still the current one
  EXPECT_EQ(SynchronousCommit(deferred), "off");

  auto pid = deferred.Exec("SELECT pg_backend_pid()");
  ASSERT_TRUE(pid.ok());
  db_.Query("SELECT pg_terminate_backend($1::int)", {std::string(pid->Get(0, 0))});
  WaitUntilGone(std::string(pid->Get(0, 0)));
  // The first statement finds the session gone; the next one runs on a new session.
  EXPECT_TRUE(SynchronousCommit(deferred).starts_with("error"));
  EXPECT_EQ(SynchronousCommit(deferred), "off") << "a new session keeps the durability";
  EXPECT_EQ(db_.Count("SELECT count(*) FROM items"), 2);  // "brita" and the pipeline's "cal"
}

TEST_F(PgConnectionTest, APoolOpensConnectionsAheadUpToItsSizeAndHandsThoseOut) {
  const std::string sessions =
      "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
      "AND backend_type = 'client backend'";
  const long long before = db_.Count(sessions);
  adapters::postgres::PgPool pool(db_.url(), 3);
  ASSERT_TRUE(pool.Open(5).ok());  // no more than the pool's size
  EXPECT_EQ(db_.Count(sessions), before + 3);
  ASSERT_TRUE(pool.Open(2).ok());  // already open
  auto first = pool.Acquire();
  auto second = pool.Acquire();
  auto third = pool.Acquire();
  ASSERT_TRUE(first.ok() && second.ok() && third.ok());
  EXPECT_EQ(db_.Count(sessions), before + 3) << "the leases are the connections opened ahead";
  auto rows = (*third)->Exec("SELECT $1::int + 1", {"41"});
  ASSERT_TRUE(rows.ok()) << rows.error().message();
  EXPECT_EQ(rows->Get(0, 0), "42");
}

TEST_F(PgConnectionTest, APoolsOneStatementGivesItsConnectionBackWithTheRowsOrTheError) {
  adapters::postgres::PgPool pool(db_.url(), 1);
  auto rows = pool.Exec("SELECT $1::int + 1", {"41"});
  ASSERT_TRUE(rows.ok()) << rows.error().message();
  auto failed = pool.Exec("SELECT $1::int", {"not a number"});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code(), core::ErrorCode::kPermanent) << failed.error().message();
  // The pool's one connection came back both times (an Acquire would otherwise wait forever),
  // and the rows outlive it.
  auto lease = pool.Acquire();
  ASSERT_TRUE(lease.ok()) << lease.error().message();
  EXPECT_EQ(rows->Get(0, 0), "42");
}

TEST_F(PgConnectionTest, OpeningAheadWhenPostgresIsUnreachableFailsAndLeavesThePoolWaitingForNone) {
  adapters::postgres::PgPool pool("postgresql://orcazap@127.0.0.1:1/orcazap?connect_timeout=2", 1);
  auto opened = pool.Open(1);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code(), core::ErrorCode::kTransient) << opened.error().message();
  // The failed connection does not count as open: an Acquire tries again instead of waiting
  // for a lease that will never come back.
  auto lease = pool.Acquire();
  ASSERT_FALSE(lease.ok());
  EXPECT_EQ(lease.error().code(), core::ErrorCode::kTransient);
}

}  // namespace
}  // namespace orcazap::testing
