#include "core/conversation.h"

#include <string>

namespace orcazap::core {
namespace {

using S = ConversationState;
using E = ConversationEvent;

struct Edge {
  S from;
  E event;
  S to;
};

constexpr Edge kEdges[] = {
    {S::kInbound, E::kFirstMessage, S::kCaptureMin},
    {S::kCaptureMin, E::kDataIncomplete, S::kCaptureMin},
    {S::kCaptureMin, E::kDataComplete, S::kQuoteReady},
    {S::kQuoteReady, E::kRulesPass, S::kQuoteSent},
    {S::kQuoteReady, E::kApprovalRequired, S::kHumanApproval},
    {S::kHumanApproval, E::kAdminApproves, S::kQuoteSent},
    {S::kHumanApproval, E::kAdminRejects, S::kLost},
    {S::kQuoteSent, E::kCustomerConfirms, S::kWon},
    {S::kWaitingReply, E::kCustomerConfirms, S::kWon},
    {S::kQuoteSent, E::kCustomerDeclines, S::kLost},
    {S::kWaitingReply, E::kCustomerDeclines, S::kLost},
    {S::kQuoteSent, E::kCustomerOther, S::kWaitingReply},
    {S::kQuoteSent, E::kQuoteExpired, S::kLost},
    {S::kWaitingReply, E::kQuoteExpired, S::kLost},
    {S::kWon, E::kCustomerReturns, S::kCaptureMin},
    {S::kLost, E::kCustomerReturns, S::kCaptureMin},
};

constexpr const char* kStateNames[] = {
    "INBOUND",    "CAPTURE_MIN",   "QUOTE_READY", "HUMAN_APPROVAL",
    "QUOTE_SENT", "WAITING_REPLY", "WON",         "LOST"};

}  // namespace

const char* StateName(ConversationState state) { return kStateNames[static_cast<int>(state)]; }

std::optional<ConversationState> ParseStateName(std::string_view name) {
  for (int i = 0; i < static_cast<int>(std::size(kStateNames)); ++i) {
    if (name == kStateNames[i]) return static_cast<ConversationState>(i);
  }
  return std::nullopt;
}

const char* EventName(ConversationEvent event) {
  switch (event) {
    case E::kFirstMessage:
      return "first_message";
    case E::kDataIncomplete:
      return "data_incomplete";
    case E::kDataComplete:
      return "data_complete";
    case E::kRulesPass:
      return "rules_pass";
    case E::kApprovalRequired:
      return "approval_required";
    case E::kAdminApproves:
      return "admin_approves";
    case E::kAdminRejects:
      return "admin_rejects";
    case E::kCustomerConfirms:
      return "customer_confirms";
    case E::kCustomerDeclines:
      return "customer_declines";
    case E::kCustomerOther:
      return "customer_other";
    case E::kQuoteExpired:
      return "quote_expired";
    case E::kCustomerReturns:
      return "customer_returns";
  }
  return "unknown";
}

Result<ConversationState> Transition(ConversationState from, ConversationEvent event) {
  for (const Edge& edge : kEdges) {
    if (edge.from == from && edge.event == event) return edge.to;
  }
  return Error::InvalidInput(std::string("invalid transition: event ") + EventName(event) +
                             " in state " + StateName(from));
}

}  // namespace orcazap::core
