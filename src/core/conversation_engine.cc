#include "core/conversation_engine.h"

#include <algorithm>

#include "core/freight.h"

namespace orcazap::core {
namespace {

using S = ConversationState;
using E = ConversationEvent;

class TurnBuilder {
 public:
  TurnBuilder(const ConversationSnapshot& snapshot) {
    turn_.state = snapshot.state;
    turn_.captured = snapshot.captured;
    turn_.needs_human = snapshot.needs_human;
  }

  // Applies `event`; false (and the turn records the refusal) when the machine refuses it.
  bool Apply(E event) {
    auto next = Transition(turn_.state, event);
    if (!next) {
      turn_.refused = next.error();
      return false;
    }
    turn_.state = *next;
    turn_.events.push_back(event);
    return true;
  }

  void Reply(std::string purpose, std::string body) {
    turn_.replies.push_back({std::move(purpose), std::move(body)});
  }

  Turn& turn() { return turn_; }

 private:
  Turn turn_;
};

bool NothingUnderstood(const Extraction& extraction) {
  return !extraction.location && !extraction.payment && !extraction.delivery &&
         extraction.items.empty() && extraction.unknown.empty();
}

TemplateData ApprovalPendingData(const Quote& quote, const TurnContext& context) {
  TemplateData data = CustomerTextData(context.customer_name);
  data.values["store_hours"] = context.store_hours;
  data.values["unknown"] = JoinPtBr(quote.unknown);
  return data;
}

// The location a shared map pin gives, when a freight rule can use it.
std::optional<Location> UsableLocation(const GeoPoint& point, const TurnContext& context) {
  const Extraction read =
      Extract(point.name + "\n" + point.address, {context.catalog, context.today, context.matcher});
  if (!read.location) return std::nullopt;
  if (FindFreightRule(context.catalog.freight_rules, *read.location) == nullptr)
    return std::nullopt;
  return read.location;
}

void PriceAndAnswer(TurnBuilder& builder, const TurnContext& context) {
  Turn& turn = builder.turn();
  if (!builder.Apply(E::kDataComplete)) return;
  Quote quote = PriceQuote(RequestFrom(turn.captured), context.catalog);
  if (quote.needs_approval()) {
    if (!builder.Apply(E::kApprovalRequired)) return;
    turn.needs_human = true;
    builder.Reply("approval_pending", context.texts.Render(TextKey::kApprovalPending,
                                                           ApprovalPendingData(quote, context)));
  } else {
    if (!builder.Apply(E::kRulesPass)) return;
    const QuoteTextContext text_context{context.customer_name, turn.captured.delivery,
                                        turn.captured.location, context.valid_until};
    builder.Reply("quote",
                  context.texts.Render(TextKey::kQuote, QuoteTextData(quote, text_context)));
  }
  turn.new_quote = std::move(quote);
}

// CAPTURE_MIN: merge what this message says, then ask for the rest or price the quote.
void Capture(TurnBuilder& builder, const InboundView& message, const TurnContext& context) {
  Turn& turn = builder.turn();
  if (message.kind == InboundKind::kUnsupported) {
    builder.Apply(E::kDataIncomplete);
    builder.Reply("send_as_text", context.texts.Render(TextKey::kSendAsText,
                                                       CustomerTextData(context.customer_name)));
    return;
  }
  Extraction understood;
  if (message.kind == InboundKind::kLocation) {
    const GeoPoint point = message.location.value_or(GeoPoint{});
    understood.location = UsableLocation(point, context);
    if (!understood.location) {
      builder.Apply(E::kDataIncomplete);
      TemplateData data = CustomerTextData(context.customer_name);
      data.values["location"] = point.address.empty() ? point.name : point.address;
      builder.Reply("ask_for_cep", context.texts.Render(TextKey::kAskForCep, data));
      return;
    }
  } else {
    const bool continues_order = !turn.captured.items.empty() || !turn.captured.unknown.empty();
    understood =
        Extract(message.text, {context.catalog, context.today, context.matcher, continues_order});
  }
  turn.captured = MergeExtraction(turn.captured, understood);
  // A day that has passed by the answer is asked again (captured from an earlier message, or
  // "hoje" answered the next day).
  const CivilDate answer_date =
      std::max(context.today, context.answer_date.value_or(context.today));
  if (turn.captured.delivery && turn.captured.delivery->date &&
      *turn.captured.delivery->date < answer_date) {
    turn.captured.delivery.reset();
  }
  const std::vector<std::string> missing = MissingFields(turn.captured);
  if (missing.empty()) {
    PriceAndAnswer(builder, context);
    return;
  }
  builder.Apply(E::kDataIncomplete);
  if (NothingUnderstood(turn.captured)) {
    builder.Reply("prompt", context.texts.Render(TextKey::kCapturePrompt,
                                                 CustomerTextData(context.customer_name)));
  } else {
    builder.Reply("follow_up",
                  context.texts.Render(TextKey::kMissingData,
                                       MissingDataTextData(turn.captured, missing, context.catalog,
                                                           context.customer_name, context.texts)));
  }
}

// Invariant 5: past its validity, to the minute when the context knows the time of day.
bool OpenQuoteExpired(const ConversationSnapshot& snapshot, const TurnContext& context) {
  if (!snapshot.open_quote) return false;
  const LocalDateTime& until = snapshot.open_quote->valid_until;
  if (until.date < context.today) return true;
  return context.now && until <= *context.now;
}

// QUOTE_SENT / WAITING_REPLY: confirm, decline, or hand to a person.
void AnswerQuote(TurnBuilder& builder, const ConversationSnapshot& snapshot,
                 const InboundView& message, const TurnContext& context) {
  Turn& turn = builder.turn();
  const ReplyIntent intent =
      message.kind == InboundKind::kText ? ClassifyReply(message.text) : ReplyIntent::kOther;
  if (intent == ReplyIntent::kConfirm && builder.Apply(E::kCustomerConfirms)) {
    turn.open_quote_outcome = QuoteOutcome::kWon;
    turn.needs_human = false;
    if (snapshot.open_quote) {
      const QuoteTextContext text_context{context.customer_name, turn.captured.delivery,
                                          turn.captured.location, snapshot.open_quote->valid_until};
      builder.Reply("confirmation",
                    context.texts.Render(TextKey::kConfirmation,
                                         QuoteTextData(snapshot.open_quote->quote, text_context)));
    }
    return;
  }
  if (intent == ReplyIntent::kDecline && builder.Apply(E::kCustomerDeclines)) {
    turn.open_quote_outcome = QuoteOutcome::kLost;
    turn.needs_human = false;
    builder.Reply("decline",
                  context.texts.Render(TextKey::kDecline, CustomerTextData(context.customer_name)));
    return;
  }
  // Anything else is for a person; in WAITING_REPLY it already is.
  if (turn.state == S::kQuoteSent) builder.Apply(E::kCustomerOther);
  turn.needs_human = true;
}

}  // namespace

InboundView ViewOf(const std::string& type, const std::string& text,
                   const std::optional<GeoPoint>& location) {
  if (type == "location" && location) return {InboundKind::kLocation, "", location};
  if (!text.empty()) return {InboundKind::kText, text, std::nullopt};
  return {InboundKind::kUnsupported, "", std::nullopt};
}

QuoteRequest RequestFrom(const Extraction& captured) {
  QuoteRequest request;
  for (const auto& item : captured.items) request.lines.push_back({item.sku, item.quantity});
  request.unknown = captured.unknown;
  request.payment = captured.payment;
  request.location = captured.location;
  return request;
}

Turn TakeTurn(const ConversationSnapshot& snapshot, const InboundView& message,
              const TurnContext& context) {
  TurnBuilder builder(snapshot);
  switch (snapshot.state) {
    case S::kInbound:
    case S::kWon:
    case S::kLost:
      if (!builder.Apply(snapshot.state == S::kInbound ? E::kFirstMessage : E::kCustomerReturns)) {
        break;
      }
      builder.turn().captured = Extraction{};
      builder.turn().needs_human = false;
      Capture(builder, message, context);
      break;
    case S::kCaptureMin:
      Capture(builder, message, context);
      break;
    case S::kQuoteSent:
    case S::kWaitingReply:
      if (OpenQuoteExpired(snapshot, context)) {
        return ExpireOpenQuote(snapshot, context.texts, context.customer_name);
      }
      AnswerQuote(builder, snapshot, message, context);
      break;
    case S::kHumanApproval:
      // A person is already looking at this conversation; the message waits for them.
      builder.turn().needs_human = true;
      break;
    case S::kQuoteReady:
      builder.Apply(E::kFirstMessage);  // never persisted; refused and reported
      break;
  }
  return builder.turn();
}

Turn ExpireOpenQuote(const ConversationSnapshot& snapshot, const Texts& texts,
                     const std::string& customer_name) {
  TurnBuilder builder(snapshot);
  if (!builder.Apply(E::kQuoteExpired)) return builder.turn();
  builder.turn().open_quote_outcome = QuoteOutcome::kExpired;
  builder.turn().needs_human = false;
  TemplateData data = CustomerTextData(customer_name);
  if (snapshot.open_quote)
    data.values["valid_until"] = DateTimePtBr(snapshot.open_quote->valid_until);
  builder.Reply("quote_expired", texts.Render(TextKey::kQuoteExpired, data));
  return builder.turn();
}

}  // namespace orcazap::core
