#include "adapters/whatsapp/webhook_parser.h"

#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace orcazap::adapters::whatsapp {
namespace {

using nlohmann::json;

std::string StringAt(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

// The member `key` of `object` (an object), or `fallback` when it has none. A reference, never a
// copy: json::value() returns its member by value, which copied the whole webhook's tree.
const json& MemberOr(const json& object, const char* key, const json& fallback) {
  auto it = object.find(key);
  return it == object.end() ? fallback : *it;
}

const json& EmptyObject() {
  static const json empty = json::object();
  return empty;
}

const json& EmptyArray() {
  static const json empty = json::array();
  return empty;
}

// The member `key` when it is an object; an empty object otherwise.
const json& ObjectAt(const json& object, const char* key) {
  if (!object.is_object()) return EmptyObject();
  const json& member = MemberOr(object, key, EmptyObject());
  return member.is_object() ? member : EmptyObject();
}

std::string NumberText(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number()) return value.dump();
  return "";
}

int64_t TimestampAt(const json& object) {
  return std::strtoll(StringAt(object, "timestamp").c_str(), nullptr, 10);
}

// What the conversation reads like text for each message type.
std::string ReadableText(const json& message, const std::string& type) {
  if (type == "text") return StringAt(ObjectAt(message, "text"), "body");
  if (type == "image" || type == "document" || type == "video") {
    return StringAt(ObjectAt(message, type.c_str()), "caption");
  }
  if (type == "button") return StringAt(ObjectAt(message, "button"), "text");
  if (type == "interactive") {
    const json& interactive = ObjectAt(message, "interactive");
    for (const char* kind : {"button_reply", "list_reply"}) {
      if (interactive.contains(kind)) return StringAt(interactive[kind], "title");
    }
  }
  return "";
}

core::Result<core::InboundMessage> ParseMessage(const json& message,
                                                const std::string& phone_number_id,
                                                const std::map<std::string, std::string>& names,
                                                const std::string& where) {
  if (!message.is_object()) return core::Error::InvalidInput(where + " is not an object");
  core::InboundMessage parsed;
  parsed.phone_number_id = phone_number_id;
  parsed.provider_message_id = StringAt(message, "id");
  parsed.from = StringAt(message, "from");
  parsed.type = StringAt(message, "type");
  if (parsed.provider_message_id.empty())
    return core::Error::InvalidInput(where + ".id is missing");
  if (parsed.from.empty()) return core::Error::InvalidInput(where + ".from is missing");
  if (parsed.type.empty()) return core::Error::InvalidInput(where + ".type is missing");
  parsed.timestamp = TimestampAt(message);
  if (auto it = names.find(parsed.from); it != names.end()) parsed.profile_name = it->second;
  parsed.text = ReadableText(message, parsed.type);
  const auto location = message.find("location");
  if (parsed.type == "location" && location != message.end() && location->is_object()) {
    parsed.location = core::GeoPoint{NumberText(MemberOr(*location, "latitude", EmptyObject())),
                                     NumberText(MemberOr(*location, "longitude", EmptyObject())),
                                     StringAt(*location, "name"), StringAt(*location, "address")};
  }
  parsed.raw_json = message.dump();
  return parsed;
}

core::Result<core::StatusUpdate> ParseStatus(const json& status, const std::string& phone_number_id,
                                             const std::string& where) {
  if (!status.is_object()) return core::Error::InvalidInput(where + " is not an object");
  core::StatusUpdate parsed;
  parsed.phone_number_id = phone_number_id;
  parsed.provider_message_id = StringAt(status, "id");
  parsed.status = StringAt(status, "status");
  if (parsed.provider_message_id.empty())
    return core::Error::InvalidInput(where + ".id is missing");
  if (parsed.status.empty()) return core::Error::InvalidInput(where + ".status is missing");
  parsed.timestamp = TimestampAt(status);
  parsed.recipient = StringAt(status, "recipient_id");
  parsed.callback_data = StringAt(status, "biz_opaque_callback_data");
  if (auto errors = status.find("errors"); errors != status.end() && errors->is_array() &&
                                           !errors->empty() && (*errors)[0].is_object()) {
    const json& first = (*errors)[0];
    if (first.contains("code") && first["code"].is_number_integer()) {
      parsed.error_code = first["code"].get<int64_t>();
    }
    parsed.error_title = StringAt(first, "title");
  }
  parsed.raw_json = status.dump();
  return parsed;
}

core::Status ParseValue(const json& value, const std::string& where, core::WebhookBatch& batch) {
  if (!value.is_object()) return core::Error::InvalidInput(where + " is not an object");
  const std::string phone_number_id =
      StringAt(MemberOr(value, "metadata", EmptyObject()), "phone_number_id");
  const bool has_items = value.contains("messages") || value.contains("statuses");
  if (has_items && phone_number_id.empty()) {
    return core::Error::InvalidInput(where + ".metadata.phone_number_id is missing");
  }
  std::map<std::string, std::string> names;
  for (const json& contact : MemberOr(value, "contacts", EmptyArray())) {
    names[StringAt(contact, "wa_id")] = StringAt(ObjectAt(contact, "profile"), "name");
  }
  const json& messages = MemberOr(value, "messages", EmptyArray());
  if (!messages.is_array()) return core::Error::InvalidInput(where + ".messages is not a list");
  for (size_t i = 0; i < messages.size(); ++i) {
    auto parsed = ParseMessage(messages[i], phone_number_id, names,
                               where + ".messages[" + std::to_string(i) + "]");
    if (!parsed) return parsed.error();
    batch.messages.push_back(std::move(parsed).value());
  }
  const json& statuses = MemberOr(value, "statuses", EmptyArray());
  if (!statuses.is_array()) return core::Error::InvalidInput(where + ".statuses is not a list");
  for (size_t i = 0; i < statuses.size(); ++i) {
    auto parsed =
        ParseStatus(statuses[i], phone_number_id, where + ".statuses[" + std::to_string(i) + "]");
    if (!parsed) return parsed.error();
    batch.statuses.push_back(std::move(parsed).value());
  }
  return core::Ok();
}

}  // namespace

core::Result<core::WebhookBatch> ParseWebhook(std::string_view body) {
  const json root = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return core::Error::InvalidInput("body is not valid JSON");
  if (!root.is_object()) return core::Error::InvalidInput("body is not a JSON object");
  if (StringAt(root, "object") != "whatsapp_business_account") {
    return core::Error::InvalidInput("\"object\" is not \"whatsapp_business_account\"");
  }
  auto entries = root.find("entry");
  if (entries == root.end() || !entries->is_array()) {
    return core::Error::InvalidInput("\"entry\" is missing or not a list");
  }
  core::WebhookBatch batch;
  for (size_t e = 0; e < entries->size(); ++e) {
    const json& entry = (*entries)[e];
    const std::string where = "entry[" + std::to_string(e) + "]";
    const json& changes =
        entry.is_object() ? MemberOr(entry, "changes", EmptyArray()) : EmptyObject();
    if (!changes.is_array()) return core::Error::InvalidInput(where + ".changes is not a list");
    for (size_t c = 0; c < changes.size(); ++c) {
      const std::string change_where = where + ".changes[" + std::to_string(c) + "]";
      if (!changes[c].is_object() || !changes[c].contains("value")) {
        return core::Error::InvalidInput(change_where + ".value is missing");
      }
      if (auto ok = ParseValue(changes[c]["value"], change_where + ".value", batch); !ok) {
        return ok.error();
      }
    }
  }
  return batch;
}

}  // namespace orcazap::adapters::whatsapp
