#include "adapters/postgres/conversation_store.h"

#include "adapters/postgres/webhook_store.h"

namespace orcazap::adapters::postgres {
namespace {

constexpr char kFindInbound[] = R"sql(
SELECT id, tenant_id, channel_id, peer_phone, peer_name, type, text, processed_at IS NOT NULL,
       conversation_id
  FROM messages WHERE tenant_id = $1 AND id = $2 AND direction = 'inbound')sql";

constexpr char kUpsertContact[] = R"sql(
INSERT INTO contacts (tenant_id, phone, profile_name) VALUES ($1, $2, $3)
ON CONFLICT (tenant_id, phone) DO UPDATE
   SET profile_name = CASE WHEN EXCLUDED.profile_name <> '' THEN EXCLUDED.profile_name
                           ELSE contacts.profile_name END,
       updated_at = now()
RETURNING id, profile_name)sql";

constexpr char kUpsertConversation[] = R"sql(
INSERT INTO conversations (tenant_id, contact_id, channel_id, last_inbound_at)
VALUES ($1, $2, $3, now())
ON CONFLICT (tenant_id, contact_id, channel_id) DO UPDATE
   SET last_inbound_at = now(), updated_at = now()
RETURNING id, state, captured::text)sql";

constexpr char kLinkMessage[] =
    "UPDATE messages SET conversation_id = $3, updated_at = now() "
    "WHERE tenant_id = $1 AND id = $2 AND conversation_id IS NULL";

constexpr char kMarkProcessed[] =
    "UPDATE messages SET processed_at = now(), updated_at = now() "
    "WHERE tenant_id = $1 AND id = $2 AND processed_at IS NULL";

constexpr char kUpdateConversation[] = R"sql(
UPDATE conversations
   SET state = $3, captured = $4::jsonb, needs_human = $5::boolean, updated_at = now()
 WHERE tenant_id = $1 AND id = $2 AND state = $6)sql";

constexpr char kInsertOutbox[] = R"sql(
INSERT INTO messages (tenant_id, channel_id, conversation_id, direction, peer_phone, type, text,
                      purpose_key, status)
VALUES ($1, $2, $3, 'outbound', $4, 'text', $5, $6, 'queued')
ON CONFLICT (tenant_id, purpose_key) DO NOTHING)sql";

constexpr char kPendingSends[] = R"sql(
SELECT id, tenant_id, channel_id, peer_phone, text FROM messages
 WHERE tenant_id = $1 AND conversation_id = $2 AND direction = 'outbound' AND status = 'queued'
 ORDER BY seq)sql";

constexpr char kMarkSent[] = R"sql(
UPDATE messages SET status = 'sent', provider_message_id = $3, sent_at = now(), updated_at = now()
 WHERE tenant_id = $1 AND id = $2 AND status = 'queued')sql";

constexpr char kStatusEventsFor[] = R"sql(
SELECT status, CASE WHEN error_code IS NULL THEN NULL ELSE error_code || ' ' || COALESCE(error_title, '') END
  FROM message_status_events WHERE tenant_id = $1 AND provider_message_id = $2)sql";

constexpr char kMarkFailed[] = R"sql(
UPDATE messages SET status = 'failed', error = $3, updated_at = now()
 WHERE tenant_id = $1 AND id = $2 AND status = 'queued')sql";

}  // namespace

core::Result<std::optional<service::InboundRecord>> PgConversationStore::FindInbound(
    const std::string& tenant_id, const std::string& message_id) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto rows = (*conn)->Exec(kFindInbound, {tenant_id, message_id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<service::InboundRecord>();
  service::InboundRecord record;
  record.message_id = rows->Get(0, 0);
  record.tenant_id = rows->Get(0, 1);
  record.channel_id = rows->Get(0, 2);
  record.from = rows->Get(0, 3);
  record.profile_name = rows->Get(0, 4);
  record.type = rows->Get(0, 5);
  record.text = rows->Get(0, 6);
  record.processed = rows->GetBool(0, 7);
  record.conversation_id = rows->GetOptional(0, 8);
  return std::optional(std::move(record));
}

core::Result<service::ConversationRecord> PgConversationStore::AttachConversation(
    const service::InboundRecord& inbound) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto contact = (*conn)->Exec(kUpsertContact, {inbound.tenant_id, inbound.from, inbound.profile_name});
  if (!contact) return contact.error();
  service::ConversationRecord record;
  record.tenant_id = inbound.tenant_id;
  record.contact_id = contact->Get(0, 0);
  record.customer_name = contact->Get(0, 1);
  record.channel_id = inbound.channel_id;
  auto conversation =
      (*conn)->Exec(kUpsertConversation, {inbound.tenant_id, record.contact_id, inbound.channel_id});
  if (!conversation) return conversation.error();
  record.id = conversation->Get(0, 0);
  auto state = core::ParseStateName(conversation->Get(0, 1));
  if (!state) return core::Error::Permanent("conversation " + record.id + " has an unknown state");
  record.state = *state;
  record.captured_json = conversation->Get(0, 2);
  if (auto linked = (*conn)->Exec(kLinkMessage, {inbound.tenant_id, inbound.message_id, record.id});
      !linked) {
    return linked.error();
  }
  if (auto committed = (*tx)->Commit(); !committed) return committed.error();
  return record;
}

core::Status PgConversationStore::CommitDecision(const service::InboundRecord& inbound,
                                                 const service::ConversationRecord& conversation,
                                                 const service::Decision& decision) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto processed = (*conn)->Exec(kMarkProcessed, {inbound.tenant_id, inbound.message_id});
  if (!processed) return processed.error();
  if (processed->affected() == 0) return core::Ok();  // another attempt already did it
  auto updated = (*conn)->Exec(
      kUpdateConversation,
      {conversation.tenant_id, conversation.id, core::StateName(decision.new_state),
       decision.captured_json, decision.needs_human ? "true" : "false",
       core::StateName(decision.expected_state)});
  if (!updated) return updated.error();
  if (updated->affected() == 0) {
    return core::Error::Conflict("conversation " + conversation.id + " left state " +
                                 core::StateName(decision.expected_state) + " meanwhile");
  }
  for (const auto& reply : decision.replies) {
    auto inserted = (*conn)->Exec(kInsertOutbox, {conversation.tenant_id, conversation.channel_id,
                                                  conversation.id, inbound.from, reply.body,
                                                  reply.purpose_key});
    if (!inserted) return inserted.error();
  }
  return (*tx)->Commit();
}

core::Result<std::vector<service::PendingSend>> PgConversationStore::PendingSends(
    const std::string& tenant_id, const std::string& conversation_id) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto rows = (*conn)->Exec(kPendingSends, {tenant_id, conversation_id});
  if (!rows) return rows.error();
  std::vector<service::PendingSend> sends;
  for (int i = 0; i < rows->size(); ++i) {
    sends.push_back({std::string(rows->Get(i, 0)), std::string(rows->Get(i, 1)),
                     std::string(rows->Get(i, 2)), std::string(rows->Get(i, 3)),
                     std::string(rows->Get(i, 4))});
  }
  return sends;
}

core::Status PgConversationStore::MarkSent(const service::PendingSend& send,
                                           const std::string& provider_message_id) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto marked = (*conn)->Exec(kMarkSent, {send.tenant_id, send.outbound_id, provider_message_id});
  if (!marked) return marked.error();
  // Statuses Meta reported before this row knew its provider id.
  auto events = (*conn)->Exec(kStatusEventsFor, {send.tenant_id, provider_message_id});
  if (!events) return events.error();
  for (int i = 0; i < events->size(); ++i) {
    auto applied = (*conn)->Exec(kApplyStatus, {send.tenant_id, provider_message_id,
                                                std::string(events->Get(i, 0)),
                                                events->GetOptional(i, 1)});
    if (!applied) return applied.error();
  }
  return (*tx)->Commit();
}

core::Status PgConversationStore::MarkSendFailed(const service::PendingSend& send,
                                                 const std::string& error) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto marked = (*conn)->Exec(kMarkFailed, {send.tenant_id, send.outbound_id, error});
  if (!marked) return marked.error();
  return core::Ok();
}

}  // namespace orcazap::adapters::postgres
