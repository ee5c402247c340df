#include "adapters/http/status_webhook_reporter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "adapters/http/running_server.h"
#include "adapters/whatsapp/signature.h"
#include "adapters/whatsapp/webhook_parser.h"

namespace orcazap::adapters::http {
namespace {

using namespace std::chrono_literals;

StandinMessage Sent(int seq, std::string reference) {
  StandinMessage message;
  message.seq = seq;
  message.id = "wamid.standin." + std::to_string(seq);
  message.phone_number_id = "106540352242922";
  message.to = "5511987654321";
  message.reference = std::move(reference);
  return message;
}

TEST(StatusWebhookBodyTest, ReadsBackAsMetasStatusesWithTheReference) {
  auto batch = whatsapp::ParseWebhook(
      StatusWebhookBody({Sent(1, "ref-1"), Sent(2, "")}, {"sent", "delivered"}, 1767261601));
  ASSERT_TRUE(batch.ok()) << batch.error().ToString();
  ASSERT_EQ(batch->statuses.size(), 4u);
  EXPECT_EQ(batch->statuses[0].provider_message_id, "wamid.standin.1");
  EXPECT_EQ(batch->statuses[0].status, "sent");
  EXPECT_EQ(batch->statuses[0].callback_data, "ref-1");
  EXPECT_EQ(batch->statuses[1].status, "delivered");
  EXPECT_EQ(batch->statuses[1].phone_number_id, "106540352242922");
  EXPECT_EQ(batch->statuses[2].callback_data, "");
  EXPECT_EQ(batch->statuses[3].timestamp, 1767261601);
}

// The webhook refuses the first post (as a serve whose database is down would): the reporter
// posts the same signed statuses again.
TEST(StatusWebhookReporterTest, PostsSignedStatusesAndRetriesUntilAccepted) {
  std::mutex mu;
  std::condition_variable arrived;
  std::vector<std::string> accepted;
  std::atomic<int> posts{0};
  testing::RunningServer webhook({}, [&](const Request& request) {
    if (++posts == 1) return Response::Text(503, "database unavailable");
    if (!whatsapp::VerifySignature("app-secret", request.body,
                                   request.Header("x-hub-signature-256"))) {
      return Response::Text(401, "bad signature");
    }
    {
      std::lock_guard lock(mu);
      accepted.push_back(request.body);
    }
    arrived.notify_all();
    return Response::Text(200, "ok");
  });

  StatusWebhookSettings settings{webhook.Url("/webhooks/whatsapp"), "app-secret"};
  settings.first_retry = 10ms;
  StatusWebhookReporter reporter(settings);
  reporter.Report(Sent(1, "ref-1"));

  std::unique_lock lock(mu);
  ASSERT_TRUE(arrived.wait_for(lock, 20s, [&] { return !accepted.empty(); }));
  auto batch = whatsapp::ParseWebhook(accepted[0]);
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->statuses.size(), 2u);
  EXPECT_EQ(batch->statuses[0].callback_data, "ref-1");
  EXPECT_EQ(posts.load(), 2);
}

}  // namespace
}  // namespace orcazap::adapters::http
