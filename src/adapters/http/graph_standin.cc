#include "adapters/http/graph_standin.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>

namespace orcazap::adapters::http {
namespace {

using nlohmann::json;

constexpr int64_t kMaxWaitMs = 60000;
constexpr size_t kMaxTextChars = 4096;  // Meta's limit for a text message body
constexpr int64_t kDefaultPageSize = 25;
constexpr int64_t kMaxPageSize = 100;

struct GraphFailure {
  int status;
  int code;
  std::string message;
  std::optional<int> subcode;
  std::string details;
};

Response GraphError(const GraphFailure& failure) {
  json error = {{"message", failure.message},
                {"type", "OAuthException"},
                {"code", failure.code},
                {"fbtrace_id", "standin"}};
  if (failure.subcode) error["error_subcode"] = *failure.subcode;
  if (!failure.details.empty()) {
    error["error_data"] = {{"messaging_product", "whatsapp"}, {"details", failure.details}};
  }
  return Response::Json(failure.status, json{{"error", error}}.dump());
}

Response InvalidParameter(const std::string& details) {
  return GraphError({400, 100, "(#100) Invalid parameter", std::nullopt, details});
}

// The token of "Authorization: Bearer <token>", or "" when there is none or it has spaces.
std::string BearerToken(const Request& request) {
  std::string_view authorization = request.Header("authorization");
  if (authorization.size() <= 7 || authorization.substr(0, 7) != "Bearer ") return "";
  std::string token(authorization.substr(7));
  return token.find(' ') == std::string::npos ? token : "";
}

Response NoBearerToken() {
  return GraphError(
      {401, 190, "Invalid OAuth access token - Cannot parse access token", std::nullopt, ""});
}

Response UnknownAccount(const std::string& waba_id) {
  return GraphError({400, 100,
                     "Unsupported get request. Object with ID '" + waba_id +
                         "' does not exist, cannot be loaded due to missing permissions, or does "
                         "not support this operation.",
                     33, ""});
}

// The answers Meta gives for each injectable fault.
GraphFailure FaultFailure(const std::string& mode) {
  if (mode == "http_429" || mode == "error_130429") {
    return {mode == "http_429" ? 429 : 400, 130429, "(#130429) Rate limit hit", std::nullopt,
            "Cloud API message throughput has been reached."};
  }
  if (mode == "http_500") {
    return {500, 131000, "(#131000) Something went wrong", std::nullopt,
            "Something went wrong (stand-in fault)."};
  }
  if (mode == "error_131047") {
    return {400, 131047, "(#131047) Re-engagement message", std::nullopt,
            "Message failed to send because more than 24 hours have passed since the customer "
            "last replied to this number."};
  }
  return {401, 190, "Error validating access token: Session has expired.", 463, ""};
}

const std::set<std::string>& FaultRoutes() {
  static const std::set<std::string> routes = {"messages", "phone_numbers"};
  return routes;
}

const std::set<std::string>& FaultModes() {
  static const std::set<std::string> modes = {"none",         "http_429",  "http_500",
                                              "error_131047", "error_190", "error_130429"};
  return modes;
}

std::vector<std::string_view> PathSegments(std::string_view path) {
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    size_t slash = path.find('/');
    std::string_view piece = path.substr(0, slash);
    if (!piece.empty()) segments.push_back(piece);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

size_t Utf8Length(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// An optional non-negative integer query parameter; nullopt when absent or malformed.
std::optional<int64_t> QueryNumber(const Request& request, std::string_view name) {
  std::string_view text = request.Query(name);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 0) {
    return std::nullopt;
  }
  return value;
}

// Why a send body is not a text message, or empty when it is one.
std::string SendBodyProblem(const json& body) {
  if (!body.is_object()) return "the body is not a JSON object";
  if (body.value("messaging_product", "") != "whatsapp") {
    return "messaging_product must be \"whatsapp\"";
  }
  if (!body.contains("to") || !body["to"].is_string() ||
      !AllDigits(body["to"].get<std::string>())) {
    return "to must be a string of digits";
  }
  if (body.value("type", "") != "text") return "type must be \"text\"";
  const json* text = body.contains("text") ? &body["text"] : nullptr;
  if (text == nullptr || !text->is_object() || !text->contains("body") ||
      !(*text)["body"].is_string()) {
    return "text.body is required";
  }
  size_t length = Utf8Length((*text)["body"].get<std::string>());
  if (length == 0 || length > kMaxTextChars) return "text.body must have 1 to 4096 characters";
  if (auto reference = body.find("biz_opaque_callback_data"); reference != body.end()) {
    if (!reference->is_string() || reference->get<std::string>().size() > 512) {
      return "biz_opaque_callback_data must be a string of at most 512 characters";
    }
  }
  return "";
}

// Why a number registration is not {"token","waba_id","phone_number_id",...}, or empty.
std::string RegistrationProblem(const json& body) {
  if (!body.is_object()) return "the body is not a JSON object";
  const json token = body.value("token", json());
  if (!token.is_string() || token.get<std::string>().empty() ||
      token.get<std::string>().find(' ') != std::string::npos) {
    return "token must be a string without spaces";
  }
  for (const char* id : {"waba_id", "phone_number_id"}) {
    const json value = body.value(id, json());
    if (!value.is_string() || !AllDigits(value.get<std::string>())) {
      return std::string(id) + " must be a string of digits";
    }
  }
  for (const char* name : {"display_phone_number", "verified_name"}) {
    if (body.contains(name) && !body[name].is_string()) return std::string(name) + " must be text";
  }
  return "";
}

json NumberJson(const StandinNumber& number) {
  return {{"verified_name", number.verified_name},
          {"display_phone_number", number.display_phone_number},
          {"quality_rating", "GREEN"},
          {"id", number.phone_number_id}};
}

int64_t SystemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

json MessageJson(const StandinMessage& message) {
  return {{"seq", message.seq},
          {"id", message.id},
          {"phone_number_id", message.phone_number_id},
          {"to", message.to},
          {"body", message.body},
          {"token", message.token},
          {"reference", message.reference},
          {"received_at_ms", message.received_at_ms}};
}

}  // namespace

GraphStandin::GraphStandin(std::function<void(const std::string&)> log,
                           std::function<int64_t()> now_ms, std::string id_prefix)
    : log_(std::move(log)),
      now_ms_(now_ms ? std::move(now_ms) : SystemNowMs),
      id_prefix_(std::move(id_prefix)) {}

Response GraphStandin::Handle(const Request& request) {
  std::vector<std::string_view> segments = PathSegments(request.path);
  const std::string& method = request.method;
  if (segments.size() == 3 && segments[2] == "messages" && segments[0] != "_standin") {
    if (method == "POST") return Send(request, std::string(segments[1]));
  } else if (segments.size() == 3 && segments[2] == "phone_numbers" && segments[0] != "_standin") {
    if (method == "GET") return ListPhoneNumbers(request, std::string(segments[1]));
  } else if (segments.size() == 2 && segments[0] == "_standin") {
    if (segments[1] == "numbers" && method == "POST") return RegisterNumber(request);
    if (segments[1] == "numbers" && method == "DELETE") return ClearNumbers();
    if (segments[1] == "faults" && method == "POST") return SetFaults(request);
    if (segments[1] == "faults" && method == "GET") return FaultsJson();
    if (segments[1] == "messages" && method == "GET") return ListMessages(request);
    if (segments[1] == "messages" && method == "DELETE") return ClearMessages();
    if (segments[1] == "stats" && method == "GET") return Stats();
  }
  return GraphError(
      {404, 100, "Unknown path components: " + method + " " + request.path, std::nullopt, ""});
}

Response GraphStandin::Send(const Request& request, const std::string& phone_number_id) {
  int64_t answer_delay_ms = 0;
  {
    std::lock_guard lock(mu_);
    ++attempts_;
    if (faults_.route == "messages") answer_delay_ms = faults_.answer_delay_ms;
  }
  Sleep(DelayFor("messages"));

  const std::string token = BearerToken(request);
  if (token.empty()) return Fail(NoBearerToken(), "no bearer token");
  json body = json::parse(request.body, nullptr, false);
  std::string problem = body.is_discarded() ? "the body is not JSON" : SendBodyProblem(body);
  if (!problem.empty()) return Fail(InvalidParameter(problem), problem);

  std::string fault = TakeFault("messages");
  if (fault != "none") return Fail(GraphError(FaultFailure(fault)), "injected " + fault);

  StandinMessage message;
  message.phone_number_id = phone_number_id;
  message.to = body["to"].get<std::string>();
  message.body = body["text"]["body"].get<std::string>();
  message.token = token;
  if (auto reference = body.find("biz_opaque_callback_data");
      reference != body.end() && reference->is_string()) {
    message.reference = reference->get<std::string>();
  }
  message.received_at_ms = now_ms_();
  {
    std::lock_guard lock(mu_);
    message.seq = ++last_seq_;
    message.id = id_prefix_ + std::to_string(message.seq);
    ++delivered_;
    messages_.push_back(message);
  }
  changed_.notify_all();
  if (on_recorded_) on_recorded_(message);
  if (log_) log_("send " + message.id + " to=" + message.to + " body=" + json(message.body).dump());
  Sleep(answer_delay_ms);  // accepted: a sender that dies now never learns it
  json answer = {{"messaging_product", "whatsapp"},
                 {"contacts", json::array({{{"input", message.to}, {"wa_id", message.to}}})},
                 {"messages", json::array({{{"id", message.id}}})}};
  return Response::Json(200, answer.dump());
}

Response GraphStandin::ListPhoneNumbers(const Request& request, const std::string& waba_id) {
  Sleep(DelayFor("phone_numbers"));
  auto answered = [&](Response response, const std::string& what) {
    if (log_)
      log_("phone_numbers of " + waba_id + ": " + std::to_string(response.status) + " " + what);
    return response;
  };
  const std::string token = BearerToken(request);
  if (token.empty()) return answered(NoBearerToken(), "no bearer token");
  const std::string fault = TakeFault("phone_numbers");
  if (fault != "none") return answered(GraphError(FaultFailure(fault)), "injected " + fault);
  const int64_t limit = std::clamp(QueryNumber(request, "limit").value_or(kDefaultPageSize),
                                   int64_t{1}, kMaxPageSize);
  const std::optional<int64_t> after =
      request.Query("after").empty() ? std::optional<int64_t>(0) : QueryNumber(request, "after");
  if (!after) return answered(InvalidParameter("after is not a cursor of this list"), "bad cursor");
  std::vector<StandinNumber> listed;
  bool known_token = false;
  {
    std::lock_guard lock(mu_);
    for (const StandinNumber& number : numbers_) {
      if (number.token != token) continue;
      known_token = true;
      if (number.waba_id == waba_id) listed.push_back(number);
    }
  }
  if (!known_token) {
    return answered(
        GraphError({401, 190,
                    "Error validating access token: the stand-in has no number registered for "
                    "this token (POST /_standin/numbers)",
                    std::nullopt, ""}),
        "unknown token");
  }
  if (listed.empty()) return answered(UnknownAccount(waba_id), "no number of this token");
  const size_t begin = std::min(static_cast<size_t>(*after), listed.size());
  const size_t end = std::min(begin + static_cast<size_t>(limit), listed.size());
  json data = json::array();
  for (size_t i = begin; i < end; ++i) data.push_back(NumberJson(listed[i]));
  json paging = {{"cursors", {{"before", std::to_string(begin)}, {"after", std::to_string(end)}}}};
  if (end < listed.size()) {
    paging["next"] = "http://" + std::string(request.Header("host")) + request.path +
                     "?limit=" + std::to_string(limit) + "&after=" + std::to_string(end);
  }
  return answered(Response::Json(200, json{{"data", data}, {"paging", paging}}.dump()),
                  std::to_string(data.size()) + " numbers");
}

Response GraphStandin::RegisterNumber(const Request& request) {
  json body = json::parse(request.body, nullptr, false);
  std::string problem = body.is_discarded() ? "the body is not JSON" : RegistrationProblem(body);
  if (!problem.empty()) return InvalidParameter(problem);
  StandinNumber number{body["token"].get<std::string>(), body["waba_id"].get<std::string>(),
                       body["phone_number_id"].get<std::string>(),
                       body.value("display_phone_number", ""),
                       body.value("verified_name", "Loja (stand-in)")};
  size_t count = 0;
  {
    std::lock_guard lock(mu_);
    auto same = std::find_if(numbers_.begin(), numbers_.end(), [&](const StandinNumber& known) {
      return known.token == number.token && known.waba_id == number.waba_id &&
             known.phone_number_id == number.phone_number_id;
    });
    if (same != numbers_.end()) {
      *same = number;
    } else {
      numbers_.push_back(number);
    }
    count = numbers_.size();
  }
  return Response::Json(200, json{{"registered", count}}.dump());
}

Response GraphStandin::ClearNumbers() {
  std::lock_guard lock(mu_);
  numbers_.clear();
  return Response::Json(200, R"({"cleared":true})");
}

Response GraphStandin::Fail(Response response, const std::string& what) {
  {
    std::lock_guard lock(mu_);
    ++failed_;
  }
  if (log_) log_("send failed with " + std::to_string(response.status) + ": " + what);
  return response;
}

std::string GraphStandin::TakeFault(const std::string& route) {
  std::lock_guard lock(mu_);
  std::string mode = faults_.mode;
  if (mode == "none" || faults_.route != route) return "none";
  if (faults_.remaining && --*faults_.remaining <= 0) {
    faults_.mode = "none";
    faults_.remaining.reset();
  }
  return mode;
}

int64_t GraphStandin::DelayFor(const std::string& route) {
  std::lock_guard lock(mu_);
  return faults_.route == route ? faults_.delay_ms : 0;
}

void GraphStandin::Sleep(int64_t ms) {
  if (ms <= 0) return;
  std::unique_lock lock(mu_);
  changed_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return shut_down_; });
}

Response GraphStandin::SetFaults(const Request& request) {
  json body = json::parse(request.body, nullptr, false);
  if (!body.is_object() || !body.contains("mode") || !body["mode"].is_string() ||
      FaultModes().count(body["mode"].get<std::string>()) == 0) {
    return InvalidParameter(
        "expected {\"mode\": none|http_429|http_500|error_131047|error_190|error_130429, "
        "\"count\": N, \"delay_ms\": M, \"answer_delay_ms\": A, \"route\": "
        "messages|phone_numbers}");
  }
  const json route = body.value("route", json("messages"));
  if (!route.is_string() || FaultRoutes().count(route.get<std::string>()) == 0) {
    return InvalidParameter("route must be \"messages\" or \"phone_numbers\"");
  }
  if (route == "phone_numbers" && body["mode"] == "error_131047") {
    return InvalidParameter("error_131047 (24 h window) is an error of sends only");
  }
  for (const char* field : {"count", "delay_ms", "answer_delay_ms"}) {
    if (body.contains(field) &&
        (!body[field].is_number_integer() || body[field].get<int64_t>() < 0)) {
      return InvalidParameter(std::string(field) + " must be a non-negative integer");
    }
  }
  Faults faults;
  faults.mode = body["mode"].get<std::string>();
  faults.route = route.get<std::string>();
  if (body.contains("count")) faults.remaining = body["count"].get<int64_t>();
  if (faults.remaining && *faults.remaining == 0) faults.mode = "none";
  if (faults.mode == "none") faults.remaining.reset();
  faults.delay_ms = std::min(body.value("delay_ms", int64_t{0}), kMaxWaitMs);
  faults.answer_delay_ms = std::min(body.value("answer_delay_ms", int64_t{0}), kMaxWaitMs);
  {
    std::lock_guard lock(mu_);
    faults_ = faults;
  }
  return FaultsJson();
}

Response GraphStandin::FaultsJson() {
  std::lock_guard lock(mu_);
  json faults = {{"mode", faults_.mode},
                 {"route", faults_.route},
                 {"delay_ms", faults_.delay_ms},
                 {"answer_delay_ms", faults_.answer_delay_ms}};
  faults["count"] = faults_.remaining ? json(*faults_.remaining) : json(nullptr);
  return Response::Json(200, faults.dump());
}

Response GraphStandin::ListMessages(const Request& request) {
  std::string to(request.Query("to"));
  int64_t after_seq = QueryNumber(request, "after_seq").value_or(0);
  int64_t wait_ms = std::min(QueryNumber(request, "wait_ms").value_or(0), kMaxWaitMs);
  auto addressed = [&](const StandinMessage& message) { return to.empty() || message.to == to; };
  // messages_ is in seq order (appended under mu_), so the messages after `after_seq` are its
  // tail: a poll reads only what is new to it, not every message recorded so far.
  auto newer = [&] {
    return std::upper_bound(messages_.begin(), messages_.end(), after_seq,
                            [](int64_t seq, const StandinMessage& m) { return seq < m.seq; });
  };
  std::unique_lock lock(mu_);
  changed_.wait_for(lock, std::chrono::milliseconds(wait_ms),
                    [&] { return shut_down_ || std::any_of(newer(), messages_.end(), addressed); });
  json list = json::array();
  for (auto message = newer(); message != messages_.end(); ++message) {
    if (addressed(*message)) list.push_back(MessageJson(*message));
  }
  return Response::Json(200, json{{"messages", list}}.dump());
}

Response GraphStandin::ClearMessages() {
  std::lock_guard lock(mu_);
  messages_.clear();
  attempts_ = delivered_ = failed_ = 0;
  return Response::Json(200, R"({"cleared":true})");
}

Response GraphStandin::Stats() {
  std::lock_guard lock(mu_);
  json stats = {{"attempts", attempts_}, {"delivered", delivered_}, {"failed", failed_}};
  return Response::Json(200, stats.dump());
}

void GraphStandin::Shutdown() {
  {
    std::lock_guard lock(mu_);
    shut_down_ = true;
  }
  changed_.notify_all();
}

}  // namespace orcazap::adapters::http
