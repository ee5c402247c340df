#include "adapters/http/status_webhook_reporter.h"

#include <nlohmann/json.hpp>

#include "adapters/http/client.h"
#include "adapters/whatsapp/signature.h"

namespace orcazap::adapters::http {
namespace {

using nlohmann::json;

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string StatusWebhookBody(const std::vector<StandinMessage>& messages,
                              const std::vector<std::string>& statuses, int64_t unix_seconds) {
  json list = json::array();
  for (const StandinMessage& message : messages) {
    for (const std::string& status : statuses) {
      json entry = {{"id", message.id},
                    {"status", status},
                    {"timestamp", std::to_string(unix_seconds)},
                    {"recipient_id", message.to}};
      if (!message.reference.empty()) entry["biz_opaque_callback_data"] = message.reference;
      list.push_back(std::move(entry));
    }
  }
  const std::string phone_number_id = messages.empty() ? "" : messages.front().phone_number_id;
  json value = {{"messaging_product", "whatsapp"},
                {"metadata", {{"display_phone_number", ""}, {"phone_number_id", phone_number_id}}},
                {"statuses", std::move(list)}};
  json body = {
      {"object", "whatsapp_business_account"},
      {"entry",
       json::array({{{"id", "standin"},
                     {"changes", json::array({{{"field", "messages"}, {"value", value}}})}}})}};
  return body.dump();
}

StatusWebhookReporter::StatusWebhookReporter(StatusWebhookSettings settings,
                                             std::function<void(const std::string&)> log)
    : settings_(std::move(settings)), log_(std::move(log)), thread_([this] { Run(); }) {}

StatusWebhookReporter::~StatusWebhookReporter() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void StatusWebhookReporter::Report(const StandinMessage& message) {
  {
    std::lock_guard lock(mu_);
    if (queue_.size() >= settings_.max_queued) {
      if (log_) log_("status webhook dropped (queue full) for " + message.id);
      return;
    }
    queue_.push_back(message);
  }
  wake_.notify_one();
}

bool StatusWebhookReporter::Post(Client& client, const std::string& body) {
  auto response =
      client.Send("POST", settings_.webhook_url,
                  {{"Content-Type", "application/json"},
                   {"X-Hub-Signature-256", whatsapp::SignBody(settings_.app_secret, body)}},
                  body);
  return response && response->status == 200;
}

void StatusWebhookReporter::Run() {
  Client client(std::chrono::milliseconds(5000));
  std::unique_lock lock(mu_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    // One webhook per phone number id: the longest run of the oldest message's number.
    std::vector<StandinMessage> batch;
    while (!queue_.empty() && batch.size() < settings_.batch &&
           (batch.empty() || queue_.front().phone_number_id == batch.front().phone_number_id)) {
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    lock.unlock();
    const std::string body = StatusWebhookBody(batch, {"sent", "delivered"}, UnixNow());
    auto delay = settings_.first_retry;
    bool posted = false;
    for (int attempt = 1; attempt <= settings_.max_attempts && !posted; ++attempt) {
      posted = Post(client, body);
      if (posted || attempt == settings_.max_attempts) break;
      lock.lock();
      const bool stopping = wake_.wait_for(lock, delay, [&] { return stopping_; });
      lock.unlock();
      if (stopping) return;
      delay = std::min(delay * 2, std::chrono::milliseconds(5000));
    }
    if (!posted && log_) {
      log_("status webhook not accepted after " + std::to_string(settings_.max_attempts) +
           " attempts; " + std::to_string(batch.size()) + " statuses dropped");
    }
    lock.lock();
  }
}

}  // namespace orcazap::adapters::http
