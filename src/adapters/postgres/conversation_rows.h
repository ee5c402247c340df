#pragma once
// What the files of PgConversationStore share (conversation_store.cc: attaching, decisions and
// the outbox; customer_lock.cc: the customer's lock and backlog): the statements that read an
// inbound message and a conversation with its open quote, and their rows' decoders.

#include <chrono>
#include <cstdint>
#include <string>

#include "adapters/postgres/connection.h"
#include "core/result.h"
#include "service/ports.h"

namespace orcazap::adapters::postgres {

// The columns of an inbound message, in InboundFromRow's order.
inline constexpr char kInboundColumns[] = R"sql(
SELECT id, tenant_id, channel_id, peer_phone, peer_name, type, text, processed_at IS NOT NULL,
       conversation_id, raw->'location'->>'latitude', raw->'location'->>'longitude',
       raw->'location'->>'name', raw->'location'->>'address',
       extract(epoch FROM provider_timestamp)::bigint)sql";

// The end of kAttach and kSelectConversation (conversation_store.cc): their `conversation` (one
// row) with its open quote, if any (at most one is open), in ConversationFromRow's columns. The
// quote is looked up in a LATERAL subquery so that it is found by the conversation's id: as a join,
// generic plans prepared while the tables were small read every open quote of every store per
// message.
inline constexpr char kConversationWithOpenQuote[] = R"sql(
SELECT c.id, c.contact_id, c.channel_id, c.phone, c.profile_name, c.state, c.captured::text,
       c.needs_human,
       q.id, q.detail::text, q.subtotal_centavos, q.volume_discount_centavos,
       q.payment_discount_centavos, q.freight_centavos, q.total_centavos, q.margin_basis_points,
       q.payment_method, extract(epoch FROM q.valid_until)::bigint
  FROM conversation c
  LEFT JOIN LATERAL (
    SELECT id, detail, subtotal_centavos, volume_discount_centavos, payment_discount_centavos,
           freight_centavos, total_centavos, margin_basis_points, payment_method, valid_until
      FROM quotes
     WHERE conversation_id = c.id AND tenant_id = c.tenant_id
       AND status IN ('sent', 'pending_approval')
     LIMIT 1) q ON true)sql";

// A conversation of tenant $1 with its open quote, if any; the conversation's id follows
// (kSelectConversation: $2; kConversationOfInbound, customer_lock.cc: the one inbound message
// $2 is linked to).
// The contact's tenant is checked in a CASE so that only contacts' primary key can find it: as a
// plain condition, the planner, with statistics taken while the table was nearly empty, kept
// using the (tenant, phone) index and read every contact of the store per message.
inline constexpr char kConversationWhoseId[] = R"sql(
WITH conversation AS (
  SELECT c.id, c.tenant_id, c.contact_id, c.channel_id, k.phone, k.profile_name, c.state,
         c.captured, c.needs_human
    FROM conversations c
    JOIN contacts k ON k.id = c.contact_id
                   AND CASE WHEN k.tenant_id = c.tenant_id THEN true ELSE false END
   WHERE c.tenant_id = $1 AND c.id = )sql";

// The message in the first row of kInboundColumns.
service::InboundRecord InboundFromRow(const Rows& rows);

// The conversation in the first row of kConversationWithOpenQuote's columns.
core::Result<service::ConversationRecord> ConversationFromRow(const Rows* rows,
                                                              const std::string& tenant_id);

// Whole seconds since the Unix epoch, as the statements take times (to_timestamp($n::bigint)).
int64_t UnixSeconds(service::Instant instant);

}  // namespace orcazap::adapters::postgres
