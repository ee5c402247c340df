#pragma once
// Posts WhatsApp status webhooks for what the Graph stand-in recorded, as Meta does for every
// message it accepts: a POST to the app's webhook URL, signed with the app secret
// (X-Hub-Signature-256), holding the message's "sent" and "delivered" statuses with its
// biz_opaque_callback_data. Used by tools/graph_standin so that development and tests see the
// same status traffic as production.
//
// Contract:
// 1. Report() never blocks on the network: statuses are queued and posted by one background
//    thread, in order, up to `batch` messages per webhook (Meta batches statuses too).
// 2. A post that gets no 200 is retried with a growing delay (like Meta) up to `max_attempts`,
//    then dropped with a log line; the queue is bounded and drops (logged) when full.
// 3. The destructor stops the thread; statuses still queued are dropped.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "adapters/http/graph_standin.h"

namespace orcazap::adapters::http {

class Client;

struct StatusWebhookSettings {
  std::string webhook_url;  // e.g. http://127.0.0.1:8000/webhooks/whatsapp
  std::string app_secret;
  int max_attempts = 12;
  std::chrono::milliseconds first_retry{200};  // doubled per attempt, at most 5 s
  size_t max_queued = 100000;
  size_t batch = 50;
};

// The status webhook body Meta would send for `messages`, each with these statuses ("sent",
// ...). The messages share one phone number id (the first one's).
std::string StatusWebhookBody(const std::vector<StandinMessage>& messages,
                              const std::vector<std::string>& statuses, int64_t unix_seconds);

class StatusWebhookReporter {
 public:
  StatusWebhookReporter(StatusWebhookSettings settings,
                        std::function<void(const std::string&)> log = {});
  ~StatusWebhookReporter();
  StatusWebhookReporter(const StatusWebhookReporter&) = delete;
  StatusWebhookReporter& operator=(const StatusWebhookReporter&) = delete;

  void Report(const StandinMessage& message);

 private:
  void Run();
  bool Post(Client& client, const std::string& body);  // true when the webhook answered 200

  const StatusWebhookSettings settings_;
  std::function<void(const std::string&)> log_;
  std::mutex mu_;  // guards queue_ and stopping_
  std::condition_variable wake_;
  std::deque<StandinMessage> queue_;  // oldest first
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace orcazap::adapters::http
