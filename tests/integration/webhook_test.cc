// The WhatsApp webhook end to end: real serve, worker, PostgreSQL, Redis and Graph stand-in.
#include <gtest/gtest.h>

#include <thread>

#include "adapters/whatsapp/signature.h"
#include "tests/harness/stack.h"

namespace orcazap::testing {
namespace {

constexpr char kMarcos[] = "5511987654321";  // the sender in text_message.json

long long InboundCount(Stack& stack) {
  return stack.db().Count("SELECT count(*) FROM messages WHERE direction = 'inbound'");
}

bool PromptCountIs(Stack& stack, size_t count, const std::string& to) {
  return Stack::WaitUntil([&] { return stack.SentMessages(to).size() >= count; }) &&
         stack.SentMessages(to).size() == count;
}

TEST(Webhook, TextMessageProducesExactlyOnePromptToTheSender) {
  Stack stack;
  const auto response = stack.PostWebhook(Fixture("text_message.json"));
  ASSERT_EQ(response.status, 200) << response.body;

  ASSERT_TRUE(PromptCountIs(stack, 1, kMarcos));
  const auto sent = stack.SentMessages();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["to"], kMarcos);
  EXPECT_EQ(sent[0]["phone_number_id"], kStorePhoneNumberId);
  EXPECT_EQ(sent[0]["token"], "demo-access-token");
  const std::string body = sent[0]["body"];
  EXPECT_NE(body.find("Marcos Souza"), std::string::npos) << body;
  EXPECT_NE(body.find("entrega"), std::string::npos) << body;
  EXPECT_NE(body.find("pagamento"), std::string::npos) << body;

  // Stored: the inbound processed and linked, the prompt with the id the API returned, and
  // the "delivered" status the stand-in reported back (as Meta does) applied to it.
  EXPECT_TRUE(Stack::WaitUntil([&] {
    return stack.db().Count(
               "SELECT count(*) FROM messages WHERE direction = 'outbound' AND "
               "status = 'delivered' AND provider_message_id = $1",
               {sent[0]["id"].get<std::string>()}) == 1;
  }));
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE direction = 'inbound' AND "
                             "processed_at IS NOT NULL AND conversation_id IS NOT NULL"),
            1);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM conversations WHERE state = 'CAPTURE_MIN'"), 1);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM contacts WHERE phone = $1 AND "
                             "profile_name = 'Marcos Souza'",
                             {kMarcos}),
            1);
}

TEST(Webhook, SameBodyAgainStoresNothingNewAndSendsNothingNew) {
  Stack stack;
  const std::string body = Fixture("text_message.json");
  ASSERT_EQ(stack.PostWebhook(body).status, 200);
  ASSERT_TRUE(PromptCountIs(stack, 1, kMarcos));

  ASSERT_EQ(stack.PostWebhook(body).status, 200);
  ASSERT_EQ(stack.PostWebhook(body).status, 200);
  // Give a wrongly enqueued duplicate every chance to be processed before counting.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(InboundCount(stack), 1);
  EXPECT_EQ(stack.SentMessages().size(), 1u);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE direction = 'outbound'"), 1);
}

TEST(Webhook, BatchMixedStoresAllFourMessagesAndTheStatus) {
  Stack stack({.start_worker = false});
  ASSERT_EQ(stack.PostWebhook(Fixture("batch_mixed.json")).status, 200);

  EXPECT_EQ(InboundCount(stack), 4);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE type = 'image' AND "
                             "text = 'preciso desse piso, 40 m2'"),
            1);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE type = 'interactive' AND "
                             "text = 'Confirmar'"),
            1);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE type = 'location' AND "
                             "raw->'location'->>'name' = 'Obra'"),
            1);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE type = 'sticker'"), 1);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM message_status_events WHERE status = 'read' "
                             "AND provider_message_id LIKE 'wamid.HBgNNTUyMTk5MTIzNDU2NxUCABEY%'"),
            1);
}

TEST(Webhook, WrongSignatureIs401AndStoresNothing) {
  Stack stack;
  const std::string body = Fixture("text_message.json");
  const std::string wrong = "sha256=" + std::string(64, '0');
  EXPECT_EQ(stack.PostWebhook(body, wrong).status, 401);
  EXPECT_EQ(stack.PostWebhook(body, "").status, 401);
  EXPECT_EQ(stack.PostWebhook(body + " ", std::nullopt).status, 200);  // signed: accepted
  EXPECT_EQ(stack.PostWebhook(body, adapters::whatsapp::SignBody("other", body)).status, 401);
  ASSERT_TRUE(PromptCountIs(stack, 1, kMarcos));
  EXPECT_EQ(InboundCount(stack), 1);
}

TEST(Webhook, UnsignedOrWrongSignatureStoresNothingAtAll) {
  Stack stack;
  EXPECT_EQ(stack.PostWebhook(Fixture("batch_mixed.json"), "sha256=abc").status, 401);
  EXPECT_EQ(InboundCount(stack), 0);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM message_status_events"), 0);
}

TEST(Webhook, TruncatedOrForeignBodyIs400AndStoresNothing) {
  Stack stack;
  const std::string body = Fixture("text_message.json");
  const auto truncated = stack.PostWebhook(body.substr(0, body.size() / 2));
  EXPECT_EQ(truncated.status, 400);
  EXPECT_NE(truncated.body.find("not valid JSON"), std::string::npos) << truncated.body;
  const auto foreign = stack.PostWebhook(R"({"object":"page","entry":[]})");
  EXPECT_EQ(foreign.status, 400);
  EXPECT_NE(foreign.body.find("whatsapp_business_account"), std::string::npos) << foreign.body;
  EXPECT_EQ(InboundCount(stack), 0);
}

TEST(Webhook, BodyOverTheLimitIs413) {
  Stack stack;
  const std::string huge = R"({"object":"whatsapp_business_account","entry":[],"pad":")" +
                           std::string(300 * 1024, 'x') + "\"}";
  EXPECT_EQ(stack.PostWebhook(huge).status, 413);
  EXPECT_EQ(InboundCount(stack), 0);
}

TEST(Webhook, UnknownPhoneNumberIdIsAcknowledgedAndIgnored) {
  Stack stack;
  std::string body = TextWebhook("5511900000001", "Ana", "oi", "wamid.unknown.1");
  const std::string from = kStorePhoneNumberId;
  body.replace(body.find(from), from.size(), "999999999999999");
  EXPECT_EQ(stack.PostWebhook(body).status, 200);
  EXPECT_EQ(InboundCount(stack), 0);
}

TEST(Webhook, StatusUpdateChangesTheOutboundMessageStatus) {
  Stack stack({.report_statuses = false});  // this test plays Meta's status webhooks itself
  ASSERT_EQ(stack.PostWebhook(Fixture("text_message.json")).status, 200);
  ASSERT_TRUE(PromptCountIs(stack, 1, kMarcos));
  const std::string id = stack.SentMessages()[0]["id"];
  ASSERT_TRUE(Stack::WaitUntil([&] {
    return stack.db().Count(
               "SELECT count(*) FROM messages WHERE provider_message_id = $1 AND "
               "status = 'sent'",
               {id}) == 1;
  }));

  // The fixture's statuses, retargeted to the prompt that was really sent.
  std::string statuses = Fixture("status_updates.json");
  const std::string delivered_id = "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjVCNzE0QjY2NjEzMjA1QUVGOAA=";
  statuses.replace(statuses.find(delivered_id), delivered_id.size(), id);
  ASSERT_EQ(stack.PostWebhook(statuses).status, 200);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE provider_message_id = $1 AND "
                             "status = 'delivered'",
                             {id}),
            1);
  // A status never moves backwards: "sent" after "delivered" changes nothing.
  std::string sent_again = statuses;
  sent_again.replace(sent_again.find("\"delivered\""), 11, "\"sent\"");
  ASSERT_EQ(stack.PostWebhook(sent_again).status, 200);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE provider_message_id = $1 AND "
                             "status = 'delivered'",
                             {id}),
            1);
  // The failed one names a message we never sent: recorded, nothing else touched.
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM message_status_events WHERE status = 'failed' "
                             "AND error_code = 131047"),
            1);
}

TEST(Webhook, VerificationAnswersTheChallengeOnlyForTheVerifyToken) {
  Stack stack;
  const auto ok = stack.Get(
      "/webhooks/"
      "whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=demo-verify-token");
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, "1158201444");
  const auto wrong = stack.Get(
      "/webhooks/"
      "whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock");
  EXPECT_EQ(wrong.status, 403);
}

}  // namespace
}  // namespace orcazap::testing
