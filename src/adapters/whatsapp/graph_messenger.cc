#include "adapters/whatsapp/graph_messenger.h"

#include <nlohmann/json.hpp>

#include "adapters/log/log.h"
#include "adapters/whatsapp/graph_error.h"

namespace orcazap::adapters::whatsapp {
namespace {

using nlohmann::json;

constexpr char kFindChannel[] =
    "SELECT phone_number_id, access_token_encrypted FROM channels "
    "WHERE tenant_id = $1 AND id = $2 AND active";
constexpr char kFlagNeedsToken[] =
    "UPDATE channels SET needs_new_token = true, updated_at = now() WHERE tenant_id = $1 AND id = "
    "$2";

}  // namespace

SendAnswer InterpretSendAnswer(long http_status, const std::string& body) {
  // Parsed here only for a 200 (nearly every send); an error's body is read by ReadGraphError.
  if (http_status == 200) {
    const json answer = json::parse(body, nullptr, false);
    if (!answer.is_discarded()) {
      const auto messages = answer.is_object() ? answer.find("messages") : answer.end();
      if (messages != answer.end() && messages->is_array() && !messages->empty() &&
          (*messages)[0].contains("id") && (*messages)[0]["id"].is_string()) {
        return {(*messages)[0]["id"].get<std::string>()};
      }
      return {core::Error::Transient("Graph API answered 200 without messages[0].id")
                  .WithOutcomeUnknown()};
    }
  }
  const GraphError error = ReadGraphError(http_status, body);
  const std::string text = DescribeGraphError(http_status, error);
  if (IsTransientGraphError(http_status, error.code)) {
    return {core::Error::Transient(text), error.code};
  }
  return {core::Error::Permanent(text), error.code};
}

GraphMessenger::GraphMessenger(GraphSettings settings, postgres::PgPool& pool,
                               const crypto::SecretBox& box)
    : settings_(std::move(settings)), pool_(pool), box_(box), client_(settings_.timeout) {}

core::Result<GraphMessenger::Channel> GraphMessenger::FindChannel(const std::string& tenant_id,
                                                                  const std::string& channel_id) {
  const std::string key = tenant_id + "/" + channel_id;
  const auto now = std::chrono::steady_clock::now();
  if (auto it = channels_.find(key); it != channels_.end()) {
    if (now - it->second.read_at < kChannelTtl) return it->second;
    channels_.erase(it);
  }
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto rows = (*conn)->Exec(kFindChannel, {tenant_id, channel_id});
  if (!rows) return rows.error();
  if (rows->empty()) return core::Error::Permanent("channel " + channel_id + " is not active");
  auto opened = box_.OpenBytea(rows->Get(0, 1));
  if (!opened) return opened.error();
  Channel channel{std::string(rows->Get(0, 0)), std::move(opened).value(), now};
  channels_[key] = channel;
  return channel;
}

core::Result<std::string> GraphMessenger::SendText(const std::string& tenant_id,
                                                   const std::string& channel_id,
                                                   const std::string& to, const std::string& body,
                                                   const std::string& reference) {
  auto channel = FindChannel(tenant_id, channel_id);
  if (!channel) return channel.error();
  SendAnswer answer = Send(*channel, to, body, reference);
  if (answer.graph_code != kGraphTokenInvalid) return std::move(answer.sent);
  // The token was refused: the owner may have saved a new one since the channel was cached.
  channels_.erase(tenant_id + "/" + channel_id);
  auto current = FindChannel(tenant_id, channel_id);
  if (!current) return current.error();
  if (current->token != channel->token) {
    answer = Send(*current, to, body, reference);
    if (answer.graph_code != kGraphTokenInvalid) return std::move(answer.sent);
  }
  channels_.erase(tenant_id + "/" + channel_id);
  log::Error("channel access token rejected; channel flagged as needing a new token",
             {{"channel_id", channel_id}, {"tenant_id", tenant_id}});
  auto conn = pool_.Acquire();
  if (conn) (void)(*conn)->Exec(kFlagNeedsToken, {tenant_id, channel_id});
  return std::move(answer.sent);
}

SendAnswer GraphMessenger::Send(const Channel& channel, const std::string& to,
                                const std::string& body, const std::string& reference) {
  const std::string& phone_number_id = channel.phone_number_id;
  const std::string& token = channel.token;
  json request = {{"messaging_product", "whatsapp"},
                  {"recipient_type", "individual"},
                  {"to", to},
                  {"type", "text"},
                  {"text", {{"preview_url", false}, {"body", body}}}};
  if (!reference.empty()) request["biz_opaque_callback_data"] = reference;
  const std::string url =
      settings_.base + "/" + settings_.version + "/" + phone_number_id + "/messages";
  auto response = client_.Send(
      "POST", url, {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}},
      request.dump());
  if (!response) return {response.error()};
  return InterpretSendAnswer(response->status, response->body);
}

}  // namespace orcazap::adapters::whatsapp
