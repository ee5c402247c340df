// PgConversationStore's customer lock and backlog (conversation_store.h): LockCustomer,
// LockCustomerOf and StaleUnprocessed.
#include <memory>
#include <string>
#include <string_view>

#include "adapters/postgres/conversation_rows.h"
#include "adapters/postgres/conversation_store.h"
#include "adapters/postgres/tenant_store.h"

namespace orcazap::adapters::postgres {
namespace {

// kFindInbound (conversation_store.cc) that also waits for, then takes, the lock of the message's
// customer (the key is CustomerKey's, built from the row) when the row is found. The row is read
// before the lock is granted.
const std::string kFindInboundAndLock = std::string(kInboundColumns) + R"sql(,
       pg_advisory_lock(hashtextextended(
         'customer:' || tenant_id || ':' || channel_id || ':' || peer_phone, 0))
  FROM messages WHERE tenant_id = $1 AND id = $2 AND direction = 'inbound')sql";

// The conversation the inbound message $2 is linked to (kConversationWhoseId).
const std::string kConversationOfInbound = std::string(kConversationWhoseId) + R"sql(
       (SELECT conversation_id FROM messages
         WHERE tenant_id = $1 AND id = $2 AND direction = 'inbound')))sql" +
                                           kConversationWithOpenQuote;

// A session-level advisory lock on one customer, held by a pooled connection of its own.
constexpr char kLockCustomer[] = "SELECT pg_advisory_lock(hashtextextended($1, 0))";
constexpr char kUnlockCustomer[] = "SELECT pg_advisory_unlock(hashtextextended($1, 0))";
// After a failed locking pipeline: its lock statement may have run, and a session-level lock
// outlives the pipeline. Released whole: a connection leased for a customer's lock holds no
// other advisory lock. (A lost session took its locks with it.)
constexpr char kUnlockAll[] = "SELECT pg_advisory_unlock_all()";

// A customer's backlog: their unprocessed messages, oldest first. The customer (tenant, channel,
// phone) follows: given (kUnprocessedFrom), or as the customer of message $2
// (kUnprocessedFromCustomerOf, run after kFindInboundAndLock, with a snapshot taken once the lock
// was granted).
constexpr char kUnprocessedOfCustomer[] = R"sql(
SELECT id FROM messages
 WHERE direction = 'inbound' AND processed_at IS NULL
   AND (tenant_id, channel_id, peer_phone) = )sql";
const std::string kUnprocessedFrom =
    std::string(kUnprocessedOfCustomer) + "($1::uuid, $2::uuid, $3::text) ORDER BY seq";
const std::string kUnprocessedFromCustomerOf = std::string(kUnprocessedOfCustomer) + R"sql(
       (SELECT tenant_id, channel_id, peer_phone FROM messages
         WHERE tenant_id = $1 AND id = $2 AND direction = 'inbound')
 ORDER BY seq)sql";

constexpr char kStaleUnprocessed[] = R"sql(
SELECT id, tenant_id FROM messages
 WHERE direction = 'inbound' AND processed_at IS NULL AND created_at < to_timestamp($1::bigint)
 ORDER BY seq LIMIT $2::integer)sql";

class PgCustomerLock : public service::CustomerLock {
 public:
  // `unprocessed`: the customer's backlog as read under the lock (one message id per row).
  PgCustomerLock(PgPool::Lease lease, std::string key, const Rows& unprocessed)
      : lease_(std::move(lease)), key_(std::move(key)) {
    for (int i = 0; i < unprocessed.size(); ++i) backlog.emplace_back(unprocessed.Get(i, 0));
  }
  ~PgCustomerLock() override { (void)lease_->Exec(kUnlockCustomer, {key_}); }

 private:
  PgPool::Lease lease_;
  std::string key_;
};

// The advisory lock's key of one customer on one channel (kFindInboundAndLock builds the same).
std::string CustomerKey(std::string_view tenant_id, std::string_view channel_id,
                        std::string_view phone) {
  std::string key = "customer:";
  key.append(tenant_id).append(":").append(channel_id).append(":").append(phone);
  return key;
}

}  // namespace

core::Result<std::unique_ptr<service::CustomerLock>> PgConversationStore::LockCustomer(
    const std::string& tenant_id, const std::string& channel_id, const std::string& phone) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  std::string key = CustomerKey(tenant_id, channel_id, phone);
  // One round trip: the backlog is read by the statement after the lock was granted, with a
  // snapshot taken then (read committed), so it sees every earlier holder's work.
  auto locked = (*conn)->ExecPipeline(
      {{kLockCustomer, {key}}, {kUnprocessedFrom, {tenant_id, channel_id, phone}}});
  if (!locked) {
    (void)(*conn)->Exec(kUnlockAll);
    return locked.error();
  }
  return std::unique_ptr<service::CustomerLock>(
      std::make_unique<PgCustomerLock>(std::move(conn).value(), std::move(key), (*locked)[1]));
}

core::Result<std::optional<service::LockedInbound>> PgConversationStore::LockCustomerOf(
    const std::string& tenant_id, const std::string& message_id) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  // One round trip, as in LockCustomer: the message (and its customer's lock), then the backlog,
  // the message's conversation and the tenant's settings, all read after the lock was granted.
  auto locked = (*conn)->ExecPipeline({{kFindInboundAndLock, {tenant_id, message_id}},
                                       {kUnprocessedFromCustomerOf, {tenant_id, message_id}},
                                       {kConversationOfInbound, {tenant_id, message_id}},
                                       {kSelectTenantSettings, {tenant_id}}});
  if (!locked) {
    (void)(*conn)->Exec(kUnlockAll);
    return locked.error();
  }
  const Rows& found = (*locked)[0];
  if (found.empty()) return std::optional<service::LockedInbound>();
  service::InboundRecord message = InboundFromRow(found);
  auto lock = std::make_unique<PgCustomerLock>(
      std::move(conn).value(), CustomerKey(message.tenant_id, message.channel_id, message.from),
      (*locked)[1]);
  std::optional<service::ConversationRecord> conversation;
  if (const Rows& linked = (*locked)[2]; !linked.empty()) {
    auto read = ConversationFromRow(&linked, tenant_id);
    if (!read) return read.error();  // the lock is released with `lock`
    conversation = std::move(read).value();
  }
  return std::optional(service::LockedInbound{std::move(message), std::move(lock),
                                              std::move(conversation),
                                              TenantSettingsFromRows((*locked)[3])});
}

core::Result<std::vector<service::NewInboundMessage>> PgConversationStore::StaleUnprocessed(
    service::Instant before, int limit) {
  // Across tenants by design (the reconciliation job serves all); rows carry their tenant.
  auto rows =
      pool_.Exec(kStaleUnprocessed, {std::to_string(UnixSeconds(before)), std::to_string(limit)});
  if (!rows) return rows.error();
  std::vector<service::NewInboundMessage> stale;
  for (int i = 0; i < rows->size(); ++i) {
    stale.push_back({std::string(rows->Get(i, 0)), std::string(rows->Get(i, 1))});
  }
  return stale;
}

}  // namespace orcazap::adapters::postgres
