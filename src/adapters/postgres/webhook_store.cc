#include "adapters/postgres/webhook_store.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <span>

namespace orcazap::adapters::postgres {

const char kApplyStatus[] = R"sql(
UPDATE messages SET status = $3::text, error = COALESCE($4, error), updated_at = now()
 WHERE tenant_id = $1 AND provider_message_id = $2 AND direction = 'outbound'
   AND (CASE status WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2
                    WHEN 'read' THEN 3 WHEN 'failed' THEN 4 END)
     < (CASE $3::text WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3
                      WHEN 'failed' THEN 4 ELSE 0 END))sql";

namespace {

constexpr char kFindChannel[] =
    "SELECT id, tenant_id FROM channels WHERE phone_number_id = $1 AND active";

// A message from a customer who already has a conversation on the channel is stored linked to
// it (the worker then does not rewrite the row to link it; a new customer's message is linked
// when the worker creates the conversation). The conversation is found by its whole unique key,
// the contact's id looked up in a subquery (see kAttach in conversation_store.cc).
constexpr char kInsertInbound[] = R"sql(
INSERT INTO messages (tenant_id, channel_id, conversation_id, direction, provider_message_id,
                      peer_phone, peer_name, type, text, raw, provider_timestamp)
SELECT $1::uuid, $2::uuid,
       (SELECT id FROM conversations
         WHERE tenant_id = $1::uuid AND channel_id = $2::uuid
           AND contact_id = (SELECT id FROM contacts WHERE tenant_id = $1::uuid AND phone = $4)),
       'inbound', $3, $4, $5, $6, $7, $8::jsonb, to_timestamp($9::bigint)
ON CONFLICT (provider_message_id) WHERE provider_message_id IS NOT NULL DO NOTHING
RETURNING id)sql";

// kInsertInbound (linked to the customer's conversation when there is one) with each message's
// channel looked up in the same statement, for any number of messages: $1 is a JSON array of
// objects with the fields named below (n numbers them); one row per message, in order: the
// channel's tenant (NULL when the channel is unknown or inactive) and the new row's id (NULL when
// not inserted).
constexpr char kInsertInboundBatch[] = R"sql(
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb)
    AS i(n int, phone_number_id text, provider_message_id text, peer_phone text,
         peer_name text, type text, text text, raw text, ts bigint)),
inserted AS (
  INSERT INTO messages (tenant_id, channel_id, conversation_id, direction, provider_message_id,
                        peer_phone, peer_name, type, text, raw, provider_timestamp)
  SELECT c.tenant_id, c.id,
         (SELECT v.id FROM conversations v
           WHERE v.tenant_id = c.tenant_id AND v.channel_id = c.id
             AND v.contact_id = (SELECT k.id FROM contacts k
                                  WHERE k.tenant_id = c.tenant_id AND k.phone = i.peer_phone)),
         'inbound', i.provider_message_id, i.peer_phone, i.peer_name, i.type, i.text,
         i.raw::jsonb, to_timestamp(i.ts)
    FROM input i JOIN channels c ON c.phone_number_id = i.phone_number_id AND c.active
   ORDER BY i.n  -- rows (and their seq) in arrival order
  ON CONFLICT (provider_message_id) WHERE provider_message_id IS NOT NULL DO NOTHING
  RETURNING id, provider_message_id)
SELECT i.n, c.tenant_id, ins.id
  FROM input i
  LEFT JOIN channels c ON c.phone_number_id = i.phone_number_id AND c.active
  LEFT JOIN inserted ins ON ins.provider_message_id = i.provider_message_id
 ORDER BY i.n)sql";

constexpr char kInsertStatusEvent[] = R"sql(
INSERT INTO message_status_events (tenant_id, provider_message_id, status, provider_timestamp,
                                   error_code, error_title, raw)
VALUES ($1, $2, $3, to_timestamp($4::bigint), $5::bigint, $6, $7::jsonb)
ON CONFLICT (provider_message_id, status) DO NOTHING)sql";

// A status naming, by its reference, an outbox row that does not know its provider id yet: the
// worker that sent it died before recording the answer. The status makes it sent.
// The row's conditions sit in a CASE so that only the primary key can find it: written as plain
// conditions they matched the partial outbox indexes, which the planner, with statistics taken
// while the outbox was nearly empty, scanned whole for every status (seconds per status webhook
// once thousands of replies were queued).
constexpr char kAttachSent[] = R"sql(
UPDATE messages SET provider_message_id = $3, status = 'sent', sent_at = now(), updated_at = now()
 WHERE id = $2::uuid
   AND CASE WHEN tenant_id = $1 AND direction = 'outbound' AND status = 'queued'
                 AND provider_message_id IS NULL THEN true ELSE false END
   AND NOT EXISTS (SELECT 1 FROM messages WHERE provider_message_id = $3))sql";

constexpr char kIsVerifyToken[] =
    "SELECT EXISTS (SELECT 1 FROM channels WHERE webhook_verify_token = $1 AND active)";

struct ChannelRef {
  std::string id;
  std::string tenant_id;
};

using ChannelCache = std::map<std::string, std::optional<ChannelRef>>;

core::Result<std::optional<ChannelRef>> LookupChannel(PgConnection& conn, ChannelCache& cache,
                                                      const std::string& phone_number_id) {
  if (auto it = cache.find(phone_number_id); it != cache.end()) return it->second;
  auto rows = conn.Exec(kFindChannel, {phone_number_id});
  if (!rows) return rows.error();
  std::optional<ChannelRef> channel;
  if (!rows->empty())
    channel = ChannelRef{std::string(rows->Get(0, 0)), std::string(rows->Get(0, 1))};
  cache[phone_number_id] = channel;
  return channel;
}

void NoteUnknown(service::IngestOutcome& outcome, const std::string& phone_number_id) {
  for (const auto& known : outcome.unknown_phone_number_ids) {
    if (known == phone_number_id) return;
  }
  outcome.unknown_phone_number_ids.push_back(phone_number_id);
}

core::Status PersistMessage(PgConnection& conn, const ChannelRef& channel,
                            const core::InboundMessage& message, service::IngestOutcome& outcome) {
  auto rows =
      conn.Exec(kInsertInbound, {channel.tenant_id, channel.id, message.provider_message_id,
                                 message.from, message.profile_name, message.type, message.text,
                                 message.raw_json, std::to_string(message.timestamp)});
  if (!rows) return rows.error();
  if (rows->empty()) {
    ++outcome.duplicate_messages;
  } else {
    outcome.new_messages.push_back({std::string(rows->Get(0, 0)), channel.tenant_id});
  }
  return core::Ok();
}

// Appends the statements that record one status, in the order they must run: its event, the
// outbox row it names by reference (when that row missed its provider id), its effect on the
// outbound message.
void AppendStatusStatements(const ChannelRef& channel, const core::StatusUpdate& status,
                            std::vector<Statement>& statements) {
  Param code = status.error_code ? Param(std::to_string(*status.error_code)) : std::nullopt;
  Param title = status.error_title.empty() ? std::nullopt : Param(status.error_title);
  statements.push_back({kInsertStatusEvent,
                        {channel.tenant_id, status.provider_message_id, status.status,
                         std::to_string(status.timestamp), code, title, status.raw_json}});
  if (IsUuid(status.callback_data)) {
    statements.push_back(
        {kAttachSent, {channel.tenant_id, status.callback_data, status.provider_message_id}});
  }
  Param error = status.error_code
                    ? Param(std::to_string(*status.error_code) + " " + status.error_title)
                    : std::nullopt;
  statements.push_back(
      {kApplyStatus, {channel.tenant_id, status.provider_message_id, status.status, error}});
}

// Statements sent per round trip: a webhook of many statuses needs few round trips, while the
// results waiting to be read stay far below what a socket buffers (libpq pipelines block).
constexpr size_t kStatementsPerPipeline = 96;

// The JSON array kInsertInboundBatch reads; nullopt when a text cannot be carried in JSON.
std::optional<std::string> BatchJson(const std::vector<const core::InboundMessage*>& batch) {
  nlohmann::json rows = nlohmann::json::array();
  for (size_t n = 0; n < batch.size(); ++n) {
    const core::InboundMessage& message = *batch[n];
    rows.push_back({{"n", n},
                    {"phone_number_id", message.phone_number_id},
                    {"provider_message_id", message.provider_message_id},
                    {"peer_phone", message.from},
                    {"peer_name", message.profile_name},
                    {"type", message.type},
                    {"text", message.text},
                    {"raw", message.raw_json},
                    {"ts", message.timestamp}});
  }
  try {
    return rows.dump();
  } catch (const nlohmann::json::exception&) {  // not UTF-8
    return std::nullopt;
  }
}

// One statement for the whole batch; an error is the batch's.
core::Result<std::vector<service::IngestOutcome>> PersistMessageBatch(
    PgConnection& conn, const std::vector<const core::InboundMessage*>& batch) {
  const auto json = BatchJson(batch);
  if (!json) return core::Error::Permanent("a message text is not valid UTF-8");
  auto rows = conn.Exec(kInsertInboundBatch, {*json});
  if (!rows) return rows.error();
  if (rows->size() != static_cast<int>(batch.size())) {
    return core::Error::Permanent("the batched insert answered " + std::to_string(rows->size()) +
                                  " rows for " + std::to_string(batch.size()) + " messages");
  }
  std::vector<service::IngestOutcome> outcomes(batch.size());
  std::set<std::string> seen;  // a message twice in one batch: the later one is a duplicate
  for (int row = 0; row < rows->size(); ++row) {
    const core::InboundMessage& message = *batch[static_cast<size_t>(row)];
    service::IngestOutcome& outcome = outcomes[static_cast<size_t>(row)];
    const bool first = seen.insert(message.provider_message_id).second;
    if (rows->IsNull(row, 1)) {
      NoteUnknown(outcome, message.phone_number_id);
    } else if (rows->IsNull(row, 2) || !first) {
      ++outcome.duplicate_messages;
    } else {
      outcome.new_messages.push_back(
          {std::string(rows->Get(row, 2)), std::string(rows->Get(row, 1))});
    }
  }
  return outcomes;
}

}  // namespace

PgWebhookStore::PgWebhookStore(PgPool& pool, int max_batch, int max_in_flight)
    : pool_(pool),
      lone_messages_(max_batch, max_in_flight,
                     [this](const std::vector<const core::InboundMessage*>& batch) {
                       return WriteLoneMessages(batch);
                     }) {}

PgWebhookStore::LoneMessages::Results PgWebhookStore::WriteLoneMessages(
    const std::vector<const core::InboundMessage*>& batch) {
  LoneMessages::Results results;
  auto conn = pool_.Acquire();
  if (!conn) {
    results.assign(batch.size(), conn.error());
    return results;
  }
  // One statement is atomic by itself: no BEGIN/COMMIT round trips.
  auto outcomes = PersistMessageBatch(**conn, batch);
  if (outcomes) {
    for (auto& outcome : *outcomes) results.emplace_back(std::move(outcome));
    return results;
  }
  if (batch.size() == 1 || outcomes.error().code() == core::ErrorCode::kTransient) {
    results.assign(batch.size(), outcomes.error());
    return results;
  }
  // Something in the batch was refused: each message alone, so only its own webhook fails.
  for (const core::InboundMessage* message : batch) {
    auto alone = PersistMessageBatch(**conn, {message});
    if (alone) {
      results.emplace_back(std::move(alone->front()));
    } else {
      results.emplace_back(alone.error());
    }
  }
  return results;
}

core::Result<service::IngestOutcome> PgWebhookStore::PersistWebhook(
    const core::WebhookBatch& batch) {
  if (batch.messages.size() == 1 && batch.statuses.empty()) {
    return lone_messages_.Submit(batch.messages[0]);
  }
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  service::IngestOutcome outcome;
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  ChannelCache channels;
  for (const auto& message : batch.messages) {
    auto channel = LookupChannel(**conn, channels, message.phone_number_id);
    if (!channel) return channel.error();
    if (!*channel) {
      NoteUnknown(outcome, message.phone_number_id);
      continue;
    }
    if (auto ok = PersistMessage(**conn, **channel, message, outcome); !ok) return ok.error();
  }
  std::vector<Statement> status_statements;
  for (const auto& status : batch.statuses) {
    auto channel = LookupChannel(**conn, channels, status.phone_number_id);
    if (!channel) return channel.error();
    if (!*channel) {
      NoteUnknown(outcome, status.phone_number_id);
      continue;
    }
    AppendStatusStatements(**channel, status, status_statements);
    ++outcome.statuses_recorded;
  }
  for (size_t first = 0; first < status_statements.size(); first += kStatementsPerPipeline) {
    const size_t last = std::min(status_statements.size(), first + kStatementsPerPipeline);
    auto ran = (*conn)->ExecPipeline(std::span(status_statements).subspan(first, last - first));
    if (!ran) return ran.error();
  }
  if (auto committed = (*tx)->Commit(); !committed) return committed.error();
  return outcome;
}

core::Result<bool> PgWebhookStore::IsVerifyToken(const std::string& token) {
  auto rows = pool_.Exec(kIsVerifyToken, {token});
  if (!rows) return rows.error();
  return rows->GetBool(0, 0);
}

}  // namespace orcazap::adapters::postgres
