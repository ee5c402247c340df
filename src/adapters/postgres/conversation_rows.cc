#include "adapters/postgres/conversation_rows.h"

#include "adapters/postgres/conversation_codec.h"

namespace orcazap::adapters::postgres {

int64_t UnixSeconds(service::Instant instant) {
  return std::chrono::duration_cast<std::chrono::seconds>(instant.time_since_epoch()).count();
}

// The message in the first row of kInboundColumns.
service::InboundRecord InboundFromRow(const Rows& rows) {
  service::InboundRecord record;
  record.message_id = rows.Get(0, 0);
  record.tenant_id = rows.Get(0, 1);
  record.channel_id = rows.Get(0, 2);
  record.from = rows.Get(0, 3);
  record.profile_name = rows.Get(0, 4);
  record.type = rows.Get(0, 5);
  record.text = rows.Get(0, 6);
  record.processed = rows.GetBool(0, 7);
  record.conversation_id = rows.GetOptional(0, 8);
  if (!rows.IsNull(0, 9)) {
    record.location = core::GeoPoint{std::string(rows.Get(0, 9)), std::string(rows.Get(0, 10)),
                                     std::string(rows.Get(0, 11)), std::string(rows.Get(0, 12))};
  }
  if (!rows.IsNull(0, 13))
    record.sent_at = service::Instant(std::chrono::seconds(rows.GetInt(0, 13)));
  return record;
}

// The conversation in the first row of kConversationWithOpenQuote's columns.
core::Result<service::ConversationRecord> ConversationFromRow(const Rows* rows,
                                                              const std::string& tenant_id) {
  service::ConversationRecord record;
  record.id = rows->Get(0, 0);
  record.tenant_id = tenant_id;
  record.contact_id = rows->Get(0, 1);
  record.channel_id = rows->Get(0, 2);
  record.customer_phone = rows->Get(0, 3);
  record.customer_name = rows->Get(0, 4);
  auto state = core::ParseStateName(rows->Get(0, 5));
  if (!state) return core::Error::Permanent("conversation " + record.id + " has an unknown state");
  record.state = *state;
  auto captured = CapturedFromJson(std::string(rows->Get(0, 6)));
  if (!captured) return captured.error();
  record.captured = std::move(captured).value();
  record.needs_human = rows->GetBool(0, 7);
  if (rows->IsNull(0, 8)) return record;

  constexpr int q = 8;  // first column of the open quote
  QuoteColumns columns{
      rows->GetInt(0, q + 2),
      rows->GetInt(0, q + 3),
      rows->GetInt(0, q + 4),
      rows->IsNull(0, q + 5) ? std::nullopt : std::optional(rows->GetInt(0, q + 5)),
      rows->GetInt(0, q + 6),
      rows->IsNull(0, q + 7) ? std::nullopt
                             : std::optional(static_cast<int>(rows->GetInt(0, q + 7))),
      rows->GetOptional(0, q + 8)};
  auto parsed = QuoteFromJson(std::string(rows->Get(0, q + 1)), columns);
  if (!parsed) return parsed.error();
  record.open_quote =
      service::StoredQuote{std::string(rows->Get(0, q)), std::move(parsed).value(),
                           service::Instant(std::chrono::seconds(rows->GetInt(0, q + 9)))};
  return record;
}

}  // namespace orcazap::adapters::postgres
