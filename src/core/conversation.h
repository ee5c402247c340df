#pragma once
// The conversation state machine.
//
// Invariants:
// 1. Transition() is total: every (state, event) pair either yields the next state or an
//    kInvalidInput error naming both; an invalid pair never changes anything.
// 2. States and events have stable lowercase-free names used in the database ("CAPTURE_MIN").

#include <optional>
#include <string_view>

#include "core/result.h"

namespace orcazap::core {

enum class ConversationState {
  kInbound,
  kCaptureMin,
  kQuoteReady,
  kHumanApproval,
  kQuoteSent,
  kWaitingReply,
  kWon,
  kLost,
};

enum class ConversationEvent {
  kFirstMessage,      // INBOUND → CAPTURE_MIN
  kDataIncomplete,    // CAPTURE_MIN → CAPTURE_MIN
  kDataComplete,      // CAPTURE_MIN → QUOTE_READY
  kRulesPass,         // QUOTE_READY → QUOTE_SENT
  kApprovalRequired,  // QUOTE_READY → HUMAN_APPROVAL
  kAdminApproves,     // HUMAN_APPROVAL → QUOTE_SENT
  kAdminRejects,      // HUMAN_APPROVAL → LOST
  kCustomerConfirms,  // QUOTE_SENT / WAITING_REPLY → WON
  kCustomerDeclines,  // QUOTE_SENT / WAITING_REPLY → LOST
  kCustomerOther,     // QUOTE_SENT → WAITING_REPLY
  kQuoteExpired,      // QUOTE_SENT / WAITING_REPLY → LOST
  kCustomerReturns,   // WON / LOST → CAPTURE_MIN
};

// "INBOUND", "CAPTURE_MIN", ...
const char* StateName(ConversationState state);
std::optional<ConversationState> ParseStateName(std::string_view name);
const char* EventName(ConversationEvent event);

Result<ConversationState> Transition(ConversationState from, ConversationEvent event);

}  // namespace orcazap::core
