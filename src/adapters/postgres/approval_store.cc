#include "adapters/postgres/approval_store.h"

#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>

#include "adapters/postgres/conversation_codec.h"
#include "adapters/postgres/tenant_admin.h"

namespace orcazap::adapters::postgres {
namespace {

using nlohmann::json;

constexpr char kFindUser[] = R"sql(
SELECT id FROM users WHERE tenant_id = $1 AND lower(email) = lower($2) AND active)sql";

constexpr char kPendingApprovals[] = R"sql(
SELECT q.id, k.phone, k.profile_name, array_to_string(a.reasons, ','), q.total_centavos,
       extract(epoch FROM a.created_at)::bigint
  FROM approvals a
  JOIN quotes q ON q.id = a.quote_id AND q.tenant_id = a.tenant_id
  JOIN conversations c ON c.id = q.conversation_id AND c.tenant_id = q.tenant_id
  JOIN contacts k ON k.id = c.contact_id AND k.tenant_id = c.tenant_id
 WHERE a.tenant_id = $1 AND a.status = 'pending' AND q.status = 'pending_approval'
 ORDER BY a.created_at, q.id)sql";

constexpr char kFindApproval[] = R"sql(
SELECT q.id, q.status, a.status, array_to_string(a.reasons, ','), q.conversation_id,
       q.detail::text, q.subtotal_centavos, q.volume_discount_centavos,
       q.payment_discount_centavos, q.freight_centavos, q.total_centavos, q.margin_basis_points,
       q.payment_method, extract(epoch FROM a.created_at)::bigint
  FROM quotes q JOIN approvals a ON a.quote_id = q.id AND a.tenant_id = q.tenant_id
 WHERE q.tenant_id = $1 AND q.id = $2::uuid)sql";

constexpr char kLastMessages[] = R"sql(
SELECT direction, text, extract(epoch FROM created_at)::bigint FROM (
  SELECT direction, text, created_at, seq FROM messages
   WHERE tenant_id = $1 AND conversation_id = $2 ORDER BY seq DESC LIMIT $3::integer) last
 ORDER BY seq)sql";

constexpr char kDecideApproval[] = R"sql(
UPDATE approvals SET status = $3, decided_by = $4::uuid, decided_at = now(), updated_at = now()
 WHERE tenant_id = $1 AND quote_id = $2 AND status = 'pending')sql";

constexpr char kSendQuote[] = R"sql(
UPDATE quotes
   SET status = 'sent', detail = $3::jsonb, subtotal_centavos = $4::bigint,
       volume_discount_centavos = $5::bigint, payment_discount_centavos = $6::bigint,
       freight_centavos = $7::bigint, total_centavos = $8::bigint,
       margin_basis_points = $9::integer, valid_until = to_timestamp($10::bigint),
       updated_at = now()
 WHERE tenant_id = $1 AND id = $2 AND status = 'pending_approval')sql";

constexpr char kLoseQuote[] = R"sql(
UPDATE quotes SET status = 'lost', updated_at = now()
 WHERE tenant_id = $1 AND id = $2 AND status = 'pending_approval')sql";

constexpr char kLeaveHumanApproval[] = R"sql(
UPDATE conversations SET state = $3, needs_human = false, updated_at = now()
 WHERE tenant_id = $1 AND id = $2 AND state = 'HUMAN_APPROVAL')sql";

constexpr char kInsertOutbox[] = R"sql(
INSERT INTO messages (tenant_id, channel_id, conversation_id, direction, peer_phone, type, text,
                      purpose_key, status)
VALUES ($1, $2, $3, 'outbound', $4, 'text', $5, $6, 'queued')
ON CONFLICT (tenant_id, purpose_key) WHERE purpose_key IS NOT NULL DO NOTHING)sql";

constexpr char kInsertAudit[] = R"sql(
INSERT INTO audit_log (tenant_id, user_id, entity_type, entity_id, action, before, after)
VALUES ($1, $2::uuid, 'quote', $3, $4, $5::jsonb, $6::jsonb))sql";

service::Instant FromUnix(long long seconds) {
  return service::Instant(std::chrono::seconds(seconds));
}

int64_t UnixSeconds(service::Instant instant) {
  return std::chrono::duration_cast<std::chrono::seconds>(instant.time_since_epoch()).count();
}

std::vector<core::ApprovalReason> ReasonsFrom(std::string_view joined) {
  std::vector<core::ApprovalReason> reasons;
  while (!joined.empty()) {
    const size_t comma = joined.find(',');
    if (auto reason = core::ParseApprovalReasonName(joined.substr(0, comma))) {
      reasons.push_back(*reason);
    }
    joined = comma == std::string_view::npos ? std::string_view() : joined.substr(comma + 1);
  }
  return reasons;
}

Param OptionalNumber(const std::optional<long long>& value) {
  return value ? Param(std::to_string(*value)) : std::nullopt;
}

// The quote as the audit log shows it: its detail document with its money columns.
json QuoteAudit(const core::Quote& quote) {
  json out = json::parse(QuoteDetailToJson(quote));
  out["subtotal_centavos"] = quote.subtotal.centavos();
  out["volume_discount_centavos"] = quote.volume_discount.centavos();
  out["payment_discount_centavos"] = quote.payment_discount.centavos();
  out["freight_centavos"] = quote.freight ? json(quote.freight->centavos()) : json();
  out["total_centavos"] = quote.total.centavos();
  out["margin_basis_points"] =
      quote.margin_basis_points ? json(*quote.margin_basis_points) : json();
  return out;
}

json AuditBefore(const service::ApprovalCase& approval) {
  return {{"quote_status", approval.quote_status},
          {"approval_status", approval.approval_status},
          {"conversation_state", core::StateName(approval.conversation.state)},
          {"quote", QuoteAudit(approval.quote)}};
}

json AuditAfter(const service::ApprovalCase& approval,
                const service::ApprovalResolution& resolution) {
  json after = {{"quote_status", resolution.approved ? "sent" : "lost"},
                {"approval_status", resolution.approved ? "approved" : "rejected"},
                {"conversation_state", core::StateName(resolution.new_state)},
                {"quote", QuoteAudit(resolution.sent_quote.value_or(approval.quote))}};
  if (resolution.approved) after["valid_until"] = UnixSeconds(resolution.valid_until);
  if (resolution.message) after["message_purpose_key"] = resolution.message->purpose_key;
  return after;
}

// Runs an UPDATE that must change one row; kConflict naming `what` otherwise.
core::Status UpdateOne(PgConnection& conn, std::string_view sql, const Params& params,
                       const std::string& what) {
  auto updated = conn.Exec(sql, params);
  if (!updated) return updated.error();
  if (updated->affected() == 0) return core::Error::Conflict(what + " changed meanwhile");
  return core::Ok();
}

core::Status UpdateQuote(PgConnection& conn, const service::ApprovalCase& approval,
                         const service::ApprovalResolution& resolution) {
  const std::string& tenant_id = approval.conversation.tenant_id;
  const std::string what = "quote " + approval.quote_id;
  if (!resolution.sent_quote) {
    return UpdateOne(conn, kLoseQuote, {tenant_id, approval.quote_id}, what);
  }
  const core::Quote& quote = *resolution.sent_quote;
  return UpdateOne(
      conn, kSendQuote,
      {tenant_id, approval.quote_id, QuoteDetailToJson(quote),
       std::to_string(quote.subtotal.centavos()), std::to_string(quote.volume_discount.centavos()),
       std::to_string(quote.payment_discount.centavos()),
       OptionalNumber(quote.freight ? std::optional<long long>(quote.freight->centavos())
                                    : std::nullopt),
       std::to_string(quote.total.centavos()), OptionalNumber(quote.margin_basis_points),
       std::to_string(UnixSeconds(resolution.valid_until))},
      what);
}

}  // namespace

core::Result<std::optional<std::string>> PgApprovalStore::FindTenantId(const std::string& slug) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  return postgres::FindTenantId(**conn, slug);
}

core::Result<std::optional<std::string>> PgApprovalStore::FindUserId(const std::string& tenant_id,
                                                                     const std::string& email) {
  auto rows = pool_.Exec(kFindUser, {tenant_id, email});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(std::string(rows->Get(0, 0)));
}

core::Result<std::vector<service::PendingApproval>> PgApprovalStore::PendingApprovals(
    const std::string& tenant_id) {
  auto rows = pool_.Exec(kPendingApprovals, {tenant_id});
  if (!rows) return rows.error();
  std::vector<service::PendingApproval> pending;
  for (int i = 0; i < rows->size(); ++i) {
    pending.push_back({std::string(rows->Get(i, 0)), std::string(rows->Get(i, 1)),
                       std::string(rows->Get(i, 2)), ReasonsFrom(rows->Get(i, 3)),
                       core::Money::Centavos(rows->GetInt(i, 4)), FromUnix(rows->GetInt(i, 5))});
  }
  return pending;
}

core::Result<std::optional<service::ApprovalCase>> PgApprovalStore::FindApproval(
    const std::string& tenant_id, const std::string& quote_id) {
  if (!IsUuid(quote_id)) return std::optional<service::ApprovalCase>();
  auto rows = pool_.Exec(kFindApproval, {tenant_id, quote_id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<service::ApprovalCase>();
  service::ApprovalCase approval;
  approval.quote_id = rows->Get(0, 0);
  approval.quote_status = rows->Get(0, 1);
  approval.approval_status = rows->Get(0, 2);
  approval.reasons = ReasonsFrom(rows->Get(0, 3));
  const QuoteColumns columns{
      rows->GetInt(0, 6),
      rows->GetInt(0, 7),
      rows->GetInt(0, 8),
      rows->IsNull(0, 9) ? std::nullopt : std::optional(rows->GetInt(0, 9)),
      rows->GetInt(0, 10),
      rows->IsNull(0, 11) ? std::nullopt : std::optional(static_cast<int>(rows->GetInt(0, 11))),
      rows->GetOptional(0, 12)};
  auto quote = QuoteFromJson(std::string(rows->Get(0, 5)), columns);
  if (!quote) return quote.error();
  approval.quote = std::move(quote).value();
  approval.requested_at = FromUnix(rows->GetInt(0, 13));
  const std::string conversation_id(rows->Get(0, 4));
  auto conversation = conversations_.LoadConversation(tenant_id, conversation_id);
  if (!conversation) return conversation.error();
  approval.conversation = std::move(conversation).value();
  return std::optional(std::move(approval));
}

core::Result<std::vector<service::TranscriptEntry>> PgApprovalStore::LastMessages(
    const std::string& tenant_id, const std::string& conversation_id, int limit) {
  auto rows = pool_.Exec(kLastMessages, {tenant_id, conversation_id, std::to_string(limit)});
  if (!rows) return rows.error();
  std::vector<service::TranscriptEntry> entries;
  for (int i = 0; i < rows->size(); ++i) {
    entries.push_back(
        {rows->Get(i, 0) == "inbound", std::string(rows->Get(i, 1)), FromUnix(rows->GetInt(i, 2))});
  }
  return entries;
}

core::Status PgApprovalStore::Resolve(const service::ApprovalCase& approval,
                                      const service::ApprovalResolution& resolution) {
  const service::ConversationRecord& conversation = approval.conversation;
  const std::string& tenant_id = conversation.tenant_id;
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  if (auto decided =
          UpdateOne(**conn, kDecideApproval,
                    {tenant_id, approval.quote_id, resolution.approved ? "approved" : "rejected",
                     resolution.decided_by},
                    "the approval of quote " + approval.quote_id);
      !decided) {
    return decided;
  }
  if (auto quote = UpdateQuote(**conn, approval, resolution); !quote) return quote;
  if (auto moved = UpdateOne(**conn, kLeaveHumanApproval,
                             {tenant_id, conversation.id, core::StateName(resolution.new_state)},
                             "conversation " + conversation.id);
      !moved) {
    return moved;
  }
  if (resolution.message) {
    auto inserted =
        (*conn)->Exec(kInsertOutbox, {tenant_id, conversation.channel_id, conversation.id,
                                      conversation.customer_phone, resolution.message->body,
                                      resolution.message->purpose_key});
    if (!inserted) return inserted.error();
  }
  auto audited = (*conn)->Exec(
      kInsertAudit, {tenant_id, resolution.decided_by, approval.quote_id,
                     resolution.approved ? "approve" : "reject", AuditBefore(approval).dump(),
                     AuditAfter(approval, resolution).dump()});
  if (!audited) return audited.error();
  return (*tx)->Commit();
}

}  // namespace orcazap::adapters::postgres
