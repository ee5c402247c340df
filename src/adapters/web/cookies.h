#pragma once
// Request cookies and Set-Cookie values for the panel.

#include <string>
#include <string_view>

#include "adapters/http/server.h"

namespace orcazap::adapters::web {

// The value of cookie `name` in the request's Cookie header(s); empty when absent.
std::string CookieValue(const http::Request& request, std::string_view name);

struct CookieOptions {
  bool secure = true;  // off only in development (plain http)
  bool http_only = true;
  std::string same_site = "Lax";
  long long max_age_seconds = -1;  // -1: until the browser closes; 0: delete now
};

// "name=value; Path=/; HttpOnly; SameSite=Lax[; Secure][; Max-Age=N]", host-only (no Domain),
// so a store's cookie is never sent to another store's host.
std::string SetCookie(std::string_view name, std::string_view value, const CookieOptions& options);

}  // namespace orcazap::adapters::web
