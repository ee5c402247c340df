#include "adapters/postgres/conversation_store.h"

#include <chrono>
#include <string>

#include "adapters/postgres/conversation_codec.h"
#include "adapters/postgres/conversation_rows.h"
#include "adapters/postgres/webhook_store.h"

namespace orcazap::adapters::postgres {
namespace {

const std::string kFindInbound = std::string(kInboundColumns) + R"sql(
  FROM messages WHERE tenant_id = $1 AND id = $2 AND direction = 'inbound')sql";

// Finds or creates the contact and the conversation and links the message, in one statement
// (atomic by itself); returns the conversation with its open quote (kConversationWithOpenQuote).
// A message serve stored already linked to its conversation (webhook_store.cc), from a customer
// whose name did not change, does not come here (AttachConversation reads the conversation);
// otherwise a known customer costs no write either: the contact and conversation are only read
// ("existing"). Otherwise they are upserted and come from RETURNING (the rows
// as written). Quotes are not written here, so the statement's snapshot shows them as they are.
// The conversation's last inbound time is set by the decision that answers the message
// (kUpdateConversation). The contact's id is looked up in a subquery so that the conversation is
// found by its whole unique key: as a join condition, a plan prepared while the tables were
// nearly empty read every conversation of the channel instead.
const std::string kAttach = R"sql(
WITH existing AS (
  SELECT c.id, c.tenant_id, c.contact_id, c.channel_id, k.phone, k.profile_name, c.state,
         c.captured, c.needs_human
    FROM contacts k, conversations c
   WHERE k.tenant_id = $1::uuid AND k.phone = $2::text
     AND ($3::text = '' OR k.profile_name = $3::text)
     AND c.tenant_id = $1::uuid AND c.channel_id = $4::uuid
     AND c.contact_id = (SELECT id FROM contacts WHERE tenant_id = $1::uuid AND phone = $2::text)),
contact AS (
  INSERT INTO contacts (tenant_id, phone, profile_name)
  SELECT $1::uuid, $2::text, $3::text WHERE NOT EXISTS (SELECT 1 FROM existing)
  ON CONFLICT (tenant_id, phone) DO UPDATE
     SET profile_name = CASE WHEN EXCLUDED.profile_name <> '' THEN EXCLUDED.profile_name
                             ELSE contacts.profile_name END,
         updated_at = now()
  RETURNING id, phone, profile_name),
created AS (
  INSERT INTO conversations (tenant_id, contact_id, channel_id, last_inbound_at)
  SELECT $1::uuid, id, $4::uuid, now() FROM contact
  ON CONFLICT (tenant_id, contact_id, channel_id) DO UPDATE SET updated_at = now()
  RETURNING id, tenant_id, contact_id, channel_id, state, captured, needs_human),
conversation AS (
  SELECT * FROM existing
  UNION ALL
  SELECT c.id, c.tenant_id, c.contact_id, c.channel_id, k.phone, k.profile_name, c.state,
         c.captured, c.needs_human
    FROM created c CROSS JOIN contact k),
linked AS (
  UPDATE messages SET conversation_id = (SELECT id FROM conversation), updated_at = now()
   WHERE tenant_id = $1::uuid AND id = $5::uuid AND conversation_id IS NULL))sql" +
                            std::string(kConversationWithOpenQuote);

// kAttach's cheap case, tried first for a message stored before its customer's conversation
// existed (serve could not link it; a customer who sends several messages before the first is
// answered): the customer's conversation, found by its whole unique key when the contact's name is
// unchanged ($3 empty or equal), with its open quote, and the message linked to it. Only reads
// and that one link: no contact or conversation upsert, whose executor start-up alone cost kAttach
// 450 – 2,000 µs a call at load (bench/ANALYSIS.md). No row when the customer is new or renamed:
// then kAttach.
const std::string kLinkToKnownConversation = std::string(kConversationWhoseId) + R"sql(
       (SELECT v.id FROM conversations v
         WHERE v.tenant_id = $1::uuid AND v.channel_id = $4::uuid
           AND v.contact_id = (SELECT id FROM contacts
                                WHERE tenant_id = $1::uuid AND phone = $2::text
                                  AND ($3::text = '' OR profile_name = $3::text)))),
linked AS (
  UPDATE messages SET conversation_id = (SELECT id FROM conversation), updated_at = now()
   WHERE tenant_id = $1::uuid AND id = $5::uuid AND conversation_id IS NULL
     AND EXISTS (SELECT FROM conversation)))sql" +
                                             std::string(kConversationWithOpenQuote);

const std::string kSelectConversation =
    std::string(kConversationWhoseId) + "$2)" + kConversationWithOpenQuote;
// The first two writes of a decision. Each fails (orcazap_expect, migration 0006: a conflict)
// when it finds nothing to change, which aborts the decision's implicit transaction.
constexpr char kMarkProcessed[] = R"sql(
WITH marked AS (
  UPDATE messages SET processed_at = now(), updated_at = now()
   WHERE tenant_id = $1 AND id = $2 AND processed_at IS NULL
  RETURNING 1)
SELECT orcazap_expect(EXISTS (SELECT FROM marked), 'the message was already processed'))sql";

// $7: when the customer sent the message the decision answers (Unix seconds; NULL: it answers
// none). The customer service window runs from the latest such moment.
constexpr char kUpdateConversation[] = R"sql(
WITH updated AS (
  UPDATE conversations
     SET state = $3, captured = $4::jsonb, needs_human = $5::boolean, updated_at = now(),
         last_inbound_at = GREATEST(last_inbound_at, to_timestamp($7::bigint))
   WHERE tenant_id = $1 AND id = $2 AND state = $6
  RETURNING 1)
SELECT orcazap_expect(EXISTS (SELECT FROM updated),
                      'the conversation left the state the decision was taken from'))sql";

constexpr char kCloseOpenQuote[] = R"sql(
UPDATE quotes SET status = $3, updated_at = now()
 WHERE tenant_id = $1 AND conversation_id = $2 AND status IN ('sent', 'pending_approval'))sql";

constexpr char kInsertQuote[] = R"sql(
INSERT INTO quotes (tenant_id, conversation_id, status, detail, subtotal_centavos,
                    volume_discount_centavos, payment_discount_centavos, freight_centavos,
                    total_centavos, margin_basis_points, payment_method, delivery_date,
                    delivery_asap, location, valid_until, approval_reasons)
VALUES ($1, $2, $3, $4::jsonb, $5::bigint, $6::bigint, $7::bigint, $8::bigint, $9::bigint,
        $10::integer, $11, $12::date, $13::boolean, $14::jsonb, to_timestamp($15::bigint),
        $16::text[]))sql";

// kInsertQuote for a quote that waits for a person's approval: the approval is recorded with it.
constexpr char kInsertQuoteWithApproval[] = R"sql(
WITH quote AS (
  INSERT INTO quotes (tenant_id, conversation_id, status, detail, subtotal_centavos,
                      volume_discount_centavos, payment_discount_centavos, freight_centavos,
                      total_centavos, margin_basis_points, payment_method, delivery_date,
                      delivery_asap, location, valid_until, approval_reasons)
  VALUES ($1, $2, $3, $4::jsonb, $5::bigint, $6::bigint, $7::bigint, $8::bigint, $9::bigint,
          $10::integer, $11, $12::date, $13::boolean, $14::jsonb, to_timestamp($15::bigint),
          $16::text[])
  RETURNING id, tenant_id)
INSERT INTO approvals (tenant_id, quote_id, reasons) SELECT tenant_id, id, $16::text[] FROM quote)sql";

// $7: when the send is recorded as attempted (Decision::attempt_at), in milliseconds; returns
// the id of the row it added (none when the purpose was recorded before).
constexpr char kInsertOutbox[] = R"sql(
INSERT INTO messages (tenant_id, channel_id, conversation_id, direction, peer_phone, type, text,
                      purpose_key, status, send_attempted_at)
VALUES ($1, $2, $3, 'outbound', $4, 'text', $5, $6, 'queued', to_timestamp($7::bigint / 1000.0))
ON CONFLICT (tenant_id, purpose_key) WHERE purpose_key IS NOT NULL DO NOTHING
RETURNING id)sql";

constexpr char kDueExpiries[] = R"sql(
SELECT q.tenant_id, q.conversation_id FROM quotes q
  JOIN conversations c ON c.id = q.conversation_id AND c.tenant_id = q.tenant_id
 WHERE q.status = 'sent' AND q.valid_until < to_timestamp($1::bigint)
   AND c.state IN ('QUOTE_SENT', 'WAITING_REPLY')
 ORDER BY q.valid_until LIMIT $2::integer)sql";

// The last column: whether the customer service window is closed (24 hours since the customer's
// last message, or none), by the database's clock, which also sets last_inbound_at: a decision
// answering a message sets it to now() in the transaction that reads this.
constexpr char kPendingSends[] = R"sql(
SELECT m.id, m.tenant_id, m.channel_id, m.peer_phone, m.text,
       (EXTRACT(EPOCH FROM m.send_attempted_at) * 1000)::bigint,
       (SELECT c.last_inbound_at IS NULL OR c.last_inbound_at <= now() - interval '24 hours'
          FROM conversations c WHERE c.tenant_id = $1 AND c.id = $2)
  FROM messages m
 WHERE m.tenant_id = $1 AND m.conversation_id = $2 AND m.direction = 'outbound'
   AND m.status = 'queued'
 ORDER BY m.seq)sql";

// With $1 = 'on', this transaction's commit waits for the WAL flush, whatever the session's
// setting. The value is a parameter only so that the statement is prepared once per connection
// (statements without parameters run unprepared; connection.h, item 5).
constexpr char kFlushThisCommit[] = "SELECT set_config('synchronous_commit', $1, true)";

constexpr char kMarkSendAttempt[] = R"sql(
UPDATE messages SET send_attempted_at = to_timestamp($3::bigint / 1000.0), updated_at = now()
 WHERE tenant_id = $1 AND id = $2 AND status = 'queued')sql";

// Across tenants by design (periodic job); each row carries its tenant.
constexpr char kStaleOutbox[] = R"sql(
SELECT DISTINCT tenant_id, conversation_id FROM (
  SELECT tenant_id, conversation_id FROM messages
   WHERE direction = 'outbound' AND status = 'queued' AND conversation_id IS NOT NULL
     AND created_at < to_timestamp($1::bigint)
     AND (send_attempted_at IS NULL OR send_attempted_at < to_timestamp($1::bigint))
   ORDER BY created_at LIMIT $2::integer) unsent)sql";

// Marks the reply sent and returns the statuses Meta reported before the row knew its provider
// id (usually none), in one statement.
constexpr char kMarkSent[] = R"sql(
WITH marked AS (
  UPDATE messages SET status = 'sent', provider_message_id = $3, sent_at = now(), updated_at = now()
   WHERE tenant_id = $1 AND id = $2 AND status = 'queued')
SELECT status, CASE WHEN error_code IS NULL THEN NULL ELSE error_code || ' ' || COALESCE(error_title, '') END
  FROM message_status_events WHERE tenant_id = $1 AND provider_message_id = $3)sql";

constexpr char kMarkFailed[] = R"sql(
UPDATE messages SET status = 'failed', error = $3, updated_at = now()
 WHERE tenant_id = $1 AND id = $2 AND status = 'queued')sql";

int64_t UnixMillis(service::Instant instant) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(instant.time_since_epoch()).count();
}

const char* OutcomeStatus(core::QuoteOutcome outcome) {
  switch (outcome) {
    case core::QuoteOutcome::kWon:
      return "won";
    case core::QuoteOutcome::kLost:
      return "lost";
    case core::QuoteOutcome::kExpired:
      return "expired";
  }
  return "lost";
}

std::string TextArray(const std::vector<std::string>& values) {
  std::string literal = "{";
  for (size_t i = 0; i < values.size(); ++i) literal += (i ? ",\"" : "\"") + values[i] + "\"";
  return literal + "}";
}

// The outbox rows of kPendingSends's columns.
std::vector<service::PendingSend> PendingSendsFrom(const Rows& rows) {
  std::vector<service::PendingSend> sends;
  for (int i = 0; i < rows.size(); ++i) {
    service::PendingSend send{std::string(rows.Get(i, 0)), std::string(rows.Get(i, 1)),
                              std::string(rows.Get(i, 2)), std::string(rows.Get(i, 3)),
                              std::string(rows.Get(i, 4)), std::nullopt};
    if (!rows.IsNull(i, 5)) {
      send.attempted_at = service::Instant(std::chrono::milliseconds(rows.GetInt(i, 5)));
    }
    send.window_closed = rows.GetBool(i, 6);
    sends.push_back(std::move(send));
  }
  return sends;
}

core::Result<service::ConversationRecord> SelectConversation(PgConnection& conn,
                                                             const std::string& tenant_id,
                                                             const std::string& conversation_id) {
  auto rows = conn.Exec(kSelectConversation, {tenant_id, conversation_id});
  if (!rows) return rows.error();
  if (rows->empty()) return core::Error::NotFound("conversation " + conversation_id);
  return ConversationFromRow(&*rows, tenant_id);
}

// The statement that stores the decision's new quote (and its approval, when it needs one).
Statement QuoteStatement(const service::ConversationRecord& conversation,
                         const service::Decision& decision) {
  const core::Quote& quote = decision.new_quote->quote;
  const core::Extraction& captured = decision.captured;
  std::vector<std::string> reasons;
  for (auto reason : quote.approval_reasons) reasons.push_back(core::ApprovalReasonName(reason));
  std::string location = "{}";
  if (captured.location) {
    core::Extraction only_location;
    only_location.location = captured.location;
    location = CapturedToJson(only_location);
  }
  return {
      quote.needs_approval() ? kInsertQuoteWithApproval : kInsertQuote,
      {conversation.tenant_id, conversation.id,
       quote.needs_approval() ? "pending_approval" : "sent", QuoteDetailToJson(quote),
       std::to_string(quote.subtotal.centavos()), std::to_string(quote.volume_discount.centavos()),
       std::to_string(quote.payment_discount.centavos()),
       quote.freight ? Param(std::to_string(quote.freight->centavos())) : std::nullopt,
       std::to_string(quote.total.centavos()),
       quote.margin_basis_points ? Param(std::to_string(*quote.margin_basis_points)) : std::nullopt,
       quote.payment ? Param(core::PaymentMethodName(*quote.payment)) : std::nullopt,
       captured.delivery && captured.delivery->date ? Param(captured.delivery->date->ToIso())
                                                    : std::nullopt,
       captured.delivery && captured.delivery->asap ? "true" : "false", location,
       std::to_string(UnixSeconds(decision.new_quote->valid_until)), TextArray(reasons)}};
}

}  // namespace

core::Result<std::optional<service::InboundRecord>> PgConversationStore::FindInbound(
    const std::string& tenant_id, const std::string& message_id) {
  auto rows = pool_.Exec(kFindInbound, {tenant_id, message_id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<service::InboundRecord>();
  return std::optional(InboundFromRow(*rows));
}

core::Result<service::ConversationRecord> PgConversationStore::AttachConversation(
    const service::InboundRecord& inbound) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  // Nearly every message: serve stored it linked to its known customer's conversation, and the
  // name did not change. Then the conversation is only read: kAttach's executor start-up alone
  // (the writes it might do, with their indexes and constraints) cost more than the whole read.
  if (inbound.conversation_id) {
    auto linked = SelectConversation(**conn, inbound.tenant_id, *inbound.conversation_id);
    if (!linked && linked.error().code() != core::ErrorCode::kNotFound) return linked.error();
    if (linked && service::AttachingChangesNothing(inbound, *linked)) return linked;
  }
  const Params key = {inbound.tenant_id, inbound.from, inbound.profile_name, inbound.channel_id,
                      inbound.message_id};
  if (!inbound.conversation_id) {
    auto known = (*conn)->Exec(kLinkToKnownConversation, key);
    if (!known) return known.error();
    if (!known->empty()) return ConversationFromRow(&*known, inbound.tenant_id);
  }
  auto attached = (*conn)->Exec(kAttach, key);
  if (!attached) return attached.error();
  if (attached->empty()) {
    return core::Error::Permanent("attaching message " + inbound.message_id +
                                  " returned no conversation");
  }
  // The caller holds the customer's lock, and CommitDecision checks the state returned here.
  return ConversationFromRow(&*attached, inbound.tenant_id);
}

core::Result<service::ConversationRecord> PgConversationStore::LoadConversation(
    const std::string& tenant_id, const std::string& conversation_id) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  return SelectConversation(**conn, tenant_id, conversation_id);
}

core::Result<std::optional<std::vector<service::PendingSend>>> PgConversationStore::CommitDecision(
    const service::ConversationRecord& conversation, const service::Decision& decision) {
  // Every write, then the outbox as they leave it, as one unit: one round trip and one
  // transaction (shared with other threads' units, writes_), whatever the decision holds. The
  // processed mark and the conversation's update go first and abort it (a conflict) when they
  // find nothing to change.
  std::vector<Statement> writes;
  // Replies recorded as attempted: durable before they are sent, as MarkSendAttempt's mark is.
  const bool claims = decision.attempt_at && !decision.replies.empty();
  if (claims) writes.push_back({kFlushThisCommit, {"on"}});
  if (decision.processed_message_id) {
    writes.push_back({kMarkProcessed, {conversation.tenant_id, *decision.processed_message_id}});
  }
  writes.push_back(
      {kUpdateConversation,
       {conversation.tenant_id, conversation.id, core::StateName(decision.new_state),
        CapturedToJson(decision.captured), decision.needs_human ? "true" : "false",
        core::StateName(decision.expected_state),
        decision.customer_wrote_at ? Param(std::to_string(UnixSeconds(*decision.customer_wrote_at)))
                                   : std::nullopt}});
  if (decision.open_quote_outcome) {
    writes.push_back(
        {kCloseOpenQuote,
         {conversation.tenant_id, conversation.id, OutcomeStatus(*decision.open_quote_outcome)}});
  }
  if (decision.new_quote) writes.push_back(QuoteStatement(conversation, decision));
  const size_t first_reply = writes.size();
  for (const auto& reply : decision.replies) {
    writes.push_back({kInsertOutbox,
                      {conversation.tenant_id, conversation.channel_id, conversation.id,
                       conversation.customer_phone, reply.body, reply.purpose_key,
                       decision.attempt_at ? Param(std::to_string(UnixMillis(*decision.attempt_at)))
                                           : std::nullopt}});
  }
  writes.push_back({kPendingSends, {conversation.tenant_id, conversation.id}});
  auto written = writes_.Run(writes);
  if (written) {
    std::vector<service::PendingSend> outbox = PendingSendsFrom(written->back());
    if (claims) {
      for (size_t i = first_reply; i < first_reply + decision.replies.size(); ++i) {
        const Rows& added = (*written)[i];
        if (added.empty()) continue;  // recorded by an earlier decision: not this one's claim
        for (service::PendingSend& send : outbox) {
          if (send.outbound_id == added.Get(0, 0)) send.claimed = true;
        }
      }
    }
    return std::optional(std::move(outbox));
  }
  if (written.error().code() != core::ErrorCode::kConflict || !decision.processed_message_id) {
    return written.error().WithContext("conversation " + conversation.id);
  }
  // Rolled back. Another attempt that already processed the message is not a failure (this one's
  // writes are simply not wanted); a message still unprocessed means the conversation moved on.
  auto message = pool_.Exec(kFindInbound, {conversation.tenant_id, *decision.processed_message_id});
  if (!message) return message.error();
  if (!message->empty() && InboundFromRow(*message).processed) {
    return std::optional<std::vector<service::PendingSend>>();
  }
  return written.error().WithContext("conversation " + conversation.id);
}

core::Result<std::vector<service::DueExpiry>> PgConversationStore::DueExpiries(service::Instant now,
                                                                               int limit) {
  // Across tenants by design: the periodic job serves every tenant; each row carries its tenant.
  auto rows = pool_.Exec(kDueExpiries, {std::to_string(UnixSeconds(now)), std::to_string(limit)});
  if (!rows) return rows.error();
  std::vector<service::DueExpiry> due;
  for (int i = 0; i < rows->size(); ++i) {
    due.push_back({std::string(rows->Get(i, 0)), std::string(rows->Get(i, 1))});
  }
  return due;
}

core::Result<std::vector<service::PendingSend>> PgConversationStore::PendingSends(
    const std::string& tenant_id, const std::string& conversation_id) {
  auto rows = pool_.Exec(kPendingSends, {tenant_id, conversation_id});
  if (!rows) return rows.error();
  return PendingSendsFrom(*rows);
}

core::Status PgConversationStore::MarkSendAttempt(const service::PendingSend& send,
                                                  std::optional<service::Instant> at) {
  const Param at_ms = at ? Param(std::to_string(UnixMillis(*at))) : std::nullopt;
  // Flushed whatever the pool's durability: the mark must survive a crash of PostgreSQL before
  // the send leaves, and flushing it makes everything committed before it durable too (the
  // decision and its outbox row), since WAL is flushed in order. One round trip: a unit is
  // one transaction, and set_config(..., true) holds until it commits.
  auto marked = writes_.Run(
      {{kFlushThisCommit, {"on"}}, {kMarkSendAttempt, {send.tenant_id, send.outbound_id, at_ms}}});
  if (!marked) return marked.error();
  return core::Ok();
}

core::Result<std::vector<service::ConversationRef>> PgConversationStore::StaleOutbox(
    service::Instant before, int limit) {
  auto rows =
      pool_.Exec(kStaleOutbox, {std::to_string(UnixSeconds(before)), std::to_string(limit)});
  if (!rows) return rows.error();
  std::vector<service::ConversationRef> stale;
  for (int i = 0; i < rows->size(); ++i) {
    stale.push_back({std::string(rows->Get(i, 0)), std::string(rows->Get(i, 1))});
  }
  return stale;
}

core::Status PgConversationStore::MarkSent(const service::PendingSend& send,
                                           const std::string& provider_message_id) {
  auto marked = writes_.Run({{kMarkSent, {send.tenant_id, send.outbound_id, provider_message_id}}});
  if (!marked) return marked.error();
  const Rows& events = marked->front();
  if (events.empty()) return core::Ok();
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  // Statuses that arrived first, applied now that the row carries the provider id (a status
  // never moves backwards, so applying one twice is harmless).
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  for (int i = 0; i < events.size(); ++i) {
    auto applied =
        (*conn)->Exec(kApplyStatus, {send.tenant_id, provider_message_id,
                                     std::string(events.Get(i, 0)), events.GetOptional(i, 1)});
    if (!applied) return applied.error();
  }
  return (*tx)->Commit();
}

core::Status PgConversationStore::MarkSendFailed(const service::PendingSend& send,
                                                 const std::string& error) {
  auto marked = writes_.Run({{kMarkFailed, {send.tenant_id, send.outbound_id, error}}});
  if (!marked) return marked.error();
  return core::Ok();
}

}  // namespace orcazap::adapters::postgres
