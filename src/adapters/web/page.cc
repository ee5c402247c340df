#include "adapters/web/page.h"

#include <sodium.h>

#include <ctime>

#include "adapters/http/url.h"
#include "adapters/log/log.h"
#include "adapters/web/multipart.h"

namespace orcazap::adapters::web {

using http::Request;
using http::Response;

std::string Form::Get(std::string_view name) const {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return "";
}

bool Form::Has(std::string_view name) const {
  for (const auto& field : fields) {
    if (field.first == name) return true;
  }
  return false;
}

Form ParseForm(const Request& request) { return Form{http::ParseQuery(request.body)}; }

bool SameToken(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string SentCsrf(const Request& request) {
  if (request.Header("content-type").starts_with("multipart/form-data")) {
    if (auto parts = ParseMultipart(request.Header("content-type"), request.body)) {
      for (const FormPart& part : *parts) {
        if (part.name == "csrf") return part.data;
      }
    }
    return std::string(request.Header("x-csrf-token"));
  }
  std::string token(request.Header("x-csrf-token"));
  if (token.empty()) token = ParseForm(request).Get("csrf");
  return token;
}

std::string PublicScheme(const Request& request) {
  const bool from_local_proxy = request.remote_ip == "127.0.0.1" || request.remote_ip == "::1";
  return from_local_proxy && request.Header("x-forwarded-proto") == "https" ? "https" : "http";
}

void AddSecurityHeaders(Response& response, const std::string& base_domain,
                        const std::string& scheme, bool secure) {
  // Posting a form may redirect to a store's host (sign-up): form-action covers them.
  const std::string stores = scheme + "://*." + base_domain + ":*";
  response.headers.emplace_back(
      "Content-Security-Policy",
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self' " +
          stores);
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  if (secure) response.headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
}

Response Page(int status, const std::string& title, Html header, Html content,
              const std::string& csrf) {
  const std::string csrf_header = csrf.empty() ? "{}" : R"({"X-CSRF-Token":")" + csrf + R"("})";
  Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = RenderTemplate("layout.html", {{"title", title},
                                                 {"csrf_header", csrf_header},
                                                 {"header", std::move(header)},
                                                 {"content", std::move(content)}})
                      .markup;
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Html PublicHeader() { return RenderTemplate("public_header.html", {}); }

Html StoreHeader(const service::StoreAccount& store, const service::Session& session) {
  return RenderTemplate(
      "store_header.html",
      {{"store_name", store.name}, {"user_name", session.user_name}, {"csrf", session.csrf_token}});
}

Html Optional(const char* template_name, const std::string& message) {
  if (message.empty()) return Html{};
  return RenderTemplate(template_name, {{"message", message}});
}

Response Redirect(const std::string& location) {
  Response response;
  response.status = 303;
  response.headers.emplace_back("Location", location);
  return response;
}

Response Message(int status, const std::string& heading, const std::string& text,
                 const std::string& link, const std::string& link_text) {
  return Page(
      status, heading, PublicHeader(),
      RenderTemplate(
          "message.html",
          {{"heading", heading}, {"text", text}, {"link", link}, {"link_text", link_text}}));
}

Response Forbidden() {
  return Message(403, "Acesso negado",
                 "O token de segurança do formulário é inválido ou expirou. Recarregue a página "
                 "e tente de novo.",
                 "/", "Voltar");
}

bool IsHtmx(const Request& request) { return request.Header("hx-request") == "true"; }

std::optional<SectionPath> InSection(std::string_view path, std::string_view section) {
  if (!path.starts_with(section)) return std::nullopt;
  std::string_view rest = path.substr(section.size());
  if (rest.empty()) return SectionPath{.root = true};
  if (rest.front() != '/') return std::nullopt;
  rest.remove_prefix(1);
  const size_t slash = rest.find('/');
  SectionPath where{.id = std::string(rest.substr(0, slash))};
  if (slash != std::string_view::npos) where.action = std::string(rest.substr(slash + 1));
  return where;
}

Response StorePage(const StoreRequest& request, int status, const std::string& title,
                   Html content) {
  return Page(status, title, StoreHeader(request.store, request.session), std::move(content),
              request.session.csrf_token);
}

Response Fragment(int status, Html content) {
  Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = std::move(content.markup);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Response NotFound(const StoreRequest& request) {
  return StorePage(request, 404, "Página não encontrada",
                   RenderTemplate("message.html", {{"heading", "Página não encontrada"},
                                                   {"text", "Não há nada neste endereço."},
                                                   {"link", "/"},
                                                   {"link_text", "Painel"}}));
}

Response Unavailable(const std::string& what, const core::Error& error) {
  adapters::log::Error(what, {{"error", error.ToString()}});
  return Message(503, "Tente de novo", "O painel está indisponível no momento.", "/", "Painel");
}

Response OwnersOnly(const StoreRequest& request, const std::string& what, const std::string& back) {
  return StorePage(request, 403, "Acesso negado",
                   RenderTemplate("message.html", {{"heading", "Acesso negado"},
                                                   {"text", "Só o dono da loja pode " + what + "."},
                                                   {"link", back},
                                                   {"link_text", "Voltar"}}));
}

std::string DateTimePtBr(service::Instant at, bool with_year) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(at - std::chrono::hours(3));
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, with_year ? "%d/%m/%Y %H:%M" : "%d/%m %H:%M", &parts);
  return text;
}

std::optional<core::Money> ParseReaisPtBr(std::string_view text) {
  std::string canonical;
  const bool has_comma = text.find(',') != std::string_view::npos;
  for (char c : text) {
    if (c == ' ') continue;
    if (has_comma && c == '.') continue;  // thousands separator
    canonical += has_comma && c == ',' ? '.' : c;
  }
  if (canonical.starts_with("R$")) canonical.erase(0, 2);
  return core::Money::ParseReais(canonical);
}

}  // namespace orcazap::adapters::web
