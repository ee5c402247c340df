#include "core/conversation.h"

#include <gtest/gtest.h>

#include <string>

namespace orcazap::core {
namespace {

using S = ConversationState;
using E = ConversationEvent;

constexpr S kAllStates[] = {S::kInbound,   S::kCaptureMin,   S::kQuoteReady, S::kHumanApproval,
                            S::kQuoteSent, S::kWaitingReply, S::kWon,        S::kLost};
constexpr E kAllEvents[] = {E::kFirstMessage,  E::kDataIncomplete,   E::kDataComplete,
                            E::kRulesPass,     E::kApprovalRequired, E::kAdminApproves,
                            E::kAdminRejects,  E::kCustomerConfirms, E::kCustomerDeclines,
                            E::kCustomerOther, E::kQuoteExpired,     E::kCustomerReturns};

struct Row {
  S from;
  E event;
  S to;
};

// The conversation state machine, written out independently of the implementation's table.
constexpr Row kSpecTable[] = {
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

const Row* FindSpecRow(S from, E event) {
  for (const Row& row : kSpecTable) {
    if (row.from == from && row.event == event) return &row;
  }
  return nullptr;
}

std::string Describe(S from, E event) {
  return std::string(StateName(from)) + " + " + EventName(event);
}

TEST(ConversationStateMachine, EveryTransitionOfTheSpecLeadsToItsTargetState) {
  for (const Row& row : kSpecTable) {
    auto next = Transition(row.from, row.event);
    ASSERT_TRUE(next.ok()) << Describe(row.from, row.event) << ": " << next.error().ToString();
    EXPECT_EQ(StateName(*next), std::string(StateName(row.to))) << Describe(row.from, row.event);
  }
}

TEST(ConversationStateMachine, EveryPairOutsideTheSpecIsRefusedNamingStateAndEvent) {
  int refused = 0;
  for (S from : kAllStates) {
    for (E event : kAllEvents) {
      if (FindSpecRow(from, event) != nullptr) continue;
      auto next = Transition(from, event);
      ASSERT_FALSE(next.ok()) << Describe(from, event) << " was accepted, leading to "
                              << StateName(*next);
      EXPECT_EQ(next.error().code(), ErrorCode::kInvalidInput) << Describe(from, event);
      EXPECT_NE(next.error().message().find(StateName(from)), std::string::npos)
          << next.error().message();
      EXPECT_NE(next.error().message().find(EventName(event)), std::string::npos)
          << next.error().message();
      ++refused;
    }
  }
  EXPECT_EQ(refused, 8 * 12 - 16);
}

TEST(ConversationStateMachine, WaitingReplyDoesNotLoopOnAnythingElse) {
  // Only QUOTE_SENT moves to WAITING_REPLY on "anything else"; a second unclear reply must not
  // silently re-enter the state.
  EXPECT_FALSE(Transition(S::kWaitingReply, E::kCustomerOther).ok());
}

TEST(ConversationStateNames, EveryStateRoundTripsThroughItsDatabaseName) {
  for (S state : kAllStates) {
    auto parsed = ParseStateName(StateName(state));
    ASSERT_TRUE(parsed.has_value()) << StateName(state);
    EXPECT_EQ(*parsed, state) << StateName(state);
  }
}

TEST(ConversationStateNames, NamesAreTheOnesOfTheSpec) {
  EXPECT_STREQ(StateName(S::kInbound), "INBOUND");
  EXPECT_STREQ(StateName(S::kCaptureMin), "CAPTURE_MIN");
  EXPECT_STREQ(StateName(S::kQuoteReady), "QUOTE_READY");
  EXPECT_STREQ(StateName(S::kHumanApproval), "HUMAN_APPROVAL");
  EXPECT_STREQ(StateName(S::kQuoteSent), "QUOTE_SENT");
  EXPECT_STREQ(StateName(S::kWaitingReply), "WAITING_REPLY");
  EXPECT_STREQ(StateName(S::kWon), "WON");
  EXPECT_STREQ(StateName(S::kLost), "LOST");
}

TEST(ConversationStateNames, UnknownOrMisspelledNamesAreRefused) {
  EXPECT_FALSE(ParseStateName("").has_value());
  EXPECT_FALSE(ParseStateName("capture_min").has_value());
  EXPECT_FALSE(ParseStateName("CAPTURE_MIN ").has_value());
  EXPECT_FALSE(ParseStateName("CAPTURE").has_value());
  EXPECT_FALSE(ParseStateName("DONE").has_value());
}

}  // namespace
}  // namespace orcazap::core
