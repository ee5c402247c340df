#pragma once
// A stand-in for the WhatsApp Cloud (Graph) API's send endpoint and phone number list, for tests
// and local development (served by tools/graph_standin as GRAPH_API_BASE). It records what was
// sent, knows the numbers it is told about, and fails on request. Routes:
//
//   POST   /{version}/{phone_number_id}/messages   Graph send: 200 {"messaging_product",
//          "contacts":[{"input","wa_id"}],"messages":[{"id":"<id prefix><seq>"}]}; the
//          optional "biz_opaque_callback_data" is kept as the message's reference and, like
//          Meta, echoed in its status webhooks (see OnRecorded and StatusWebhookReporter).
//          401 + code 190 without "Authorization: Bearer <token>"; 400 + code 100 for a body
//          that is not {"messaging_product":"whatsapp","to":"<digits>","type":"text",
//          "text":{"body":"<1..4096 characters>"}}.
//          Sends do not look at the registered numbers: any bearer token may send from any id.
//   GET    /{version}/{waba_id}/phone_numbers[?limit=L&after=CURSOR]   Graph's list of a
//          WhatsApp Business Account's numbers: 200 {"data":[{"verified_name",
//          "display_phone_number","quality_rating","id"}],"paging":{"cursors":{"before","after"}}}
//          with the numbers registered for that bearer token and account, L (default 25, at most
//          100) a page, and "paging.next" while more follow; 401 + code 190 without a bearer
//          token or for a token no number is registered with; 400 + code 100 (subcode 33) for an
//          account the token has no number in. Nothing is registered at first, so every token is
//          unknown until a number is registered: the stand-in cannot guess which number a store
//          owner will type. (Local development saves channels without asking, CHANNEL_CHECK=off;
//          tests register the numbers they save.)
//   POST   /_standin/numbers  {"token","waba_id","phone_number_id","display_phone_number",
//          "verified_name"} (the last two optional): registers a number the token sees in that
//          account; registering the same three ids again replaces the names. 200
//          {"registered":<count>}; 400 + code 100 for ids that are not digits or a token with
//          spaces.
//   DELETE /_standin/numbers  forgets the registered numbers.
//   POST   /_standin/faults   {"mode": "none"|"http_429"|"http_500"|"error_131047"|"error_190"|
//          "error_130429", "count": N, "delay_ms": M, "answer_delay_ms": A, "route":
//          "messages"|"phone_numbers"}: the next N valid calls of that route (default messages:
//          sends; all, without count) fail like Meta; every call of the route is handled after
//          M ms, and a send that goes through is recorded at once but answered A ms later (until
//          the next POST, which replaces the setting). error_131047 is for sends only.
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

struct StandinNumber {
  std::string token;
  std::string waba_id;
  std::string phone_number_id;
  std::string display_phone_number;
  std::string verified_name;
};

struct StandinMessage {
  int64_t seq = 0;
  std::string id;  // id_prefix + seq: "wamid.standin.<seq>" by default
  std::string phone_number_id;
  std::string to;
  std::string body;
  std::string token;
  std::string reference;       // biz_opaque_callback_data, "" when none was given
  int64_t received_at_ms = 0;  // Unix time
};

class GraphStandin {
 public:
  // `log` gets one line per send attempt and phone number list; `now_ms` gives Unix time in ms
  // (default: system clock). Message ids are `id_prefix` + seq: a stand-in that a database
  // outlives (tools/graph_standin, restarted by scripts/run) puts its start time in the prefix,
  // so that its ids never repeat one the database holds, as WhatsApp's never do.
  explicit GraphStandin(std::function<void(const std::string&)> log = {},
                        std::function<int64_t()> now_ms = {},
                        std::string id_prefix = "wamid.standin.");

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
    std::string route = "messages";  // "messages" or "phone_numbers"
  };

  Response Send(const Request& request, const std::string& phone_number_id);
  Response ListPhoneNumbers(const Request& request, const std::string& waba_id);
  Response RegisterNumber(const Request& request);
  Response ClearNumbers();
  Response SetFaults(const Request& request);
  Response ListMessages(const Request& request);
  Response ClearMessages();
  Response Stats();
  Response FaultsJson();
  // The fault mode to apply to one valid call of `route` ("none" when it goes through).
  std::string TakeFault(const std::string& route);
  // The delay before handling a call of `route`, in ms.
  int64_t DelayFor(const std::string& route);
  void Sleep(int64_t ms);
  Response Fail(Response response, const std::string& what);

  std::function<void(const std::string&)> log_;
  std::function<int64_t()> now_ms_;
  std::string id_prefix_;
  std::function<void(const StandinMessage&)> on_recorded_;  // set before serving

  std::mutex mu_;                    // guards everything below
  std::condition_variable changed_;  // a message was recorded, or Shutdown()
  std::vector<StandinMessage> messages_;
  std::vector<StandinNumber> numbers_;
  int64_t last_seq_ = 0;
  int64_t attempts_ = 0;
  int64_t delivered_ = 0;
  int64_t failed_ = 0;
  Faults faults_;
  bool shut_down_ = false;
};

}  // namespace orcazap::adapters::http
