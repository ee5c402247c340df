#include "tools/bench/standin_feed.h"

#include <nlohmann/json.hpp>
#include <thread>

namespace orcazap::bench {

StandinFeed::StandinFeed(std::string base_url)
    : base_url_(std::move(base_url)), client_(std::chrono::milliseconds(120000)) {}

core::Status StandinFeed::Clear() {
  auto response = client_.Send("DELETE", base_url_ + "/_standin/messages", {}, "");
  if (!response) return response.error();
  if (response->status != 200) {
    return core::Error::Permanent("stand-in: DELETE /_standin/messages answered " +
                                  std::to_string(response->status));
  }
  after_seq_ = 0;
  return core::Ok();
}

core::Result<std::vector<SentMessage>> StandinFeed::Next(std::chrono::milliseconds wait) {
  auto response =
      client_.Get(base_url_ + "/_standin/messages?after_seq=" + std::to_string(after_seq_) +
                  "&wait_ms=" + std::to_string(wait.count()));
  if (!response) return response.error();
  const auto json = nlohmann::json::parse(response->body, nullptr, false);
  if (response->status != 200 || json.is_discarded() || !json.contains("messages")) {
    return core::Error::Permanent("stand-in: unexpected answer " +
                                  std::to_string(response->status) + " " + response->body);
  }
  std::vector<SentMessage> messages;
  for (const auto& message : json["messages"]) {
    messages.push_back({message.value("seq", int64_t{0}), message.value("to", std::string()),
                        message.value("body", std::string()),
                        message.value("received_at_ms", int64_t{0})});
    after_seq_ = std::max(after_seq_, messages.back().seq);
  }
  return messages;
}

core::Status StandinFeed::ReadUntil(const std::function<bool()>& enough,
                                    std::chrono::milliseconds idle,
                                    const std::function<void(const SentMessage&)>& each,
                                    std::chrono::milliseconds gather) {
  auto last_news = std::chrono::steady_clock::now();
  while (!enough() && std::chrono::steady_clock::now() - last_news < idle) {
    auto messages = Next(std::chrono::milliseconds(500));
    if (!messages) return messages.error();
    for (const SentMessage& message : *messages) each(message);
    if (!messages->empty()) {
      last_news = std::chrono::steady_clock::now();
      if (!enough()) std::this_thread::sleep_for(gather);
    }
  }
  return core::Ok();
}

}  // namespace orcazap::bench
