// PgTenantStore against a real PostgreSQL (tenant_store.h): jobs that miss the catalog cache at
// the same time share one load of it.
//
// The test holds a lock on the catalog's items, so that the first load waits on it while the
// other jobs arrive; it releases the lock once they all have.

#include "adapters/postgres/tenant_store.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tests/harness/stack.h"

namespace orcazap::testing {
namespace {

using adapters::postgres::PgConnection;
using adapters::postgres::PgPool;
using adapters::postgres::PgTenantStore;

TEST(TenantStore, JobsThatMissTheCacheTogetherShareOneLoadOfTheCatalog) {
  Stack stack{StackOptions{.start_worker = false}};
  PgPool pool{stack.db().url(), 8};
  PgTenantStore tenants{pool};
  const std::string tenant_id(
      stack.db().Query("SELECT id FROM tenants WHERE slug = 'demo'").Get(0, 0));

  auto holder = PgConnection::Connect(stack.db().url());
  ASSERT_TRUE(holder.ok()) << holder.error().message();
  ASSERT_TRUE((*holder)->Exec("BEGIN").ok());
  ASSERT_TRUE((*holder)->Exec("LOCK TABLE items IN ACCESS EXCLUSIVE MODE").ok());

  constexpr int kJobs = 6;
  std::vector<std::optional<core::Result<service::TenantContext>>> contexts(kJobs);
  std::vector<std::jthread> jobs;
  for (int i = 0; i < kJobs; ++i) {
    jobs.emplace_back([&, i] { contexts[i].emplace(tenants.LoadTenant(tenant_id)); });
  }
  const auto waiting_on_items = [&] {
    return stack.db().Count(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = "
        "current_database()");
  };
  ASSERT_TRUE(Stack::WaitUntil([&] { return waiting_on_items() >= 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the other jobs arrive
  EXPECT_EQ(waiting_on_items(), 1) << "each job is loading the catalog itself";
  ASSERT_TRUE((*holder)->Exec("COMMIT").ok());
  jobs.clear();  // joins

  EXPECT_EQ(tenants.loads(), 1);
  for (int i = 0; i < kJobs; ++i) {
    ASSERT_TRUE(contexts[i]->ok()) << contexts[i]->error().message();
    EXPECT_EQ((*contexts[i])->catalog, (*contexts[0])->catalog);
    EXPECT_FALSE((*contexts[i])->catalog->catalog().items.empty());
  }

  // A later job takes the cached catalog.
  ASSERT_TRUE(tenants.LoadTenant(tenant_id).ok());
  EXPECT_EQ(tenants.loads(), 1);
}

}  // namespace
}  // namespace orcazap::testing
