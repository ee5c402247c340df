#include "service/process_inbound.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service/ingest_webhook.h"
#include "testing/fake_stores.h"

namespace orcazap::service {
namespace {

using orcazap::testing::FakeConversation;
using orcazap::testing::FakeMessage;

constexpr char kTenant[] = "tenant-1";
constexpr char kPhoneNumberId[] = "106540352242922";
constexpr char kCustomer[] = "5511987654321";

core::InboundMessage Text(const std::string& provider_id, const std::string& from,
                          const std::string& name, const std::string& text) {
  core::InboundMessage message;
  message.phone_number_id = kPhoneNumberId;
  message.provider_message_id = provider_id;
  message.from = from;
  message.profile_name = name;
  message.timestamp = 1767261600;
  message.type = "text";
  message.text = text;
  return message;
}

class ProcessInboundTest : public ::testing::Test {
 protected:
  ProcessInboundTest() : channel_id_(db_.AddChannel(kTenant, kPhoneNumberId, "verify-me")) {
    tenants_.Put(kTenant, TenantContext{});
  }

  // Persists a message as the webhook would and returns our id for it.
  std::string Receive(const core::InboundMessage& message) {
    core::WebhookBatch batch;
    batch.messages.push_back(message);
    auto outcome = webhooks_.PersistWebhook(batch);
    EXPECT_TRUE(outcome.ok());
    EXPECT_EQ(outcome->new_messages.size(), 1u);
    return outcome->new_messages.empty() ? "" : outcome->new_messages[0].message_id;
  }

  core::Status Process(const std::string& message_id, ConversationStore* store = nullptr) {
    return ProcessInbound(kTenant, message_id,
                          {store ? *store : conversations_, tenants_, messenger_, clock_});
  }

  const FakeConversation& ConversationWith(const std::string& phone) {
    const FakeConversation* conversation = db_.FindConversationWith(kTenant, phone);
    EXPECT_NE(conversation, nullptr) << "no conversation with " << phone;
    static const FakeConversation kNone;
    return conversation ? *conversation : kNone;
  }

  std::vector<FakeMessage> OutboundTo(const std::string& phone) {
    return db_.Outbound(ConversationWith(phone).id);
  }

  orcazap::testing::FakeDatabase db_;
  orcazap::testing::FakeWebhookStore webhooks_{db_};
  orcazap::testing::FakeConversationStore conversations_{db_};
  orcazap::testing::FakeTenantStore tenants_;
  orcazap::testing::FakeMessenger messenger_;
  orcazap::testing::FakeClock clock_;
  std::string channel_id_;
};

TEST_F(ProcessInboundTest, AFirstMessageAsksForTheQuoteDataAndAwaitsIt) {
  const std::string id = Receive(Text("wamid.1", kCustomer, "Marcos Souza", "Boa tarde"));
  ASSERT_TRUE(Process(id).ok());

  EXPECT_STREQ(core::StateName(ConversationWith(kCustomer).state), "CAPTURE_MIN");
  ASSERT_EQ(messenger_.sent().size(), 1u);
  const auto& prompt = messenger_.sent()[0];
  EXPECT_EQ(prompt.to, kCustomer);
  EXPECT_EQ(prompt.tenant_id, kTenant);
  EXPECT_EQ(prompt.channel_id, channel_id_);
  EXPECT_NE(prompt.body.find("entrega"), std::string::npos) << prompt.body;
  EXPECT_NE(prompt.body.find("pagamento"), std::string::npos) << prompt.body;
}

TEST_F(ProcessInboundTest, ThePromptGreetsTheCustomerByProfileName) {
  ASSERT_TRUE(Process(Receive(Text("wamid.1", kCustomer, "Marcos Souza", "Oi"))).ok());
  ASSERT_EQ(messenger_.sent().size(), 1u);
  EXPECT_NE(messenger_.sent()[0].body.find("Marcos Souza"), std::string::npos)
      << messenger_.sent()[0].body;
}

TEST_F(ProcessInboundTest, ThePromptIsRecordedAsSentWithTheProviderId) {
  ASSERT_TRUE(Process(Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"))).ok());
  const auto outbound = OutboundTo(kCustomer);
  ASSERT_EQ(outbound.size(), 1u);
  EXPECT_EQ(outbound[0].status, "sent");
  EXPECT_EQ(outbound[0].provider_message_id, messenger_.sent()[0].provider_message_id);
  EXPECT_EQ(outbound[0].text, messenger_.sent()[0].body);
  EXPECT_TRUE(db_.FindMessage(db_.messages[0].id)->processed);
}

TEST_F(ProcessInboundTest, ProcessingTheSameMessageTwiceSendsOnce) {
  const std::string id = Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"));
  ASSERT_TRUE(Process(id).ok());
  ASSERT_TRUE(Process(id).ok());
  EXPECT_EQ(messenger_.attempts(), 1);
  EXPECT_EQ(OutboundTo(kCustomer).size(), 1u);
  EXPECT_STREQ(core::StateName(ConversationWith(kCustomer).state), "CAPTURE_MIN");
}

TEST_F(ProcessInboundTest, ATransientSendFailureAsksForARetryAndKeepsThePromptQueued) {
  const std::string id = Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"));
  messenger_.FailNextTransiently(1);

  const core::Status first = Process(id);
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().code(), core::ErrorCode::kTransient);
  EXPECT_TRUE(messenger_.sent().empty());
  auto outbound = OutboundTo(kCustomer);
  ASSERT_EQ(outbound.size(), 1u);
  EXPECT_EQ(outbound[0].status, "queued");

  ASSERT_TRUE(Process(id).ok());
  ASSERT_TRUE(Process(id).ok());
  EXPECT_EQ(messenger_.sent().size(), 1u);
  EXPECT_EQ(messenger_.attempts(), 2);
  outbound = OutboundTo(kCustomer);
  ASSERT_EQ(outbound.size(), 1u);
  EXPECT_EQ(outbound[0].status, "sent");
}

// The worker died after WhatsApp accepted a reply and before recording it.
TEST_F(ProcessInboundTest, AReplyWhoseAnswerWasLostIsNotSentAgainOnceItsStatusArrives) {
  const std::string id = Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"));
  messenger_.LoseNextAnswer();

  ASSERT_FALSE(Process(id).ok());
  ASSERT_EQ(messenger_.sent().size(), 1u);
  const auto retried = Process(id);  // within the confirmation window: waits, sends nothing
  ASSERT_FALSE(retried.ok());
  EXPECT_EQ(retried.error().code(), core::ErrorCode::kTransient);
  EXPECT_EQ(messenger_.sent().size(), 1u);

  // WhatsApp's status names the outbox row by the reference the send carried.
  const auto& reached = messenger_.sent()[0];
  EXPECT_EQ(reached.reference, OutboundTo(kCustomer)[0].id);
  core::WebhookBatch statuses;
  statuses.statuses.push_back({kPhoneNumberId, reached.provider_message_id, "sent", 1767261601,
                               kCustomer, std::nullopt, "", reached.reference, "{}"});
  ASSERT_TRUE(webhooks_.PersistWebhook(statuses).ok());

  ASSERT_TRUE(Process(id).ok());
  EXPECT_EQ(messenger_.sent().size(), 1u);
  const auto outbound = OutboundTo(kCustomer);
  ASSERT_EQ(outbound.size(), 1u);
  EXPECT_EQ(outbound[0].status, "sent");
  EXPECT_EQ(outbound[0].provider_message_id, reached.provider_message_id);
}

TEST_F(ProcessInboundTest, AReplyWithNoStatusWithinTheWindowIsSentAgain) {
  const std::string id = Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"));
  messenger_.LoseNextAnswer();
  ASSERT_FALSE(Process(id).ok());

  clock_.Advance(std::chrono::seconds(61));  // past the default 60 s window
  ASSERT_TRUE(Process(id).ok());
  EXPECT_EQ(messenger_.sent().size(), 2u);
  EXPECT_EQ(OutboundTo(kCustomer)[0].status, "sent");
}

TEST_F(ProcessInboundTest, ARefusedSendIsRetriedAtOnceWithoutWaitingForAStatus) {
  const std::string id = Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"));
  messenger_.FailNextTransiently(1);  // WhatsApp answered 429: certainly not accepted
  ASSERT_FALSE(Process(id).ok());
  EXPECT_FALSE(OutboundTo(kCustomer)[0].attempted_at.has_value());
  ASSERT_TRUE(Process(id).ok());
  EXPECT_EQ(messenger_.sent().size(), 1u);
}

TEST_F(ProcessInboundTest, TheTurnsReplyIsMarkedAttemptedByItsDecisionAndSentWithoutAnotherWrite) {
  const std::string id = Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"));
  orcazap::testing::FaultyConversationStore faulty(conversations_);
  ASSERT_TRUE(Process(id, &faulty).ok());
  EXPECT_EQ(messenger_.sent().size(), 1u);
  EXPECT_EQ(faulty.plan().calls("MarkSendAttempt"), 0);
  const auto outbound = OutboundTo(kCustomer);
  ASSERT_EQ(outbound.size(), 1u);
  EXPECT_EQ(outbound[0].status, "sent");
  EXPECT_EQ(outbound[0].attempted_at, clock_.Now()) << "recorded with the decision";
}

TEST_F(ProcessInboundTest, ALinkedMessageIsAnsweredFromTheConversationReadWithItsLock) {
  ASSERT_TRUE(Process(Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"))).ok());
  const std::string id = Receive(Text("wamid.2", kCustomer, "Marcos", "Boa tarde"));
  EXPECT_EQ(db_.FindMessage(id)->conversation_id, ConversationWith(kCustomer).id)
      << "stored linked, as serve stores it";
  orcazap::testing::FaultyConversationStore faulty(conversations_);
  ASSERT_TRUE(Process(id, &faulty).ok());
  EXPECT_EQ(faulty.plan().calls("AttachConversation"), 0) << "the name did not change";
  EXPECT_TRUE(db_.FindMessage(id)->processed);
  EXPECT_EQ(faulty.plan().calls("CommitDecision"), 1);
}

TEST_F(ProcessInboundTest, ALinkedMessageWithANewNameIsAttachedToRecordIt) {
  ASSERT_TRUE(Process(Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"))).ok());
  const std::string id = Receive(Text("wamid.2", kCustomer, "Marcos Souza", "Boa tarde"));
  const std::string conversation_id = ConversationWith(kCustomer).id;
  EXPECT_EQ(db_.FindMessage(id)->conversation_id, conversation_id);
  orcazap::testing::FaultyConversationStore faulty(conversations_);
  ASSERT_TRUE(Process(id, &faulty).ok());
  EXPECT_EQ(faulty.plan().calls("AttachConversation"), 1);
  auto conversation = conversations_.LoadConversation(kTenant, conversation_id);
  ASSERT_TRUE(conversation.ok());
  EXPECT_EQ(conversation->customer_name, "Marcos Souza");
}

TEST_F(ProcessInboundTest, AfterAnEarlierMessageOfTheBacklogTheConversationIsReadAgain) {
  const std::string earlier = Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"));
  const std::string later = Receive(Text("wamid.2", kCustomer, "Marcos", "Boa tarde"));
  auto earlier_record = conversations_.FindInbound(kTenant, earlier);
  ASSERT_TRUE(earlier_record.ok() && earlier_record->has_value());
  auto conversation = conversations_.AttachConversation(**earlier_record);  // still INBOUND
  ASSERT_TRUE(conversation.ok());
  db_.FindMessage(later)->conversation_id = conversation->id;
  orcazap::testing::FaultyConversationStore faulty(conversations_);
  // The later message's job answers the earlier one first (INBOUND → CAPTURE_MIN): the
  // conversation read with the lock is then out of date, and a decision taken from it would
  // conflict.
  ASSERT_TRUE(Process(later, &faulty).ok());
  EXPECT_EQ(faulty.plan().calls("CommitDecision"), 2);
  EXPECT_TRUE(db_.FindMessage(earlier)->processed);
  EXPECT_TRUE(db_.FindMessage(later)->processed);
  EXPECT_STREQ(core::StateName(ConversationWith(kCustomer).state), "CAPTURE_MIN");
}

TEST_F(ProcessInboundTest, TheTurnTakesTheStoresSettingsReadWithTheLock) {
  db_.tenant_settings[kTenant] = TenantSettings{.timezone = "America/Manaus",
                                                .quote_validity_hours = 48,
                                                .store_hours = "8h às 18h",
                                                .catalog_version = 7};
  ASSERT_TRUE(Process(Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"))).ok());
  EXPECT_EQ(tenants_.loads(), 0) << "the settings came with the lock";

  db_.tenant_settings[kTenant].timezone = "Mars/Olympus";
  const auto failed = Process(Receive(Text("wamid.2", kCustomer, "Marcos", "Boa tarde")));
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message().find("Mars/Olympus"), std::string::npos)
      << failed.error().message();

  db_.tenant_settings.clear();  // not read with the lock: read now
  ASSERT_TRUE(Process(Receive(Text("wamid.3", kCustomer, "Marcos", "Oi de novo"))).ok());
  EXPECT_EQ(tenants_.loads(), 2) << "one per turn: wamid.2, left by the failure, then wamid.3";
}

TEST_F(ProcessInboundTest, RepliesMarkedByTheirDecisionButNotTriedAreReleasedWhenASendFails) {
  const std::string id = Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"));
  ASSERT_TRUE(Process(id).ok());
  const std::string conversation_id = ConversationWith(kCustomer).id;
  // Two more replies as a decision with an attempt time leaves them.
  for (const char* body : {"um", "dois"}) {
    FakeMessage reply;
    reply.id = db_.NextId("msg");
    reply.tenant_id = kTenant;
    reply.channel_id = channel_id_;
    reply.conversation_id = conversation_id;
    reply.inbound = false;
    reply.peer_phone = kCustomer;
    reply.type = "text";
    reply.text = body;
    reply.purpose_key = std::string("extra:") + body;
    reply.status = "queued";
    reply.attempted_at = clock_.Now();
    db_.messages.push_back(reply);
  }
  auto outbox = conversations_.PendingSends(kTenant, conversation_id);
  ASSERT_TRUE(outbox.ok());
  ASSERT_EQ(outbox->size(), 2u);
  for (PendingSend& send : *outbox) send.claimed = true;

  messenger_.FailNextTransiently(1);  // the first is refused (429): certainly not accepted
  const ProcessPorts ports{conversations_, tenants_, messenger_, clock_};
  const core::Status failed = FlushOutbox(kTenant, conversation_id, ports, std::move(*outbox));
  ASSERT_FALSE(failed.ok());
  for (const FakeMessage& reply : OutboundTo(kCustomer)) {
    if (reply.status == "queued") {
      EXPECT_FALSE(reply.attempted_at.has_value()) << reply.text << " was not tried";
    }
  }
  // The retry sends both at once instead of waiting for statuses that cannot come.
  ASSERT_TRUE(FlushOutbox(kTenant, conversation_id, ports).ok());
  EXPECT_EQ(messenger_.sent().size(), 3u);
}

TEST_F(ProcessInboundTest, OutboxReconciliationQueuesAFlushForUnsentReplies) {
  const std::string id = Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"));
  messenger_.FailNextTransiently(1);
  ASSERT_FALSE(Process(id).ok());

  orcazap::testing::FakeJobQueue queue;
  auto enqueued =
      ReconcileOutbox(conversations_, queue, clock_, std::chrono::seconds(30), /*limit=*/10);
  ASSERT_TRUE(enqueued.ok());
  EXPECT_EQ(*enqueued, 1);
  ASSERT_EQ(queue.jobs().size(), 1u);
  EXPECT_EQ(queue.jobs()[0].kind, kFlushJobKind);
  EXPECT_EQ(queue.jobs()[0].subject_id, ConversationWith(kCustomer).id);
}

TEST_F(ProcessInboundTest, APermanentSendFailureIsRecordedAndNotRetried) {
  const std::string id = Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"));
  messenger_.FailNextPermanently(1);

  ASSERT_TRUE(Process(id).ok());
  auto outbound = OutboundTo(kCustomer);
  ASSERT_EQ(outbound.size(), 1u);
  EXPECT_EQ(outbound[0].status, "failed");
  EXPECT_NE(outbound[0].error.find("131047"), std::string::npos) << outbound[0].error;

  ASSERT_TRUE(Process(id).ok());
  EXPECT_EQ(messenger_.attempts(), 1);
  EXPECT_TRUE(messenger_.sent().empty());
}

TEST_F(ProcessInboundTest, AReplyOutsideTheCustomerServiceWindowIsRecordedFailedNotAttempted) {
  ASSERT_TRUE(Process(Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"))).ok());
  ASSERT_EQ(messenger_.attempts(), 1);
  for (FakeConversation& conversation : db_.conversations) {
    if (conversation.id == ConversationWith(kCustomer).id) conversation.window_closed = true;
  }

  ASSERT_TRUE(Process(Receive(Text("wamid.2", kCustomer, "Marcos", "Oi de novo"))).ok());
  EXPECT_EQ(messenger_.attempts(), 1) << "WhatsApp would refuse it: not attempted";
  auto outbound = OutboundTo(kCustomer);
  ASSERT_EQ(outbound.size(), 2u);
  EXPECT_EQ(outbound[1].status, "failed");
  EXPECT_EQ(outbound[1].error, kWindowClosedError);
}

TEST_F(ProcessInboundTest, AStoreFailureBeforeCommittingSendsNothingAndARetryRecovers) {
  const std::string id = Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"));
  orcazap::testing::FaultyConversationStore faulty(conversations_);
  faulty.plan().FailCall("CommitDecision", 1, core::Error::Transient("connection lost"));

  const core::Status first = Process(id, &faulty);
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().code(), core::ErrorCode::kTransient);
  EXPECT_TRUE(messenger_.sent().empty());
  EXPECT_FALSE(db_.FindMessage(id)->processed);
  EXPECT_TRUE(OutboundTo(kCustomer).empty());

  ASSERT_TRUE(Process(id, &faulty).ok());
  EXPECT_EQ(messenger_.sent().size(), 1u);
  EXPECT_STREQ(core::StateName(ConversationWith(kCustomer).state), "CAPTURE_MIN");
}

TEST_F(ProcessInboundTest, AnUnknownMessageIsNotFound) {
  const core::Status status = Process("msg-404");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(messenger_.attempts(), 0);
}

TEST_F(ProcessInboundTest, AnotherTenantsMessageIsNotFound) {
  const std::string id = Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"));
  const core::Status status =
      ProcessInbound("tenant-2", id, {conversations_, tenants_, messenger_, clock_});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(messenger_.attempts(), 0);
}

TEST_F(ProcessInboundTest, EachCustomerGetsTheirOwnConversationAndPrompt) {
  ASSERT_TRUE(Process(Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"))).ok());
  ASSERT_TRUE(Process(Receive(Text("wamid.2", "5531988887777", "José", "Bom dia"))).ok());

  EXPECT_NE(ConversationWith(kCustomer).id, ConversationWith("5531988887777").id);
  ASSERT_EQ(messenger_.sent().size(), 2u);
  EXPECT_EQ(messenger_.sent()[0].to, kCustomer);
  EXPECT_EQ(messenger_.sent()[1].to, "5531988887777");
  EXPECT_NE(messenger_.sent()[1].body.find("José"), std::string::npos);
  EXPECT_EQ(OutboundTo(kCustomer).size(), 1u);
  EXPECT_EQ(OutboundTo("5531988887777").size(), 1u);
}

TEST_F(ProcessInboundTest, ASecondMessageStaysInTheSameConversation) {
  ASSERT_TRUE(Process(Receive(Text("wamid.1", kCustomer, "Marcos", "Oi"))).ok());
  const std::string second = Receive(Text("wamid.2", kCustomer, "Marcos", "tudo bem?"));
  ASSERT_TRUE(Process(second).ok());
  EXPECT_EQ(db_.conversations.size(), 1u);
  EXPECT_EQ(db_.FindMessage(second)->conversation_id, ConversationWith(kCustomer).id);
  EXPECT_TRUE(db_.FindMessage(second)->processed);
  for (const auto& send : messenger_.sent()) EXPECT_EQ(send.to, kCustomer);
}

TEST_F(ProcessInboundTest, AmanhaIsTheDayAfterTheCustomerWroteNotAfterTheMessageWasProcessed) {
  // Written at 23:58 in São Paulo (02:58 UTC), processed at 00:05 the next day.
  core::InboundMessage message = Text("wamid.1", kCustomer, "Marcos", "entrega amanhã");
  message.timestamp = 1767322680;  // 2026-01-02 02:58 UTC = 2026-01-01 23:58 -03
  clock_ = orcazap::testing::FakeClock(Instant(std::chrono::seconds(1767323100)));  // 03:05 UTC
  ASSERT_TRUE(Process(Receive(message)).ok());
  const auto& delivery = ConversationWith(kCustomer).captured.delivery;
  ASSERT_TRUE(delivery && delivery->date);
  EXPECT_EQ(delivery->date->year, 2026);
  EXPECT_EQ(delivery->date->month, 1);
  EXPECT_EQ(delivery->date->day, 2) << "the day after 2026-01-01, when the customer wrote";
}

TEST_F(ProcessInboundTest, HojeWrittenBeforeMidnightAndAnsweredAfterIsAskedAgain) {
  // "hoje" at 23:58 in São Paulo is 2026-01-01; the answer leaves on 2026-01-02, when that day
  // has passed: the customer is asked for the day instead of getting a quote for yesterday.
  core::InboundMessage message =
      Text("wamid.1", kCustomer, "Marcos", "10 sacos de cimento, entrega hoje no centro, pix");
  message.timestamp = 1767322680;  // 2026-01-02 02:58 UTC = 2026-01-01 23:58 -03
  clock_ = orcazap::testing::FakeClock(Instant(std::chrono::seconds(1767323100)));  // 03:05 UTC
  ASSERT_TRUE(Process(Receive(message)).ok());
  const auto& conversation = ConversationWith(kCustomer);
  EXPECT_EQ(conversation.state, core::ConversationState::kCaptureMin);
  EXPECT_FALSE(conversation.captured.delivery.has_value());
  ASSERT_FALSE(messenger_.sent().empty());
  EXPECT_NE(messenger_.sent().back().body.find("Dia da entrega"), std::string::npos)
      << messenger_.sent().back().body;
}

TEST(CustomerWroteAt, IsWhatsAppsTimestampButNeverInTheFutureNorOlderThanARedelivery) {
  const Instant now(std::chrono::seconds(1767323100));
  EXPECT_EQ(CustomerWroteAt(now - std::chrono::minutes(7), now), now - std::chrono::minutes(7));
  EXPECT_EQ(CustomerWroteAt(now - std::chrono::hours(6 * 24), now), now - std::chrono::hours(144));
  EXPECT_EQ(CustomerWroteAt(now + std::chrono::minutes(2), now), now) << "a clock ahead";
  EXPECT_EQ(CustomerWroteAt(std::nullopt, now), now);
  EXPECT_EQ(CustomerWroteAt(Instant(std::chrono::seconds(0)), now), now) << "no timestamp";
  EXPECT_EQ(CustomerWroteAt(now - kLatestWebhookRedelivery - std::chrono::minutes(1), now), now);
}

}  // namespace
}  // namespace orcazap::service
