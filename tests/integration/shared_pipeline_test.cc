// SharedPipeline against a real PostgreSQL (shared_pipeline.h): units handed over while a
// transaction is being written share the next one and each gets its own rows; a unit that fails
// a shared transaction fails alone; a unit asking for the WAL flush gets it for its transaction;
// with two transactions in flight, a unit does not wait behind a blocked one.
//
// A first unit waits on an advisory lock the test holds, so that the units handed over meanwhile
// queue behind it; the test releases the lock once they are all queued.

#include "adapters/postgres/shared_pipeline.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "tests/harness/stack.h"

namespace orcazap::testing {
namespace {

using adapters::postgres::Durability;
using adapters::postgres::PgConnection;
using adapters::postgres::PgPool;
using adapters::postgres::Rows;
using adapters::postgres::SharedPipeline;

constexpr char kInsert[] =
    "INSERT INTO items VALUES ($1::int, $2) RETURNING id, txid_current()::text";
constexpr char kHoldLock[] = "SELECT pg_advisory_xact_lock($1::bigint)";
constexpr char kLockKey[] = "7311";

using Outcome = core::Result<std::vector<Rows>>;

class SharedPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto holder = PgConnection::Connect(db_.url());
    ASSERT_TRUE(holder.ok()) << holder.error().message();
    holder_ = std::move(*holder);
    db_.Query("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)");
  }

  // Runs `units` so that they all wait behind a transaction in flight: the first unit of the
  // group (a lock the test holds) is handed over alone, the others once it is being written, and
  // the lock is released once they have all queued. Returns each unit's outcome, in order.
  std::vector<Outcome> RunQueuedBehindABlockedUnit(const std::vector<SharedPipeline::Unit>& units) {
    EXPECT_TRUE(HoldTheLock());
    std::vector<std::optional<Outcome>> outcomes(units.size());
    std::vector<std::jthread> threads;
    threads.emplace_back([&] { EXPECT_TRUE(shared_.Run({{kHoldLock, {kLockKey}}}).ok()); });
    EXPECT_TRUE(Stack::WaitUntil([&] { return BlockedOnTheLock(); }));
    for (size_t i = 0; i < units.size(); ++i) {
      threads.emplace_back([&, i] { outcomes[i].emplace(shared_.Run(units[i])); });
      // In order: each unit queued before the next is handed over.
      EXPECT_TRUE(Stack::WaitUntil([&] { return shared_.stats().waiting == i + 1; }));
    }
    EXPECT_TRUE(ReleaseTheLock());
    threads.clear();  // joins
    std::vector<Outcome> results;
    for (auto& outcome : outcomes) results.push_back(std::move(*outcome));
    return results;
  }

  // The lock kHoldLock waits for, taken and released by the test's own session.
  bool HoldTheLock() {
    return holder_->Exec("SELECT pg_advisory_lock($1::bigint)", {kLockKey}).ok();
  }
  bool ReleaseTheLock() {
    return holder_->Exec("SELECT pg_advisory_unlock($1::bigint)", {kLockKey}).ok();
  }

  bool BlockedOnTheLock() {
    return db_.Count(
               "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND "
               "database = (SELECT oid FROM pg_database WHERE datname = current_database())") > 0;
  }

  static SharedPipeline::Unit InsertUnit(int id, const std::string& name) {
    return {{kInsert, {std::to_string(id), name}}};
  }

  TestDatabase db_;
  std::unique_ptr<PgConnection> holder_;  // holds the lock the first unit waits for
  PgPool pool_{db_.url(), 4, Durability::kDeferred};
  // One transaction in flight, so that every unit handed over meanwhile joins the next one.
  SharedPipeline shared_{pool_, 32, 1};
};

TEST_F(SharedPipelineTest, AUnitAloneRunsAtOnceAllOrNothing) {
  auto written = shared_.Run(
      {{kInsert, {"1", "cimento"}}, {"SELECT name FROM items WHERE id = $1::int", {"1"}}});
  ASSERT_TRUE(written.ok()) << written.error().message();
  ASSERT_EQ(written->size(), 2u);
  EXPECT_EQ((*written)[1].Get(0, 0), "cimento") << "a unit sees its own earlier statements";

  auto refused = shared_.Run({{kInsert, {"2", "areia"}}, {kInsert, {"1", "again"}}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kConflict) << refused.error().message();
  EXPECT_EQ(db_.Count("SELECT count(*) FROM items"), 1) << "the unit's first insert rolled back";
  EXPECT_EQ(shared_.stats().batches, 2);
  EXPECT_EQ(shared_.stats().largest, 1u);
}

TEST_F(SharedPipelineTest, UnitsQueuedTogetherShareOneTransactionAndEachGetsItsOwnRows) {
  const auto outcomes = RunQueuedBehindABlockedUnit(
      {InsertUnit(1, "cimento"), InsertUnit(2, "areia"), InsertUnit(3, "brita")});
  std::vector<std::string> transactions;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    ASSERT_TRUE(outcomes[i].ok()) << outcomes[i].error().message();
    ASSERT_EQ(outcomes[i]->size(), 1u);
    EXPECT_EQ((*outcomes[i])[0].Get(0, 0), std::to_string(i + 1)) << "its own row back";
    transactions.emplace_back((*outcomes[i])[0].Get(0, 1));
  }
  EXPECT_EQ(transactions[0], transactions[1]);
  EXPECT_EQ(transactions[1], transactions[2]);
  EXPECT_EQ(db_.Count("SELECT count(*) FROM items"), 3);
  const auto stats = shared_.stats();
  EXPECT_EQ(stats.batches, 2) << "the blocked unit, then the three together";
  EXPECT_EQ(stats.requests, 4);
  EXPECT_EQ(stats.largest, 3u);
}

TEST_F(SharedPipelineTest, AUnitThatFailsASharedTransactionFailsAloneAndTheOthersAreCommitted) {
  db_.Query("INSERT INTO items VALUES (100, 'cal')");
  const auto outcomes = RunQueuedBehindABlockedUnit(
      {InsertUnit(1, "cimento"), InsertUnit(100, "duplicate"), InsertUnit(3, "brita")});
  ASSERT_TRUE(outcomes[0].ok()) << outcomes[0].error().message();
  ASSERT_FALSE(outcomes[1].ok());
  EXPECT_EQ(outcomes[1].error().code(), core::ErrorCode::kConflict)
      << outcomes[1].error().message();
  ASSERT_TRUE(outcomes[2].ok()) << outcomes[2].error().message();
  EXPECT_NE((*outcomes[0])[0].Get(0, 1), (*outcomes[2])[0].Get(0, 1))
      << "after the shared transaction failed, each unit ran alone";
  EXPECT_EQ(db_.Count("SELECT count(*) FROM items WHERE id IN (1, 3)"), 2);
  EXPECT_EQ(db_.Count("SELECT count(*) FROM items WHERE id = 100 AND name = 'cal'"), 1);
}

TEST_F(SharedPipelineTest, AUnitAskingForTheFlushGetsItForTheWholeSharedTransaction) {
  const auto outcomes =
      RunQueuedBehindABlockedUnit({{{"SELECT set_config('synchronous_commit', $1, true)", {"on"}}},
                                   {{"SELECT current_setting($1)", {"synchronous_commit"}}}});
  ASSERT_TRUE(outcomes[0].ok()) << outcomes[0].error().message();
  ASSERT_TRUE(outcomes[1].ok()) << outcomes[1].error().message();
  EXPECT_EQ((*outcomes[1])[0].Get(0, 0), "on")
      << "the pool commits without the flush; the transaction both units share flushes";
  auto alone = shared_.Run({{"SELECT current_setting($1)", {"synchronous_commit"}}});
  ASSERT_TRUE(alone.ok());
  EXPECT_EQ((*alone)[0].Get(0, 0), "off") << "the setting held for that transaction only";
}

TEST_F(SharedPipelineTest, WithTwoInFlightAUnitDoesNotWaitForABlockedTransaction) {
  SharedPipeline two_in_flight(pool_, 32, 2);
  ASSERT_TRUE(HoldTheLock());
  std::jthread blocked([&] { EXPECT_TRUE(two_in_flight.Run({{kHoldLock, {kLockKey}}}).ok()); });
  ASSERT_TRUE(Stack::WaitUntil([&] { return BlockedOnTheLock(); }));

  auto written = two_in_flight.Run(InsertUnit(1, "cimento"));
  ASSERT_TRUE(written.ok()) << written.error().message();
  EXPECT_TRUE(BlockedOnTheLock()) << "written while the first transaction still waits";
  EXPECT_EQ(db_.Count("SELECT count(*) FROM items"), 1);

  ASSERT_TRUE(ReleaseTheLock());
  blocked.join();
  EXPECT_EQ(two_in_flight.stats().batches, 2);
}

}  // namespace
}  // namespace orcazap::testing
