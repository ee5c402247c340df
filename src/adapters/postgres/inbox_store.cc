#include "adapters/postgres/inbox_store.h"

#include <nlohmann/json.hpp>

#include "adapters/postgres/audit.h"

namespace orcazap::adapters::postgres {
namespace {

constexpr char kEntryColumns[] = R"sql(
SELECT c.id, ct.phone, ct.profile_name, c.state, c.needs_human,
       COALESCE((SELECT m.text FROM messages m WHERE m.tenant_id = c.tenant_id
                   AND m.conversation_id = c.id ORDER BY m.seq DESC LIMIT 1), ''),
       extract(epoch FROM c.last_inbound_at)::bigint
  FROM conversations c JOIN contacts ct ON ct.id = c.contact_id AND ct.tenant_id = c.tenant_id)sql";

const std::string kInbox = std::string(kEntryColumns) + R"sql(
 WHERE c.tenant_id = $1 ORDER BY c.needs_human DESC, c.updated_at DESC LIMIT $2::integer)sql";

const std::string kOneEntry =
    std::string(kEntryColumns) + " WHERE c.tenant_id = $1 AND c.id = $2::uuid";

constexpr char kMessages[] = R"sql(
SELECT direction, text, extract(epoch FROM created_at)::bigint FROM (
  SELECT direction, text, created_at, seq FROM messages
   WHERE tenant_id = $1 AND conversation_id = $2 ORDER BY seq DESC LIMIT $3::integer) last
 ORDER BY seq)sql";

constexpr char kLockConversation[] = R"sql(
SELECT c.channel_id, ct.phone FROM conversations c
  JOIN contacts ct ON ct.id = c.contact_id AND ct.tenant_id = c.tenant_id
 WHERE c.tenant_id = $1 AND c.id = $2::uuid FOR UPDATE OF c)sql";

constexpr char kInsertReply[] = R"sql(
INSERT INTO messages (tenant_id, channel_id, conversation_id, direction, peer_phone, type, text,
                      purpose_key, status)
VALUES ($1, $2, $3, 'outbound', $4, 'text', $5, $6, 'queued')
ON CONFLICT (tenant_id, purpose_key) WHERE purpose_key IS NOT NULL DO NOTHING RETURNING id)sql";

constexpr char kClearNeedsHuman[] = R"sql(
UPDATE conversations SET needs_human = false, updated_at = now()
 WHERE tenant_id = $1 AND id = $2)sql";

service::InboxEntry EntryAt(const Rows& rows, int i) {
  service::InboxEntry entry{std::string(rows.Get(i, 0)),
                            std::string(rows.Get(i, 1)),
                            std::string(rows.Get(i, 2)),
                            std::string(rows.Get(i, 3)),
                            rows.GetBool(i, 4),
                            std::string(rows.Get(i, 5)),
                            std::nullopt};
  if (!rows.IsNull(i, 6)) {
    entry.last_inbound_at = service::Instant(std::chrono::seconds(rows.GetInt(i, 6)));
  }
  return entry;
}

}  // namespace

core::Result<std::vector<service::InboxEntry>> PgInboxStore::Inbox(const std::string& tenant_id,
                                                                   int limit) {
  if (!IsUuid(tenant_id)) return std::vector<service::InboxEntry>();
  auto rows = pool_.Exec(kInbox, {tenant_id, std::to_string(limit)});
  if (!rows) return rows.error();
  std::vector<service::InboxEntry> entries;
  for (int i = 0; i < rows->size(); ++i) entries.push_back(EntryAt(*rows, i));
  return entries;
}

core::Result<std::optional<service::Thread>> PgInboxStore::LoadThread(
    const std::string& tenant_id, const std::string& conversation_id, int last_messages) {
  if (!IsUuid(tenant_id) || !IsUuid(conversation_id)) return std::optional<service::Thread>();
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto entry = (*conn)->Exec(kOneEntry, {tenant_id, conversation_id});
  if (!entry) return entry.error();
  if (entry->empty()) return std::optional<service::Thread>();
  service::Thread thread{EntryAt(*entry, 0), {}};
  if (last_messages > 0) {
    auto rows =
        (*conn)->Exec(kMessages, {tenant_id, conversation_id, std::to_string(last_messages)});
    if (!rows) return rows.error();
    for (int i = 0; i < rows->size(); ++i) {
      thread.messages.push_back({rows->Get(i, 0) == "inbound", std::string(rows->Get(i, 1)),
                                 service::Instant(std::chrono::seconds(rows->GetInt(i, 2)))});
    }
  }
  return std::optional(std::move(thread));
}

core::Status PgInboxStore::RecordReply(const std::string& tenant_id,
                                       const std::string& conversation_id,
                                       const std::string& user_id, const std::string& purpose_key,
                                       const std::string& text) {
  if (!IsUuid(tenant_id) || !IsUuid(conversation_id)) {
    return core::Error::NotFound("conversation " + conversation_id);
  }
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto locked = (*conn)->Exec(kLockConversation, {tenant_id, conversation_id});
  if (!locked) return locked.error();
  if (locked->empty()) return core::Error::NotFound("conversation " + conversation_id);
  auto inserted =
      (*conn)->Exec(kInsertReply, {tenant_id, std::string(locked->Get(0, 0)), conversation_id,
                                   std::string(locked->Get(0, 1)), text, purpose_key});
  if (!inserted) return inserted.error();
  if (inserted->empty()) return core::Ok();  // the same form submitted again
  if (auto cleared = (*conn)->Exec(kClearNeedsHuman, {tenant_id, conversation_id}); !cleared) {
    return cleared.error();
  }
  const nlohmann::json after = {{"text", text}, {"message_id", inserted->Get(0, 0)}};
  if (auto audited = WriteAudit(**conn, {tenant_id, user_id, "conversation", conversation_id,
                                         "reply", std::nullopt, after.dump()});
      !audited) {
    return audited.error();
  }
  return (*tx)->Commit();
}

}  // namespace orcazap::adapters::postgres
