// PgConversationStore::LockCustomerOf against a real PostgreSQL: the message comes with its
// customer's lock (the same lock LockCustomer takes), the backlog and the tenant's settings read
// under it, and a message the tenant does not hold leaves no lock behind.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/harness/stores_test.h"

namespace orcazap::testing {
namespace {

class CustomerLockOf : public StoresTest {
 protected:
  service::NewInboundMessage Receive(const std::string& id, const std::string& from) {
    return Store(TextFrom(id, from));
  }

  // Whether another session could take the lock LockCustomer(tenant, channel, phone) takes.
  bool CustomerLockIsFree(const service::InboundRecord& message) {
    const std::string key =
        "customer:" + message.tenant_id + ":" + message.channel_id + ":" + message.from;
    const bool free = stack_.db()
                          .Query("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", {key})
                          .GetBool(0, 0);
    if (free) stack_.db().Query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", {key});
    return free;
  }

  long long AdvisoryLocksHeld() {
    // This test's database only: tests running beside it hold their own.
    return stack_.db().Count(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
        "(SELECT oid FROM pg_database WHERE datname = current_database())");
  }
};

TEST_F(CustomerLockOf, TheMessageComesWithItsCustomersLockAndBacklog) {
  const auto first = Receive("wamid.l1", "5511933332222");
  const auto second = Receive("wamid.l2", "5511933332222");
  (void)Receive("wamid.l3", "5511922221111");  // another customer's: not in the backlog

  auto locked = conversations_.LockCustomerOf(second.tenant_id, second.message_id);
  ASSERT_TRUE(locked.ok()) << locked.error().message();
  ASSERT_TRUE(locked->has_value());
  const service::InboundRecord& message = (*locked)->message;
  EXPECT_EQ(message.message_id, second.message_id);
  EXPECT_EQ(message.from, "5511933332222");
  EXPECT_EQ(message.text, "oi");
  EXPECT_FALSE(message.processed);
  EXPECT_EQ((*locked)->lock->backlog,
            (std::vector<std::string>{first.message_id, second.message_id}));
  EXPECT_FALSE(CustomerLockIsFree(message)) << "the lock LockCustomer takes for that customer";

  (*locked)->lock.reset();
  EXPECT_TRUE(CustomerLockIsFree(message)) << "released with the lock";
}

TEST_F(CustomerLockOf, TheTenantsSettingsComeAsCommittedBeforeTheLock) {
  const auto stored = Receive("wamid.s1", "5511944443333");
  const std::string& tenant = stored.tenant_id;
  const long long version =
      stack_.db().Count("SELECT catalog_version FROM tenants WHERE id = $1", {tenant});
  stack_.db().Query("UPDATE items SET price_centavos = price_centavos + 1 WHERE tenant_id = $1",
                    {tenant});
  stack_.db().Query("UPDATE tenants SET quote_validity_hours = 36 WHERE id = $1", {tenant});

  auto locked = conversations_.LockCustomerOf(tenant, stored.message_id);
  ASSERT_TRUE(locked.ok()) << locked.error().message();
  ASSERT_TRUE(locked->has_value());
  ASSERT_TRUE((*locked)->tenant.has_value());
  EXPECT_EQ((*locked)->tenant->timezone, "America/Sao_Paulo");
  EXPECT_EQ((*locked)->tenant->quote_validity_hours, 36);
  EXPECT_EQ((*locked)->tenant->catalog_version, version + 1) << "the price change bumped it";
  locked->reset();

  stack_.db().Query("UPDATE tenants SET status = 'suspended' WHERE id = $1", {tenant});
  auto suspended = conversations_.LockCustomerOf(tenant, stored.message_id);
  ASSERT_TRUE(suspended.ok()) << suspended.error().message();
  ASSERT_TRUE(suspended->has_value());
  EXPECT_FALSE((*suspended)->tenant.has_value()) << "not active: LoadTenant says so";
}

TEST_F(CustomerLockOf, AMessageTheTenantDoesNotHoldLeavesNoLock) {
  const auto stored = Receive("wamid.m1", "5511911110000");
  auto unknown =
      conversations_.LockCustomerOf(stored.tenant_id, "00000000-0000-0000-0000-000000000000");
  ASSERT_TRUE(unknown.ok()) << unknown.error().message();
  EXPECT_FALSE(unknown->has_value());
  auto other_tenant =
      conversations_.LockCustomerOf("00000000-0000-0000-0000-000000000000", stored.message_id);
  ASSERT_TRUE(other_tenant.ok()) << other_tenant.error().message();
  EXPECT_FALSE(other_tenant->has_value());
  EXPECT_EQ(AdvisoryLocksHeld(), 0);
}

}  // namespace
}  // namespace orcazap::testing
