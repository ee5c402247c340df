#pragma once
// What a WhatsApp Cloud API webhook carries, as plain values. Parsing the JSON
// body into these lives in adapters/whatsapp/webhook_parser.h.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace orcazap::core {

struct GeoPoint {
  std::string latitude;  // as sent, e.g. "-19.9245"
  std::string longitude;
  std::string name;
  std::string address;
};

struct InboundMessage {
  std::string phone_number_id;      // the store's number that received it
  std::string provider_message_id;  // "wamid...."
  std::string from;                 // customer's E.164 digits
  std::string profile_name;         // may be empty
  int64_t timestamp = 0;            // unix seconds, as sent
  std::string type;                 // "text", "image", "interactive", "location", "sticker", ...
  // What OrcaZap reads like text: text.body, an image/document caption, a button's title.
  // Empty when the message carries none.
  std::string text;
  std::optional<GeoPoint> location;
  std::string raw_json;  // the message object exactly as received
};

struct StatusUpdate {
  std::string phone_number_id;
  std::string provider_message_id;  // id of an outbound message
  std::string status;               // "sent", "delivered", "read", "failed"
  int64_t timestamp = 0;
  std::string recipient;
  std::optional<int64_t> error_code;
  std::string error_title;
  // The reference OrcaZap attached to the send (biz_opaque_callback_data): the outbox row's id.
  // It ties a status to its outbound message even when the sender died before recording the
  // provider id.
  std::string callback_data;
  std::string raw_json;
};

struct WebhookBatch {
  std::vector<InboundMessage> messages;
  std::vector<StatusUpdate> statuses;
};

}  // namespace orcazap::core
