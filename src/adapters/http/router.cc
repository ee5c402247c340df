#include "adapters/http/router.h"

#include <chrono>
#include <exception>

#include "adapters/log/log.h"

namespace orcazap::adapters::http {

void Router::Add(std::string method, std::string path, Handler handler) {
  routes_.push_back({std::move(method), std::move(path), std::move(handler)});
}

std::string ClientAddress(const Request& request) {
  const bool from_local_proxy = request.remote_ip == "127.0.0.1" || request.remote_ip == "::1";
  const std::string_view forwarded = request.Header("x-forwarded-for");
  if (!from_local_proxy || forwarded.empty()) return request.remote_ip;
  std::string_view last = forwarded.substr(forwarded.rfind(',') + 1);
  while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
  while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
  return last.empty() ? request.remote_ip : std::string(last);
}

std::string RequestIdFor(const Request& request) {
  const std::string_view given = request.Header("x-request-id");
  bool sane = !given.empty() && given.size() <= 64;
  for (char c : given) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    sane = sane && allowed;
  }
  return sane ? std::string(given) : log::NewRequestId();
}

Response Router::Handle(const Request& request) const {
  const auto started = std::chrono::steady_clock::now();
  log::ScopedRequestId scope(RequestIdFor(request));
  Response response = Response::Text(404, "not found\n");
  bool path_known = false;
  try {
    std::optional<Response> claimed = front_ ? front_(request) : std::nullopt;
    if (claimed) {
      response = std::move(*claimed);
    } else {
      for (const auto& route : routes_) {
        if (route.path != request.path) continue;
        path_known = true;
        if (route.method == request.method) {
          response = route.handler(request);
          path_known = false;
          break;
        }
      }
      if (path_known) response = Response::Text(405, "method not allowed\n");
    }
  } catch (const std::exception& error) {
    log::Error("request failed with an exception", {{"error", error.what()}});
    response = Response::Text(500, "internal error\n");
  }
  response.headers.emplace_back("X-Request-Id", log::CurrentRequestId());
  const auto elapsed_us = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count();
  const std::string status = std::to_string(response.status);
  const std::string duration = std::to_string(elapsed_us / 1000.0);
  log::Info("http request", {{"method", request.method},
                             {"path", request.path},
                             {"status", status},
                             {"duration_ms", duration}});
  return response;
}

}  // namespace orcazap::adapters::http
