#pragma once
// A stand-in for the WhatsApp Cloud (Graph) API send endpoint, for tests and local development
// (served by tools/graph_standin as GRAPH_API_BASE). It records what was sent and fails on
// request. Routes:
//
//   POST   /{version}/{phone_number_id}/messages   Graph send: 200 {"messaging_product",
//          "contacts":[{"input","wa_id"}],"messages":[{"id":"wamid.standin.<seq>"}]}; the
//          optional "biz_opaque_callback_data" is kept as the message's reference and, like
//          Meta, echoed in its status webhooks (see OnRecorded and StatusWebhookReporter).
//          401 + code 190 without "Authorization: Bearer <token>"; 400 + code 100 for a body
//          that is not {"messaging_product":"whatsapp","to":"<digits>","type":"text",
//          "text":{"body":"<1..4096 characters>"}}.
//   POST   /_standin/faults   {"mode": "none"|"http_429"|"http_500"|"error_131047"|"error_190"|
//          "error_130429", "count": N, "delay_ms": M, "answer_delay_ms": A}: the next N valid
//          sends (all, without count) fail like Meta; every send is handled after M ms, and a
//          send that goes through is recorded at once but answered A ms later (until the next
//          POST).
//   GET    /_standin/faults   the current fault setting.
//   GET    /_standin/messages?to=DIGITS&after_seq=N&wait_ms=M   {"messages":[{"seq","id",
//          "phone_number_id","to","body","token","reference","received_at_ms"}]} oldest first; with
//          wait_ms it waits up to M ms (max 60000) for at least one match.
//   DELETE /_standin/messages  forgets messages and zeroes the stats (seq keeps counting).
//   GET    /_standin/stats     {"attempts","delivered","failed"}: every send POST is an attempt;
//          failed = rejected (auth, validation) or failed by injection; delivered = recorded.
//
// Thread-safe. Handle() blocks while delaying or long-polling; Shutdown() wakes it.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "adapters/http/server.h"

namespace orcazap::adapters::http {

struct StandinMessage {
  int64_t seq = 0;
  std::string id;  // "wamid.standin.<seq>"
  std::string phone_number_id;
  std::string to;
  std::string body;
  std::string token;
  std::string reference;       // biz_opaque_callback_data, "" when none was given
  int64_t received_at_ms = 0;  // Unix time
};

class GraphStandin {
 public:
  // `log` gets one line per send attempt; `now_ms` gives Unix time in ms (default: system clock).
  explicit GraphStandin(std::function<void(const std::string&)> log = {},
                        std::function<int64_t()> now_ms = {});

  // Called (outside the lock, on the request's thread) for every message recorded.
  void OnRecorded(std::function<void(const StandinMessage&)> listener) {
    on_recorded_ = std::move(listener);
  }

  Response Handle(const Request& request);
  // Wakes waiting requests (they answer at once) and stops further waits.
  void Shutdown();

 private:
  struct Faults {
    std::string mode = "none";
    std::optional<int64_t> remaining;  // absent: until changed
    int64_t delay_ms = 0;
    int64_t answer_delay_ms = 0;
  };

  Response Send(const Request& request, const std::string& phone_number_id);
  Response SetFaults(const Request& request);
  Response ListMessages(const Request& request);
  Response ClearMessages();
  Response Stats();
  Response FaultsJson();
  // The fault mode to apply to one valid send ("none" when it goes through).
  std::string TakeFault();
  void Sleep(int64_t ms);
  Response Fail(Response response, const std::string& what);

  std::function<void(const std::string&)> log_;
  std::function<int64_t()> now_ms_;
  std::function<void(const StandinMessage&)> on_recorded_;  // set before serving

  std::mutex mu_;                    // guards everything below
  std::condition_variable changed_;  // a message was recorded, or Shutdown()
  std::vector<StandinMessage> messages_;
  int64_t last_seq_ = 0;
  int64_t attempts_ = 0;
  int64_t delivered_ = 0;
  int64_t failed_ = 0;
  Faults faults_;
  bool shut_down_ = false;
};

}  // namespace orcazap::adapters::http
