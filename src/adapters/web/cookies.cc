#include "adapters/web/cookies.h"

namespace orcazap::adapters::web {

std::string CookieValue(const http::Request& request, std::string_view name) {
  for (const auto& [header, value] : request.headers) {
    if (header != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const size_t end = rest.find(';');
      std::string_view pair = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      const size_t equals = pair.find('=');
      if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
        return std::string(pair.substr(equals + 1));
      }
    }
  }
  return "";
}

std::string SetCookie(std::string_view name, std::string_view value, const CookieOptions& options) {
  std::string cookie = std::string(name) + "=" + std::string(value) + "; Path=/";
  if (options.http_only) cookie += "; HttpOnly";
  cookie += "; SameSite=" + options.same_site;
  if (options.secure) cookie += "; Secure";
  if (options.max_age_seconds >= 0)
    cookie += "; Max-Age=" + std::to_string(options.max_age_seconds);
  return cookie;
}

}  // namespace orcazap::adapters::web
