// The ConversationStore contract (service/ports.h), checked on the in-memory fake so that tests
// built on it can trust it.

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "service/ports.h"
#include "testing/fake_stores.h"

namespace orcazap::service {
namespace {

using core::ConversationState;

class ConversationStoreContract : public ::testing::Test {
 protected:
  ConversationStoreContract() { db_.AddChannel("tenant-1", "pn-1"); }

  InboundRecord Receive(const std::string& provider_id, const std::string& from,
                        const std::string& name = "") {
    core::InboundMessage message;
    message.phone_number_id = "pn-1";
    message.provider_message_id = provider_id;
    message.from = from;
    message.profile_name = name;
    message.type = "text";
    core::WebhookBatch batch;
    batch.messages.push_back(message);
    auto outcome = webhooks_.PersistWebhook(batch);
    EXPECT_TRUE(outcome.ok() && outcome->new_messages.size() == 1);
    auto found = store_.FindInbound("tenant-1", outcome->new_messages.at(0).message_id);
    EXPECT_TRUE(found.ok() && found->has_value());
    return found->value();
  }

  ConversationRecord Attach(const InboundRecord& inbound) {
    auto conversation = store_.AttachConversation(inbound);
    EXPECT_TRUE(conversation.ok());
    return conversation.ok() ? *conversation : ConversationRecord{};
  }

  // A turn answering `inbound`.
  static Decision Move(const InboundRecord& inbound, ConversationState from, ConversationState to,
                       std::vector<OutboundText> replies = {}) {
    Decision decision;
    decision.expected_state = from;
    decision.new_state = to;
    decision.captured.payment = core::PaymentMethod::kPix;
    decision.replies = std::move(replies);
    decision.processed_message_id = inbound.message_id;
    return decision;
  }

  std::vector<std::string> PendingBodies(const ConversationRecord& conversation) {
    auto pending = store_.PendingSends("tenant-1", conversation.id);
    EXPECT_TRUE(pending.ok());
    std::vector<std::string> bodies;
    for (const auto& send : *pending) bodies.push_back(send.body);
    return bodies;
  }

  orcazap::testing::FakeDatabase db_;
  orcazap::testing::FakeWebhookStore webhooks_{db_};
  orcazap::testing::FakeConversationStore store_{db_};
};

TEST_F(ConversationStoreContract, OneConversationPerContactAndChannel) {
  const ConversationRecord first = Attach(Receive("w1", "5511", "Ana"));
  const ConversationRecord second = Attach(Receive("w2", "5511"));
  const ConversationRecord other = Attach(Receive("w3", "5522"));
  EXPECT_EQ(first.id, second.id);
  EXPECT_NE(first.id, other.id);
  EXPECT_EQ(first.state, ConversationState::kInbound);
  EXPECT_EQ(second.customer_name, "Ana") << "an empty profile name keeps the known one";
}

TEST_F(ConversationStoreContract, ACommitAppliesTheDecisionAndQueuesRepliesInOrder) {
  const InboundRecord inbound = Receive("w1", "5511");
  const ConversationRecord conversation = Attach(inbound);
  ASSERT_TRUE(store_
                  .CommitDecision(conversation, Move(inbound, ConversationState::kInbound,
                                                     ConversationState::kCaptureMin,
                                                     {{"a:w1", "primeira"}, {"b:w1", "segunda"}}))
                  .ok());
  EXPECT_EQ(Attach(inbound).state, ConversationState::kCaptureMin);
  EXPECT_EQ(Attach(inbound).captured.payment, core::PaymentMethod::kPix);
  EXPECT_EQ(PendingBodies(conversation), (std::vector<std::string>{"primeira", "segunda"}));
  auto found = store_.FindInbound("tenant-1", inbound.message_id);
  EXPECT_TRUE(found.ok() && (*found)->processed);
}

TEST_F(ConversationStoreContract, ACommitFromAStaleStateConflictsAndChangesNothing) {
  const InboundRecord first = Receive("w1", "5511");
  const InboundRecord second = Receive("w2", "5511");
  const ConversationRecord seen_by_both = Attach(first);
  ASSERT_TRUE(
      store_
          .CommitDecision(seen_by_both, Move(first, ConversationState::kInbound,
                                             ConversationState::kCaptureMin, {{"p:w1", "um"}}))
          .ok());
  const auto stale =
      store_.CommitDecision(seen_by_both, Move(second, ConversationState::kInbound,
                                               ConversationState::kCaptureMin, {{"p:w2", "dois"}}));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code(), core::ErrorCode::kConflict);
  EXPECT_EQ(PendingBodies(seen_by_both), (std::vector<std::string>{"um"}));
  auto found = store_.FindInbound("tenant-1", second.message_id);
  EXPECT_TRUE(found.ok() && !(*found)->processed) << "a conflict must leave it to be retried";
}

TEST_F(ConversationStoreContract, ACommitForAnAlreadyProcessedMessageChangesNothing) {
  const InboundRecord inbound = Receive("w1", "5511");
  const ConversationRecord conversation = Attach(inbound);
  const Decision decision =
      Move(inbound, ConversationState::kInbound, ConversationState::kCaptureMin, {{"p:w1", "um"}});
  auto first = store_.CommitDecision(conversation, decision);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->has_value()) << "an applied decision returns the outbox it left";
  ASSERT_EQ((*first)->size(), 1u);
  EXPECT_EQ((**first)[0].body, "um");
  // A second attempt that decided from the old state: ok, nothing more queued, and no outbox
  // (the caller reads it).
  auto again = store_.CommitDecision(
      conversation, Move(inbound, ConversationState::kInbound, ConversationState::kCaptureMin,
                         {{"other:w1", "outro"}}));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value());
  EXPECT_EQ(PendingBodies(conversation), (std::vector<std::string>{"um"}));
}

TEST_F(ConversationStoreContract, AReplyPurposeIsRecordedOnlyOnce) {
  const InboundRecord first = Receive("w1", "5511");
  const ConversationRecord conversation = Attach(first);
  ASSERT_TRUE(
      store_
          .CommitDecision(conversation, Move(first, ConversationState::kInbound,
                                             ConversationState::kCaptureMin, {{"same", "um"}}))
          .ok());
  const InboundRecord second = Receive("w2", "5511");
  ASSERT_TRUE(
      store_
          .CommitDecision(Attach(second), Move(second, ConversationState::kCaptureMin,
                                               ConversationState::kCaptureMin, {{"same", "dois"}}))
          .ok());
  EXPECT_EQ(PendingBodies(conversation), (std::vector<std::string>{"um"}));
}

TEST_F(ConversationStoreContract, SentAndFailedRepliesLeaveThePendingList) {
  const InboundRecord inbound = Receive("w1", "5511");
  const ConversationRecord conversation = Attach(inbound);
  ASSERT_TRUE(store_
                  .CommitDecision(conversation, Move(inbound, ConversationState::kInbound,
                                                     ConversationState::kCaptureMin,
                                                     {{"a", "um"}, {"b", "dois"}, {"c", "três"}}))
                  .ok());
  auto pending = store_.PendingSends("tenant-1", conversation.id);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 3u);
  EXPECT_EQ((*pending)[0].to, "5511");
  ASSERT_TRUE(store_.MarkSent((*pending)[0], "wamid.x").ok());
  ASSERT_TRUE(store_.MarkSendFailed((*pending)[1], "131047 Re-engagement message").ok());
  EXPECT_EQ(PendingBodies(conversation), (std::vector<std::string>{"três"}));
}

TEST_F(ConversationStoreContract, AnotherTenantCannotSeeTheMessage) {
  const InboundRecord inbound = Receive("w1", "5511");
  auto found = store_.FindInbound("tenant-2", inbound.message_id);
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

TEST_F(ConversationStoreContract, LockCustomerOfGivesTheMessageWithItsCustomersBacklog) {
  const InboundRecord first = Receive("w1", "5511");
  const InboundRecord second = Receive("w2", "5511");
  (void)Receive("w3", "5522");  // another customer's
  auto locked = store_.LockCustomerOf("tenant-1", second.message_id);
  ASSERT_TRUE(locked.ok());
  ASSERT_TRUE(locked->has_value());
  EXPECT_EQ((*locked)->message.message_id, second.message_id);
  EXPECT_EQ((*locked)->message.from, "5511");
  EXPECT_EQ((*locked)->lock->backlog,
            (std::vector<std::string>{first.message_id, second.message_id}));

  auto other_tenant = store_.LockCustomerOf("tenant-2", second.message_id);
  ASSERT_TRUE(other_tenant.ok());
  EXPECT_FALSE(other_tenant->has_value());
}

TEST_F(ConversationStoreContract, ASentQuoteIsOpenUntilItIsClosedAndIsDueOnceItsValidityPasses) {
  const InboundRecord inbound = Receive("w1", "5511");
  const ConversationRecord conversation = Attach(inbound);
  ASSERT_TRUE(store_
                  .CommitDecision(conversation, Move(inbound, ConversationState::kInbound,
                                                     ConversationState::kCaptureMin))
                  .ok());
  const Instant valid_until = Instant(std::chrono::seconds(1767348000));
  core::Quote quote;
  quote.total = core::Money::Centavos(38900);
  Decision priced = Move(Receive("w2", "5511"), ConversationState::kCaptureMin,
                         ConversationState::kQuoteSent, {{"quote:w2", "orçamento"}});
  priced.new_quote = NewQuote{quote, valid_until};
  ASSERT_TRUE(store_.CommitDecision(Attach(inbound), priced).ok());

  auto loaded = store_.LoadConversation("tenant-1", conversation.id);
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(loaded->open_quote.has_value());
  EXPECT_EQ(loaded->open_quote->quote.total.centavos(), 38900);
  EXPECT_EQ(loaded->open_quote->valid_until, valid_until);

  auto before = store_.DueExpiries(valid_until - std::chrono::seconds(1), 10);
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->empty());
  auto after = store_.DueExpiries(valid_until + std::chrono::seconds(1), 10);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].conversation_id, conversation.id);
  EXPECT_EQ((*after)[0].tenant_id, "tenant-1");

  Decision expired = Move(inbound, ConversationState::kQuoteSent, ConversationState::kLost);
  expired.processed_message_id.reset();
  expired.open_quote_outcome = core::QuoteOutcome::kExpired;
  ASSERT_TRUE(store_.CommitDecision(*loaded, expired).ok());
  EXPECT_FALSE(store_.LoadConversation("tenant-1", conversation.id)->open_quote.has_value());
  EXPECT_TRUE(store_.DueExpiries(valid_until + std::chrono::seconds(1), 10)->empty());
}

TEST_F(ConversationStoreContract, AnUnknownConversationIsNotFound) {
  auto loaded = store_.LoadConversation("tenant-1", "conv-404");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code(), core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace orcazap::service
