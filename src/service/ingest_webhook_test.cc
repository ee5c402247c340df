#include "service/ingest_webhook.h"

#include <gtest/gtest.h>

#include <string>

#include "service/process_inbound.h"
#include "testing/fake_stores.h"

namespace orcazap::service {
namespace {

constexpr char kTenant[] = "tenant-1";
constexpr char kPhoneNumberId[] = "106540352242922";

core::InboundMessage Text(const std::string& provider_id, const std::string& from,
                          const std::string& phone_number_id = kPhoneNumberId) {
  core::InboundMessage message;
  message.phone_number_id = phone_number_id;
  message.provider_message_id = provider_id;
  message.from = from;
  message.profile_name = "Ana Lima";
  message.timestamp = 1767261700;
  message.type = "text";
  message.text = "Oi";
  return message;
}

core::StatusUpdate StatusUpdateFor(const std::string& provider_id, const std::string& status) {
  core::StatusUpdate update;
  update.phone_number_id = kPhoneNumberId;
  update.provider_message_id = provider_id;
  update.status = status;
  update.timestamp = 1767261800;
  update.recipient = "5521991234567";
  return update;
}

class IngestWebhookTest : public ::testing::Test {
 protected:
  IngestWebhookTest() { db_.AddChannel(kTenant, kPhoneNumberId, "verify-me"); }

  IngestReport Ingest(const core::WebhookBatch& batch, WebhookStore* store = nullptr) {
    auto report = IngestWebhook(batch, "req-1", store ? *store : webhooks_, queue_);
    EXPECT_TRUE(report.ok()) << report.error().ToString();
    return report.ok() ? std::move(report).value() : IngestReport{};
  }

  orcazap::testing::FakeDatabase db_;
  orcazap::testing::FakeWebhookStore webhooks_{db_};
  orcazap::testing::FakeJobQueue queue_;
};

TEST_F(IngestWebhookTest, EachNewMessageIsStoredAndQueuedForTheWorker) {
  core::WebhookBatch batch;
  batch.messages = {Text("wamid.1", "5521991234567"), Text("wamid.2", "5531988887777")};
  const IngestReport report = Ingest(batch);

  EXPECT_EQ(report.enqueued, 2);
  EXPECT_EQ(report.enqueue_failures, 0);
  ASSERT_EQ(queue_.jobs().size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const Job& job = queue_.jobs()[i];
    EXPECT_EQ(job.kind, "inbound");
    EXPECT_EQ(job.tenant_id, kTenant);
    EXPECT_EQ(job.request_id, "req-1");
    EXPECT_EQ(job.subject_id, report.outcome.new_messages[i].message_id);
    const auto* stored = db_.FindMessage(job.subject_id);
    ASSERT_NE(stored, nullptr);
    EXPECT_EQ(stored->provider_message_id, batch.messages[i].provider_message_id);
    EXPECT_EQ(stored->peer_phone, batch.messages[i].from);
  }
}

TEST_F(IngestWebhookTest, AWebhookDeliveredTwiceQueuesItsMessageOnce) {
  core::WebhookBatch batch;
  batch.messages = {Text("wamid.1", "5521991234567")};
  Ingest(batch);
  const IngestReport again = Ingest(batch);

  EXPECT_EQ(again.outcome.duplicate_messages, 1);
  EXPECT_TRUE(again.outcome.new_messages.empty());
  EXPECT_EQ(again.enqueued, 0);
  EXPECT_EQ(queue_.jobs().size(), 1u);
  EXPECT_EQ(db_.messages.size(), 1u);
}

TEST_F(IngestWebhookTest, AnEnqueueFailureIsCountedButTheWebhookIsStillAccepted) {
  core::WebhookBatch batch;
  batch.messages = {Text("wamid.1", "5521991234567"), Text("wamid.2", "5531988887777")};
  queue_.FailNext(1);
  const IngestReport report = Ingest(batch);

  EXPECT_EQ(report.enqueue_failures, 1);
  EXPECT_EQ(report.enqueued, 1);
  ASSERT_EQ(queue_.jobs().size(), 1u);
  EXPECT_EQ(queue_.jobs()[0].subject_id, report.outcome.new_messages[1].message_id);
  EXPECT_EQ(db_.messages.size(), 2u) << "both messages must be stored for reconciliation";
}

TEST_F(IngestWebhookTest, APersistFailureIsAnErrorAndQueuesNothing) {
  orcazap::testing::FaultyWebhookStore faulty(webhooks_);
  faulty.plan().FailCall("PersistWebhook", 1, core::Error::Transient("connection lost"));
  core::WebhookBatch batch;
  batch.messages = {Text("wamid.1", "5521991234567")};

  auto report = IngestWebhook(batch, "req-1", faulty, queue_);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code(), core::ErrorCode::kTransient);
  EXPECT_TRUE(queue_.jobs().empty());
  EXPECT_TRUE(db_.messages.empty());

  // Meta retries the same webhook: this time it goes through, once.
  const IngestReport retried = Ingest(batch, &faulty);
  EXPECT_EQ(retried.enqueued, 1);
  EXPECT_EQ(queue_.jobs().size(), 1u);
}

TEST_F(IngestWebhookTest, MessagesForAnUnknownNumberAreReportedNotStored) {
  core::WebhookBatch batch;
  batch.messages = {Text("wamid.1", "5521991234567", "999"),
                    Text("wamid.2", "5521991234567", "999")};
  const IngestReport report = Ingest(batch);

  ASSERT_EQ(report.outcome.unknown_phone_number_ids.size(), 1u);
  EXPECT_EQ(report.outcome.unknown_phone_number_ids[0], "999");
  EXPECT_TRUE(report.outcome.new_messages.empty());
  EXPECT_TRUE(queue_.jobs().empty());
  EXPECT_TRUE(db_.messages.empty());
}

TEST_F(IngestWebhookTest, StatusesAreRecordedWithoutQueueingAnything) {
  core::WebhookBatch batch;
  batch.statuses = {StatusUpdateFor("wamid.out-1", "delivered"),
                    StatusUpdateFor("wamid.out-1", "read")};
  const IngestReport report = Ingest(batch);
  EXPECT_EQ(report.outcome.statuses_recorded, 2);
  EXPECT_EQ(report.enqueued, 0);
  EXPECT_TRUE(queue_.jobs().empty());
}

TEST_F(IngestWebhookTest, AFailedStatusShowsOnTheSentReplyWithItsErrorCode) {
  core::WebhookBatch inbound;
  inbound.messages = {Text("wamid.1", "5521991234567")};
  Ingest(inbound);
  orcazap::testing::FakeConversationStore conversations(db_);
  orcazap::testing::FakeTenantStore tenants;
  tenants.Put(kTenant, TenantContext{});
  orcazap::testing::FakeMessenger messenger;
  const orcazap::testing::FakeClock clock;
  ASSERT_TRUE(ProcessInbound(kTenant, queue_.jobs()[0].subject_id,
                             {conversations, tenants, messenger, clock})
                  .ok());
  ASSERT_EQ(messenger.sent().size(), 1u);
  const std::string sent_id = messenger.sent()[0].provider_message_id;

  core::WebhookBatch statuses;
  core::StatusUpdate failed = StatusUpdateFor(sent_id, "failed");
  failed.error_code = 131047;
  failed.error_title = "Re-engagement message";
  statuses.statuses = {StatusUpdateFor(sent_id, "delivered"), failed,
                       StatusUpdateFor(sent_id, "read")};
  Ingest(statuses);

  const auto* reply = db_.FindByProviderId(sent_id);
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(reply->status, "failed") << "a later 'read' must not hide the failure";
  EXPECT_NE(reply->error.find("131047"), std::string::npos) << reply->error;
}

}  // namespace
}  // namespace orcazap::service
