#include "adapters/whatsapp/webhook_parser.h"

#include <gtest/gtest.h>

#include <string>

#include "testing/whatsapp_fixture.h"

namespace orcazap::adapters::whatsapp {
namespace {

using orcazap::testing::WhatsAppFixture;

core::WebhookBatch ParseFixture(const std::string& name) {
  auto parsed = ParseWebhook(WhatsAppFixture(name));
  EXPECT_TRUE(parsed.ok()) << name << ": " << parsed.error().ToString();
  return parsed.ok() ? std::move(parsed).value() : core::WebhookBatch{};
}

// The error message for a body expected to be refused.
std::string Refusal(const std::string& body) {
  auto parsed = ParseWebhook(body);
  if (parsed.ok()) {
    ADD_FAILURE() << "accepted: " << body;
    return "";
  }
  EXPECT_EQ(parsed.error().code(), core::ErrorCode::kInvalidInput) << parsed.error().ToString();
  return parsed.error().message();
}

// A valid body with one change whose `value` is `value_json`.
std::string WithValue(const std::string& value_json) {
  return R"({"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":)" +
         value_json + "}]}]}";
}

constexpr char kMetadata[] = R"("metadata":{"phone_number_id":"106540352242922"})";

TEST(WebhookParser, ReadsATextMessageWithItsSenderAndProfileName) {
  const core::WebhookBatch batch = ParseFixture("text_message.json");
  ASSERT_EQ(batch.messages.size(), 1u);
  EXPECT_TRUE(batch.statuses.empty());
  const core::InboundMessage& message = batch.messages[0];
  EXPECT_EQ(message.phone_number_id, "106540352242922");
  EXPECT_EQ(message.provider_message_id,
            "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYIDNBMDFGQTE2RjM1QzQ4MEM5QTk2AA==");
  EXPECT_EQ(message.from, "5511987654321");
  EXPECT_EQ(message.profile_name, "Marcos Souza");
  EXPECT_EQ(message.timestamp, 1767261600);
  EXPECT_EQ(message.type, "text");
  EXPECT_EQ(message.text, "Boa tarde, quanto fica 10 sacos de cimento?");
  EXPECT_FALSE(message.location.has_value());
  EXPECT_NE(message.raw_json.find("Boa tarde, quanto fica 10 sacos de cimento?"),
            std::string::npos);
}

TEST(WebhookParser, ReadsEveryMessageAndStatusOfAMixedBatchInOrder) {
  const core::WebhookBatch batch = ParseFixture("batch_mixed.json");
  ASSERT_EQ(batch.messages.size(), 4u);
  ASSERT_EQ(batch.statuses.size(), 1u);
  EXPECT_EQ(batch.messages[0].type, "image");
  EXPECT_EQ(batch.messages[1].type, "interactive");
  EXPECT_EQ(batch.messages[2].type, "location");
  EXPECT_EQ(batch.messages[3].type, "sticker");
  for (const auto& message : batch.messages) {
    EXPECT_EQ(message.phone_number_id, "106540352242922");
    EXPECT_FALSE(message.provider_message_id.empty());
  }
}

TEST(WebhookParser, ReadsAnImageCaptionAsText) {
  const core::InboundMessage image = ParseFixture("batch_mixed.json").messages.at(0);
  EXPECT_EQ(image.text, "preciso desse piso, 40 m2");
  EXPECT_EQ(image.from, "5521991234567");
  EXPECT_EQ(image.profile_name, "Ana Lima");
}

TEST(WebhookParser, ReadsAButtonReplyTitleAsTextAndMatchesEachSenderToTheirName) {
  const core::InboundMessage reply = ParseFixture("batch_mixed.json").messages.at(1);
  EXPECT_EQ(reply.text, "Confirmar");
  EXPECT_EQ(reply.from, "5531988887777");
  EXPECT_EQ(reply.profile_name, "José");
  EXPECT_EQ(reply.timestamp, 1767261701);
}

TEST(WebhookParser, ReadsALocationWithCoordinatesNameAndAddress) {
  const core::InboundMessage location = ParseFixture("batch_mixed.json").messages.at(2);
  ASSERT_TRUE(location.location.has_value());
  EXPECT_EQ(location.location->latitude, "-19.9245");
  EXPECT_EQ(location.location->longitude, "-43.9352");
  EXPECT_EQ(location.location->name, "Obra");
  EXPECT_EQ(location.location->address, "Rua dos Carijós, 100 - Centro, Belo Horizonte");
  EXPECT_EQ(location.text, "");
}

TEST(WebhookParser, KeepsAnUnsupportedStickerWithNoText) {
  const core::InboundMessage sticker = ParseFixture("batch_mixed.json").messages.at(3);
  EXPECT_EQ(sticker.type, "sticker");
  EXPECT_EQ(sticker.text, "");
  EXPECT_EQ(sticker.provider_message_id,
            "wamid.HBgNNTUzMTk4ODg4Nzc3NxUCABIYFjNFQjBENDQ0NDQ0NDQ0NDQ0NDQ0AA==");
  EXPECT_NE(sticker.raw_json.find("image/webp"), std::string::npos);
}

TEST(WebhookParser, ReadsAReadStatusFromTheSecondEntry) {
  const core::StatusUpdate status = ParseFixture("batch_mixed.json").statuses.at(0);
  EXPECT_EQ(status.status, "read");
  EXPECT_EQ(status.provider_message_id,
            "wamid.HBgNNTUyMTk5MTIzNDU2NxUCABEYEjExMTExMTExMTExMTExMTEA");
  EXPECT_EQ(status.recipient, "5521991234567");
  EXPECT_EQ(status.timestamp, 1767261704);
  EXPECT_FALSE(status.error_code.has_value());
}

TEST(WebhookParser, ReadsDeliveredAndFailedStatusesWithTheWindowErrorCode) {
  const core::WebhookBatch batch = ParseFixture("status_updates.json");
  EXPECT_TRUE(batch.messages.empty());
  ASSERT_EQ(batch.statuses.size(), 2u);
  EXPECT_EQ(batch.statuses[0].status, "delivered");
  EXPECT_FALSE(batch.statuses[0].error_code.has_value());
  EXPECT_EQ(batch.statuses[0].error_title, "");
  const core::StatusUpdate& failed = batch.statuses[1];
  EXPECT_EQ(failed.status, "failed");
  EXPECT_EQ(failed.phone_number_id, "106540352242922");
  EXPECT_EQ(failed.recipient, "5511987654321");
  EXPECT_EQ(failed.timestamp, 1767261610);
  ASSERT_TRUE(failed.error_code.has_value());
  EXPECT_EQ(*failed.error_code, 131047);
  EXPECT_EQ(failed.error_title, "Re-engagement message");
}

TEST(WebhookParser, AcceptsAWebhookWithNoEntries) {
  auto parsed = ParseWebhook(R"({"object":"whatsapp_business_account","entry":[]})");
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  EXPECT_TRUE(parsed->messages.empty());
  EXPECT_TRUE(parsed->statuses.empty());
}

TEST(WebhookParser, RefusesABodyThatIsNotJson) {
  EXPECT_NE(Refusal("hello").find("not valid JSON"), std::string::npos);
  EXPECT_NE(Refusal("").find("not valid JSON"), std::string::npos);
}

TEST(WebhookParser, RefusesTruncatedJson) {
  const std::string body = WhatsAppFixture("text_message.json");
  EXPECT_NE(Refusal(body.substr(0, body.size() / 2)).find("not valid JSON"), std::string::npos);
}

TEST(WebhookParser, RefusesJsonThatIsNotAnObject) {
  EXPECT_NE(Refusal("[1,2]").find("not a JSON object"), std::string::npos);
}

TEST(WebhookParser, RefusesAnotherKindOfObject) {
  const std::string message = Refusal(R"({"object":"page","entry":[]})");
  EXPECT_NE(message.find("object"), std::string::npos) << message;
  EXPECT_NE(message.find("whatsapp_business_account"), std::string::npos) << message;
  EXPECT_NE(Refusal(R"({"entry":[]})").find("object"), std::string::npos);
}

TEST(WebhookParser, RefusesAnEntryThatIsNotAList) {
  const std::string message = Refusal(R"({"object":"whatsapp_business_account","entry":{}})");
  EXPECT_NE(message.find("entry"), std::string::npos) << message;
  EXPECT_NE(message.find("list"), std::string::npos) << message;
  EXPECT_NE(Refusal(R"({"object":"whatsapp_business_account"})").find("entry"), std::string::npos);
}

TEST(WebhookParser, RefusesChangesThatAreNotAListNamingTheEntry) {
  const std::string message =
      Refusal(R"({"object":"whatsapp_business_account","entry":[{"changes":"x"}]})");
  EXPECT_NE(message.find("entry[0].changes"), std::string::npos) << message;
}

TEST(WebhookParser, RefusesAMessageWithoutIdNamingWhere) {
  const std::string message = Refusal(
      WithValue(std::string("{") + kMetadata + R"(,"messages":[{"from":"5511","type":"text"}]})"));
  EXPECT_NE(message.find("entry[0].changes[0].value.messages[0].id"), std::string::npos) << message;
}

TEST(WebhookParser, RefusesAMessageWithoutSenderNamingWhichOne) {
  const std::string message = Refusal(WithValue(
      std::string("{") + kMetadata +
      R"(,"messages":[{"id":"a","from":"5511","type":"text"},{"id":"b","type":"text"}]})"));
  EXPECT_NE(message.find("entry[0].changes[0].value.messages[1].from"), std::string::npos)
      << message;
}

TEST(WebhookParser, RefusesAStatusWithoutStatusNamingWhere) {
  const std::string message =
      Refusal(WithValue(std::string("{") + kMetadata + R"(,"statuses":[{"id":"wamid.x"}]})"));
  EXPECT_NE(message.find("entry[0].changes[0].value.statuses[0].status"), std::string::npos)
      << message;
}

TEST(WebhookParser, RefusesMessagesWithoutThePhoneNumberIdTheyArrivedOn) {
  const std::string message =
      Refusal(WithValue(R"({"messages":[{"id":"a","from":"5511","type":"text"}]})"));
  EXPECT_NE(message.find("entry[0].changes[0].value.metadata.phone_number_id"), std::string::npos)
      << message;
}

TEST(WebhookParser, RefusesAMessagesFieldThatIsNotAList) {
  const std::string message =
      Refusal(WithValue(std::string("{") + kMetadata + R"(,"messages":{}})"));
  EXPECT_NE(message.find("entry[0].changes[0].value.messages"), std::string::npos) << message;
}

}  // namespace
}  // namespace orcazap::adapters::whatsapp
