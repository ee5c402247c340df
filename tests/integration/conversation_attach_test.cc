// PgConversationStore::AttachConversation against a real PostgreSQL: a known customer is found
// without writing the contact or the conversation, a known customer's message is stored already
// linked to the conversation, one stored before its conversation existed is linked to it without
// rewriting it, a new name is still recorded, and the decision answering a message
// records the customer's last inbound time and returns the outbox it left; a decision taken from
// a state the conversation has left writes nothing. Locking a linked message's customer reads
// its conversation under the lock.

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "tests/harness/stores_test.h"

namespace orcazap::testing {
namespace {

class ConversationAttach : public StoresTest {
 protected:
  // Stores a text message from `from` (named `name`) and returns it as the worker reads it.
  service::InboundRecord Receive(const std::string& id, const std::string& from,
                                 const std::string& name) {
    const service::NewInboundMessage stored = Store(TextFrom(id, from, name));
    auto found = conversations_.FindInbound(stored.tenant_id, stored.message_id);
    EXPECT_TRUE(found.ok() && found->has_value());
    return **found;
  }

  // A decision answering `message`: `conversation` from the state it was read in to CAPTURE_MIN.
  static service::Decision Answering(const service::ConversationRecord& conversation,
                                     const service::InboundRecord& message) {
    service::Decision decision;
    decision.expected_state = conversation.state;
    decision.new_state = core::ConversationState::kCaptureMin;
    decision.processed_message_id = message.message_id;
    decision.customer_wrote_at = std::chrono::system_clock::now();
    return decision;
  }
};

TEST_F(ConversationAttach, AKnownCustomerIsFoundWithoutRewritingContactOrConversation) {
  auto first = conversations_.AttachConversation(Receive("wamid.a1", "5511988887777", "Ana"));
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(first->customer_name, "Ana");
  EXPECT_EQ(first->customer_phone, "5511988887777");
  EXPECT_EQ(first->state, core::ConversationState::kInbound);

  const auto versions = [&] {
    return stack_.db()
        .Query(
            "SELECT k.xmin::text || '/' || c.xmin::text FROM contacts k JOIN conversations c ON "
            "c.contact_id = k.id WHERE k.phone = '5511988887777'")
        .Get(0, 0);
  };
  const std::string before = std::string(versions());
  auto second = conversations_.AttachConversation(Receive("wamid.a2", "5511988887777", "Ana"));
  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_EQ(second->id, first->id);
  EXPECT_EQ(second->customer_name, "Ana");
  EXPECT_EQ(std::string(versions()), before) << "neither row was written again";
  // Both messages are linked to the conversation.
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE conversation_id = '" + first->id + "'"), 2);

  // A message without a profile name keeps the known one, still without a write.
  auto unnamed = conversations_.AttachConversation(Receive("wamid.a3", "5511988887777", ""));
  ASSERT_TRUE(unnamed.ok()) << unnamed.error().message();
  EXPECT_EQ(unnamed->customer_name, "Ana");
  EXPECT_EQ(std::string(versions()), before);
}

TEST_F(ConversationAttach, AKnownCustomersMessageIsStoredLinkedAndAttachingDoesNotRewriteIt) {
  const service::InboundRecord first = Receive("wamid.d1", "5511955554444", "Duda");
  EXPECT_FALSE(first.conversation_id.has_value()) << "a new customer has no conversation yet";
  auto conversation = conversations_.AttachConversation(first);
  ASSERT_TRUE(conversation.ok()) << conversation.error().message();
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE provider_message_id = 'wamid.d1' AND "
                  "conversation_id = '" +
                  conversation->id + "'"),
            1)
      << "attaching links a new customer's first message";

  const service::InboundRecord second = Receive("wamid.d2", "5511955554444", "Duda");
  ASSERT_TRUE(second.conversation_id.has_value());
  EXPECT_EQ(*second.conversation_id, conversation->id);
  const auto version = [&] {
    return std::string(
        stack_.db()
            .Query("SELECT xmin::text FROM messages WHERE provider_message_id = 'wamid.d2'")
            .Get(0, 0));
  };
  const std::string before = version();
  auto again = conversations_.AttachConversation(second);
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_EQ(again->id, conversation->id);
  EXPECT_EQ(version(), before) << "the message was not written again";

  // Several messages in one webhook (stored one by one): the known customer's is linked, a new
  // customer's is not.
  core::WebhookBatch batch;
  batch.messages = {TextFrom("wamid.d3", "5511955554444"), TextFrom("wamid.d4", "5511944443333")};
  auto stored = webhooks_.PersistWebhook(batch);
  ASSERT_TRUE(stored.ok()) << stored.error().message();
  ASSERT_EQ(stored->new_messages.size(), 2u);
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE provider_message_id = 'wamid.d3' AND "
                  "conversation_id = '" +
                  conversation->id + "'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE provider_message_id = 'wamid.d4' AND "
                  "conversation_id IS NULL"),
            1);
}

TEST_F(ConversationAttach, ALinkedMessageIsLockedWithItsConversationReadUnderTheLock) {
  const service::InboundRecord first = Receive("wamid.l1", "5511933332222", "Lia");
  {
    auto locked = conversations_.LockCustomerOf(first.tenant_id, first.message_id);
    ASSERT_TRUE(locked.ok() && locked->has_value());
    EXPECT_FALSE((*locked)->conversation.has_value()) << "a new customer has no conversation yet";
  }
  auto attached = conversations_.AttachConversation(first);
  ASSERT_TRUE(attached.ok()) << attached.error().message();
  service::Decision decision = Answering(*attached, first);
  ASSERT_TRUE(conversations_.CommitDecision(*attached, decision).ok());

  const service::InboundRecord second = Receive("wamid.l2", "5511933332222", "Lia");
  auto locked = conversations_.LockCustomerOf(second.tenant_id, second.message_id);
  ASSERT_TRUE(locked.ok()) << locked.error().message();
  ASSERT_TRUE(locked->has_value());
  ASSERT_TRUE((*locked)->conversation.has_value());
  const service::ConversationRecord& read = *(*locked)->conversation;
  EXPECT_EQ(read.id, attached->id);
  EXPECT_EQ(read.state, core::ConversationState::kCaptureMin) << "as the last decision left it";
  EXPECT_EQ(read.customer_name, "Lia");
  EXPECT_EQ(read.customer_phone, "5511933332222");
  EXPECT_FALSE(read.open_quote.has_value());
  // Another tenant's message id finds nothing, and takes no lock.
  auto foreign =
      conversations_.LockCustomerOf("00000000-0000-0000-0000-000000000000", second.message_id);
  ASSERT_TRUE(foreign.ok()) << foreign.error().message();
  EXPECT_FALSE(foreign->has_value());
}

TEST_F(ConversationAttach, ANewNameIsRecordedOnTheSameConversation) {
  auto first = conversations_.AttachConversation(Receive("wamid.b1", "5511977776666", "Bia"));
  ASSERT_TRUE(first.ok()) << first.error().message();
  auto renamed =
      conversations_.AttachConversation(Receive("wamid.b2", "5511977776666", "Beatriz Lima"));
  ASSERT_TRUE(renamed.ok()) << renamed.error().message();
  EXPECT_EQ(renamed->id, first->id);
  EXPECT_EQ(renamed->customer_name, "Beatriz Lima");
  EXPECT_EQ(Count("SELECT count(*) FROM contacts WHERE profile_name = 'Beatriz Lima'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM conversations c JOIN contacts k ON k.id = c.contact_id "
                  "WHERE k.phone = '5511977776666'"),
            1);
}

TEST_F(ConversationAttach, MessagesStoredBeforeTheConversationExistedAreLinkedWithoutRewritingIt) {
  // Three messages from a new customer arrive before the first is attached: none is linked.
  const service::InboundRecord first = Receive("wamid.e1", "5511944443333", "Edu");
  const service::InboundRecord second = Receive("wamid.e2", "5511944443333", "Edu");
  const service::InboundRecord unnamed = Receive("wamid.e3", "5511944443333", "");
  const service::InboundRecord renamed = Receive("wamid.e4", "5511944443333", "Eduardo Reis");
  ASSERT_FALSE(second.conversation_id.has_value());
  ASSERT_FALSE(renamed.conversation_id.has_value());
  auto created = conversations_.AttachConversation(first);
  ASSERT_TRUE(created.ok()) << created.error().message();
  stack_.db().Query("UPDATE conversations SET state = 'CAPTURE_MIN' WHERE id = '" + created->id +
                    "'");
  const auto versions = [&] {
    return std::string(stack_.db()
                           .Query("SELECT k.xmin::text || '/' || c.xmin::text FROM contacts k "
                                  "JOIN conversations c ON c.contact_id = k.id "
                                  "WHERE k.phone = '5511944443333'")
                           .Get(0, 0));
  };
  const std::string before = versions();
  const auto linked_to = [&](const service::InboundRecord& message) {
    return std::string(stack_.db()
                           .Query("SELECT COALESCE(conversation_id::text, 'none') FROM messages "
                                  "WHERE id = '" +
                                  message.message_id + "'")
                           .Get(0, 0));
  };

  for (const service::InboundRecord* message : {&second, &unnamed}) {
    auto attached = conversations_.AttachConversation(*message);
    ASSERT_TRUE(attached.ok()) << attached.error().message();
    EXPECT_EQ(attached->id, created->id);
    EXPECT_EQ(attached->customer_name, "Edu");
    EXPECT_EQ(attached->customer_phone, "5511944443333");
    EXPECT_EQ(attached->state, core::ConversationState::kCaptureMin) << "read as it is now";
    EXPECT_EQ(linked_to(*message), created->id);
  }
  EXPECT_EQ(versions(), before) << "neither the contact nor the conversation was written";

  // A new name still goes through the upsert: recorded on the same conversation.
  auto attached = conversations_.AttachConversation(renamed);
  ASSERT_TRUE(attached.ok()) << attached.error().message();
  EXPECT_EQ(attached->id, created->id);
  EXPECT_EQ(attached->customer_name, "Eduardo Reis");
  EXPECT_EQ(linked_to(renamed), created->id);
  EXPECT_EQ(Count("SELECT count(*) FROM contacts WHERE phone = '5511944443333'"), 1);
}

TEST_F(ConversationAttach, TheDecisionAnsweringAMessageRecordsTheLastInboundTime) {
  const service::InboundRecord inbound = Receive("wamid.c1", "5511966665555", "Caio");
  ASSERT_TRUE(inbound.sent_at.has_value()) << "WhatsApp's timestamp is read with the message";
  EXPECT_EQ(inbound.sent_at->time_since_epoch(), std::chrono::seconds(1767261600));
  auto conversation = conversations_.AttachConversation(inbound);
  ASSERT_TRUE(conversation.ok()) << conversation.error().message();
  stack_.db().Query("UPDATE conversations SET last_inbound_at = now() - interval '2 days'");

  service::Decision decision = Answering(*conversation, inbound);
  ASSERT_TRUE(conversations_.CommitDecision(*conversation, decision).ok());
  EXPECT_EQ(Count("SELECT count(*) FROM conversations WHERE last_inbound_at > now() - interval "
                  "'1 minute'"),
            1);

  // The window runs from when the customer wrote, and never moves back.
  stack_.db().Query("UPDATE conversations SET last_inbound_at = now() - interval '2 days'");
  // A decision answering a new message of Caio's that he sent `hours` ago.
  const auto answer_sent_ago = [&](const std::string& provider_id, int hours) {
    auto current = conversations_.LoadConversation(inbound.tenant_id, conversation->id);
    ASSERT_TRUE(current.ok());
    service::Decision answer = Answering(*current, Receive(provider_id, "5511966665555", "Caio"));
    answer.customer_wrote_at = std::chrono::system_clock::now() - std::chrono::hours(hours);
    ASSERT_TRUE(conversations_.CommitDecision(*current, answer).ok());
  };
  const std::string three_hours_ago =
      "SELECT count(*) FROM conversations WHERE last_inbound_at BETWEEN now() - interval '181 "
      "minutes' AND now() - interval '179 minutes'";
  answer_sent_ago("wamid.c2", 3);
  EXPECT_EQ(Count(three_hours_ago), 1);
  answer_sent_ago("wamid.c3", 5);
  EXPECT_EQ(Count(three_hours_ago), 1);

  // A decision that answers no message (a person's, an expiry) leaves it alone.
  stack_.db().Query("UPDATE conversations SET last_inbound_at = now() - interval '2 days'");
  auto current = conversations_.LoadConversation(inbound.tenant_id, conversation->id);
  ASSERT_TRUE(current.ok());
  service::Decision by_person;
  by_person.expected_state = current->state;
  by_person.new_state = current->state;
  ASSERT_TRUE(conversations_.CommitDecision(*current, by_person).ok());
  EXPECT_EQ(Count("SELECT count(*) FROM conversations WHERE last_inbound_at > now() - interval "
                  "'1 minute'"),
            0);
}

TEST_F(ConversationAttach, ADecisionReturnsTheOutboxItLeftAndARepeatedOneNone) {
  const service::InboundRecord inbound = Receive("wamid.e1", "5511900001111", "Edu");
  auto conversation = conversations_.AttachConversation(inbound);
  ASSERT_TRUE(conversation.ok()) << conversation.error().message();
  service::Decision decision = Answering(*conversation, inbound);
  decision.replies = {{"prompt:e1", "Olá, Edu!"}, {"extra:e1", "Mais uma"}};

  auto committed = conversations_.CommitDecision(*conversation, decision);
  ASSERT_TRUE(committed.ok()) << committed.error().message();
  ASSERT_TRUE(committed->has_value());
  ASSERT_EQ((*committed)->size(), 2u);
  EXPECT_EQ((**committed)[0].body, "Olá, Edu!");
  EXPECT_EQ((**committed)[0].to, "5511900001111");
  EXPECT_EQ((**committed)[1].body, "Mais uma");
  auto pending = conversations_.PendingSends(inbound.tenant_id, conversation->id);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ((*pending)[0].outbound_id, (**committed)[0].outbound_id) << "the committed rows";

  // Another attempt at the same message: rolled back, nothing returned or added.
  decision.replies = {{"other:e1", "Outra"}};
  auto repeated = conversations_.CommitDecision(*conversation, decision);
  ASSERT_TRUE(repeated.ok()) << repeated.error().message();
  EXPECT_FALSE(repeated->has_value());
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE direction = 'outbound'"), 2);
}

TEST_F(ConversationAttach, ADecisionWithAnAttemptTimeClaimsOnlyTheRepliesItAdds) {
  const service::InboundRecord first = Receive("wamid.g1", "5511900003333", "Gil");
  auto conversation = conversations_.AttachConversation(first);
  ASSERT_TRUE(conversation.ok()) << conversation.error().message();
  service::Decision decision = Answering(*conversation, first);
  decision.replies = {{"prompt:g1", "um"}};
  ASSERT_TRUE(conversations_.CommitDecision(*conversation, decision).ok());  // left unsent

  const service::InboundRecord second = Receive("wamid.g2", "5511900003333", "Gil");
  auto current = conversations_.AttachConversation(second);
  ASSERT_TRUE(current.ok()) << current.error().message();
  const service::Instant at{std::chrono::milliseconds(1767261600123)};
  decision.expected_state = current->state;
  decision.processed_message_id = second.message_id;
  decision.replies = {{"prompt:g1", "repetida"}, {"prompt:g2", "dois"}};
  decision.attempt_at = at;
  auto committed = conversations_.CommitDecision(*current, decision);
  ASSERT_TRUE(committed.ok()) << committed.error().message();
  ASSERT_TRUE(committed->has_value());
  ASSERT_EQ((*committed)->size(), 2u);
  EXPECT_EQ((**committed)[0].body, "um");
  EXPECT_FALSE((**committed)[0].claimed) << "recorded by the earlier decision";
  EXPECT_FALSE((**committed)[0].attempted_at.has_value());
  EXPECT_EQ((**committed)[1].body, "dois");
  EXPECT_TRUE((**committed)[1].claimed);
  EXPECT_EQ((**committed)[1].attempted_at, at) << "recorded with the decision";

  // Read again later, nothing is claimed: the mark is an earlier attempt's for any other reader.
  auto pending = conversations_.PendingSends(second.tenant_id, current->id);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_FALSE((*pending)[1].claimed);
  EXPECT_EQ((*pending)[1].attempted_at, at);
}

TEST_F(ConversationAttach, ADecisionFromAStaleStateConflictsAndWritesNothing) {
  const service::InboundRecord first = Receive("wamid.f1", "5511900002222", "Fábio");
  const service::InboundRecord second = Receive("wamid.f2", "5511900002222", "Fábio");
  auto seen_by_both = conversations_.AttachConversation(first);
  ASSERT_TRUE(seen_by_both.ok()) << seen_by_both.error().message();
  service::Decision decision = Answering(*seen_by_both, first);
  decision.replies = {{"prompt:f1", "um"}};
  ASSERT_TRUE(conversations_.CommitDecision(*seen_by_both, decision).ok());

  decision.processed_message_id = second.message_id;
  decision.replies = {{"prompt:f2", "dois"}};
  auto stale = conversations_.CommitDecision(*seen_by_both, decision);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code(), core::ErrorCode::kConflict) << stale.error().message();
  EXPECT_NE(stale.error().message().find("left the state"), std::string::npos)
      << stale.error().message();
  EXPECT_EQ(stale.error().message().find("orcazap_expect"), std::string::npos)
      << "the failure alone, not the function that raised it: " << stale.error().message();
  // The processed mark that preceded the failed update was rolled back with it.
  auto found = conversations_.FindInbound(second.tenant_id, second.message_id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_FALSE((*found)->processed) << "a conflict must leave the message to be retried";
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE direction = 'outbound'"), 1);
}

}  // namespace
}  // namespace orcazap::testing
