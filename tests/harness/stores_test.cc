#include "tests/harness/stores_test.h"

namespace orcazap::testing {

core::InboundMessage TextFrom(const std::string& provider_message_id, const std::string& from,
                              const std::string& profile_name, const std::string& text) {
  core::InboundMessage message;
  message.phone_number_id = kStorePhoneNumberId;
  message.provider_message_id = provider_message_id;
  message.from = from;
  message.profile_name = profile_name;
  message.timestamp = 1767261600;
  message.type = "text";
  message.text = text;
  message.raw_json = R"({"id":")" + provider_message_id + R"(","type":"text"})";
  return message;
}

service::NewInboundMessage StoresTest::Store(const core::InboundMessage& message) {
  core::WebhookBatch batch;
  batch.messages.push_back(message);
  auto stored = webhooks_.PersistWebhook(batch);
  EXPECT_TRUE(stored.ok() && stored->new_messages.size() == 1u)
      << (stored.ok() ? "not stored as new" : stored.error().message());
  if (!stored.ok() || stored->new_messages.empty()) return {};
  return stored->new_messages.front();
}

}  // namespace orcazap::testing
