#pragma once
// What every panel page shares: forms, CSRF checks, the layout, redirects, messages, security
// headers, and the context of a logged-in request.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapters/http/server.h"
#include "adapters/web/html.h"
#include "core/money.h"
#include "service/accounts.h"
#include "service/ports.h"

namespace orcazap::adapters::web {

// A request of a logged-in person on their store's host.
struct StoreRequest {
  const http::Request& http;
  const service::StoreAccount& store;
  const service::Session& session;
};

// An application/x-www-form-urlencoded body (or query), decoded.
struct Form {
  std::vector<std::pair<std::string, std::string>> fields;
  std::string Get(std::string_view name) const;
  bool Has(std::string_view name) const;
};
Form ParseForm(const http::Request& request);

// Constant time; false for an empty token.
bool SameToken(const std::string& a, const std::string& b);
// The token a POST carries: the form's "csrf" field, or the X-CSRF-Token header htmx sends.
std::string SentCsrf(const http::Request& request);
// The scheme the browser used: nginx on loopback says it in X-Forwarded-Proto.
std::string PublicScheme(const http::Request& request);
void AddSecurityHeaders(http::Response& response, const std::string& base_domain,
                        const std::string& scheme, bool secure);
// True for requests htmx made (HX-Request): they get a fragment, not a whole page.
bool IsHtmx(const http::Request& request);

// Where a path falls in a section of the panel whose pages are "/section",
// "/section/{id}" and "/section/{id}/{action}".
struct SectionPath {
  bool root = false;   // "/section" itself
  std::string id;      // "/section/{id}…"; may be empty ("/section/")
  std::string action;  // "/section/{id}/{action}"; empty without; may hold slashes ("a/b")
};
// nullopt when `path` is not `section` nor under it ("/fretes" is not under "/frete").
std::optional<SectionPath> InSection(std::string_view path, std::string_view section);

http::Response Page(int status, const std::string& title, Html header, Html content,
                    const std::string& csrf = "");
// A whole page of a logged-in person's store, with its header and navigation.
http::Response StorePage(const StoreRequest& request, int status, const std::string& title,
                         Html content);
// A fragment for htmx (no layout).
http::Response Fragment(int status, Html content);
Html PublicHeader();
Html StoreHeader(const service::StoreAccount& store, const service::Session& session);
// The template with {"message": message}, or nothing when the message is empty.
Html Optional(const char* template_name, const std::string& message);
http::Response Redirect(const std::string& location);
http::Response Message(int status, const std::string& heading, const std::string& text,
                       const std::string& link, const std::string& link_text);
http::Response Forbidden();
http::Response NotFound(const StoreRequest& request);
http::Response Unavailable(const std::string& what, const core::Error& error);

// 403 page: `what` says what only owners may do ("mudar o canal do WhatsApp").
http::Response OwnersOnly(const StoreRequest& request, const std::string& what,
                          const std::string& back = "/");
// "27/11 14:05" (or "27/11/2026 14:05" with the year) in UTC−3, the stores' zone (the panel
// has no per-user zone yet).
std::string DateTimePtBr(service::Instant at, bool with_year = false);

// Reais as people type them: "38,90", "1.234,56", "38.90", "5". nullopt otherwise.
std::optional<core::Money> ParseReaisPtBr(std::string_view text);

}  // namespace orcazap::adapters::web
