#pragma once
// One turn of a conversation: what a customer's message changes and what OrcaZap answers
// (state machine, message understanding, customer texts and pricing). Pure: the same
// snapshot, message and context give the same Turn.
//
// Invariants:
// 1. Every state change goes through Transition(); an event the state machine refuses changes
//    nothing and is reported in Turn::refused.
// 2. Data is captured across messages (MergeExtraction); follow-ups ask only for what is
//    missing (MissingFields); a quote is priced once everything is there (or only unknown items
//    remain). An item named without a quantity is never priced as 1: its quantity is asked for,
//    and the items that have one are kept meanwhile. A delivery day that is before the day of
//    the answer (TurnContext::answer_date, else today) when the data is complete is asked
//    again, never quoted: captured from an earlier message, or "hoje" in a message answered
//    the next day.
// 3. A new cycle (WON/LOST → CAPTURE_MIN) starts with nothing captured.
// 4. Replies carry a purpose ("quote", "confirmation", ...) that, with the message that caused
//    them, makes the outbox key unique.
// 5. A quote is never won, lost or questioned past its validity: in QUOTE_SENT / WAITING_REPLY,
//    when the open quote's valid_until date is before TurnContext::today, any message gets what
//    the periodic expiry gives (ExpireOpenQuote: LOST, outcome expired, the "quote expired"
//    text), not a confirmation on the expired price. With TurnContext::now set, the same holds
//    from valid_until's minute on; without it, from the day after valid_until's date.

#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/conversation.h"
#include "core/extraction.h"
#include "core/pricing.h"
#include "core/text_data.h"
#include "core/texts.h"
#include "core/whatsapp.h"

namespace orcazap::core {

// The quote a conversation is waiting on (sent, or pending approval).
struct OpenQuote {
  std::string id;
  Quote quote;
  LocalDateTime valid_until;
};

struct ConversationSnapshot {
  ConversationState state = ConversationState::kInbound;
  Extraction captured;
  bool needs_human = false;
  std::optional<OpenQuote> open_quote;
};

enum class InboundKind { kText, kLocation, kUnsupported };

struct InboundView {
  InboundKind kind = InboundKind::kText;
  std::string text;                  // text, caption or button title
  std::optional<GeoPoint> location;  // for kLocation
};

// How a message type is read: text-bearing types as text, locations as locations, the rest
// (stickers, audio, an image without caption...) as unsupported.
InboundView ViewOf(const std::string& type, const std::string& text,
                   const std::optional<GeoPoint>& location);

struct TurnContext {
  const Catalog& catalog;
  const Texts& texts;
  std::string customer_name;
  CivilDate today;            // in the tenant's time zone
  LocalDateTime valid_until;  // of a quote priced now
  std::string store_hours;    // for the approval-pending text, may be empty
  // Built from `catalog` (see PreparedCatalog); when null, each extraction builds one.
  const CatalogMatcher* matcher = nullptr;
  // The time now in the tenant's time zone (its date is `today`); when unset, only dates are
  // compared with an open quote's validity (invariant 5).
  std::optional<LocalDateTime> now;
  // The day the answer is given, when later than `today` (the day the customer wrote: a backlog
  // processed after midnight, or after an outage). Words are read as of `today`; a delivery day
  // before this one has passed for the customer reading the answer (invariant 2).
  std::optional<CivilDate> answer_date;
};

enum class QuoteOutcome { kWon, kLost, kExpired };

struct OutgoingText {
  std::string purpose;  // "prompt", "follow_up", "quote", "approval_pending", "confirmation",
                        // "decline", "quote_expired", "send_as_text", "ask_for_cep"
  std::string body;
};

struct Turn {
  ConversationState state = ConversationState::kInbound;  // after the turn
  Extraction captured;
  bool needs_human = false;
  std::vector<ConversationEvent> events;  // applied, in order
  std::vector<OutgoingText> replies;
  std::optional<Quote> new_quote;  // priced this turn: sent, or pending approval
  std::optional<QuoteOutcome> open_quote_outcome;
  std::optional<Error> refused;  // an event the state machine refused; nothing else changed
};

Turn TakeTurn(const ConversationSnapshot& snapshot, const InboundView& message,
              const TurnContext& context);

// The periodic expiry of the open quote: QUOTE_SENT / WAITING_REPLY → LOST with the
// "quote expired" text.
Turn ExpireOpenQuote(const ConversationSnapshot& snapshot, const Texts& texts,
                     const std::string& customer_name);

// The quote request a complete capture makes: one line per item, at its quantity (in a complete
// capture every item has one; see MissingFields).
QuoteRequest RequestFrom(const Extraction& captured);

}  // namespace orcazap::core
