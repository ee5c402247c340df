// ParseWebhook on arbitrary bodies: it must return kInvalidInput for anything that is not a
// webhook, never throw or crash, and whatever it accepts must carry the ids the service relies
// on to deduplicate and answer.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "adapters/whatsapp/webhook_parser.h"
#include "fuzz_check.h"

namespace {

using orcazap::adapters::whatsapp::ParseWebhook;

// raw_json is the object exactly as received: it must read back as a JSON object.
bool IsJsonObject(const std::string& text) {
  const auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  return !parsed.is_discarded() && parsed.is_object();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto batch = ParseWebhook(body);
  if (!batch) {
    FUZZ_CHECK(batch.error().code() == orcazap::core::ErrorCode::kInvalidInput,
               "a body that is not a webhook is invalid input");
    FUZZ_CHECK(!batch.error().message().empty(), "a refusal says what was wrong");
    return 0;
  }
  for (const auto& message : batch->messages) {
    FUZZ_CHECK(!message.phone_number_id.empty(), "message has the store's number");
    FUZZ_CHECK(!message.provider_message_id.empty(), "message has an id");
    FUZZ_CHECK(!message.from.empty(), "message has a sender");
    FUZZ_CHECK(!message.type.empty(), "message has a type");
    FUZZ_CHECK(IsJsonObject(message.raw_json), "message raw_json is an object");
  }
  for (const auto& status : batch->statuses) {
    FUZZ_CHECK(!status.phone_number_id.empty(), "status has the store's number");
    FUZZ_CHECK(!status.provider_message_id.empty(), "status has an id");
    FUZZ_CHECK(!status.status.empty(), "status has a status");
    FUZZ_CHECK(IsJsonObject(status.raw_json), "status raw_json is an object");
  }
  return 0;
}
