#include "adapters/web/panel.h"

#include <sodium.h>

#include "adapters/crypto/secret_box.h"
#include "adapters/http/router.h"
#include "adapters/http/url.h"
#include "adapters/log/log.h"
#include "adapters/web/cookies.h"
#include "adapters/web/host.h"
#include "adapters/web/page.h"

namespace orcazap::adapters::web {
namespace {

namespace log = adapters::log;
using http::Request;
using http::Response;

constexpr char kSessionCookie[] = "oz_session";
constexpr char kPreSessionCookie[] = "oz_pre";

Response Static(const Request& request) {
  const std::string name = request.path.substr(std::string("/static/").size());
  const std::string* asset =
      name.find('/') == std::string::npos && !name.ends_with(".html") ? FindAsset(name) : nullptr;
  if (asset == nullptr) return Response::Text(404, "not found\n");
  Response response;
  response.body = *asset;
  response.content_type = name.ends_with(".css")  ? "text/css; charset=utf-8"
                          : name.ends_with(".js") ? "text/javascript; charset=utf-8"
                                                  : "application/octet-stream";
  response.headers.emplace_back("Cache-Control", "public, max-age=3600");
  return response;
}

}  // namespace

Panel::Panel(PanelSettings settings, PanelPorts ports)
    : settings_(std::move(settings)),
      accounts_(ports.accounts),
      dashboard_(ports.dashboard),
      approval_pages_(ports.approvals),
      catalog_pages_(ports.catalog, ports.catalog_files),
      conversation_pages_(ports.conversations),
      channel_pages_(ports.channels, ports.channel_verifier, ports.box),
      team_pages_(ports.team, ports.accounts.hasher),
      audit_pages_(ports.audit, ports.team),
      text_pages_(ports.texts),
      freight_pages_(ports.freight),
      quote_pages_(ports.quotes),
      rules_pages_(ports.pricing) {}

std::optional<Response> Panel::Handle(const Request& request) {
  const HostRoute route = ClassifyHost(request.Header("host"), settings_.base_domain);
  if (route.kind != HostRoute::Kind::kApex && route.kind != HostRoute::Kind::kStore) {
    return std::nullopt;
  }
  Response response;
  if (request.path.starts_with("/static/") && request.method == "GET") {
    response = Static(request);
  } else if (route.kind == HostRoute::Kind::kApex) {
    response = Apex(request);
  } else {
    response = Store(request, route.slug);
  }
  AddSecurityHeaders(response, settings_.base_domain, PublicScheme(request),
                     settings_.secure_cookies);
  return response;
}

Response Panel::Apex(const Request& request) {
  const bool get = request.method == "GET" || request.method == "HEAD";
  if (request.path == "/" && get) {
    return Page(200, "Orçamentos pelo WhatsApp", PublicHeader(),
                RenderTemplate("landing.html", {}));
  }
  if (request.path == "/cadastro" && get) return SignUpPage(request);
  if (request.path == "/cadastro" && request.method == "POST") return SignUpSubmit(request);
  if (request.path == "/entrar" && get) return FindStorePage(request);
  return Message(404, "Página não encontrada", "Não há nada neste endereço.", "/", "Início");
}

std::string Panel::PreSessionToken(const Request& request, Response& response) const {
  std::string token = CookieValue(request, kPreSessionCookie);
  if (token.size() != 64) {
    token = crypto::RandomHex(32);
    response.headers.emplace_back(
        "Set-Cookie", SetCookie(kPreSessionCookie, token, {.secure = settings_.secure_cookies}));
  }
  return token;
}

std::string Panel::StoreUrl(const Request& request, const std::string& slug,
                            const std::string& path) const {
  const std::string_view host = request.Header("host");
  const size_t colon = host.find(':');
  const std::string port = colon == std::string_view::npos ? "" : std::string(host.substr(colon));
  return PublicScheme(request) + "://" + slug + "." + settings_.base_domain + port + path;
}

Response Panel::SignUpPage(const Request& request) {
  Response response;
  const std::string csrf = PreSessionToken(request, response);
  const TemplateVars vars = {{"csrf", csrf},          {"base_domain", settings_.base_domain},
                             {"store_name", ""},      {"slug", ""},
                             {"owner_name", ""},      {"email", ""},
                             {"form_error", Html{}},  {"store_name_error", Html{}},
                             {"slug_error", Html{}},  {"owner_name_error", Html{}},
                             {"email_error", Html{}}, {"password_error", Html{}}};
  Response page = Page(200, "Criar conta", PublicHeader(), RenderTemplate("signup.html", vars));
  page.headers.insert(page.headers.end(), response.headers.begin(), response.headers.end());
  return page;
}

Response Panel::SignUpSubmit(const Request& request) {
  const Form form = ParseForm(request);
  if (!SameToken(SentCsrf(request), CookieValue(request, kPreSessionCookie))) return Forbidden();
  const core::SignUpForm submitted{form.Get("store_name"), form.Get("slug"), form.Get("owner_name"),
                                   form.Get("email"), form.Get("password")};
  auto result = service::SignUp(submitted, http::ClientAddress(request), accounts_);
  if (!result) {
    log::Error("sign-up failed", {{"error", result.error().ToString()}});
    return Message(503, "Tente de novo", "Não foi possível criar a conta agora.", "/cadastro",
                   "Voltar");
  }
  if (result->store) {
    log::Info("store signed up", {{"tenant_id", result->store->tenant_id}});
    return Redirect(StoreUrl(request, result->store->slug, "/entrar?conta=criada"));
  }
  if (result->throttled) log::Warn("sign-up refused: too many from one address");
  const char* form_error =
      result->throttled ? "Muitas contas criadas deste endereço. Tente de novo em 15 minutos."
                        : "Corrija os campos indicados.";
  TemplateVars vars = {{"csrf", CookieValue(request, kPreSessionCookie)},
                       {"base_domain", settings_.base_domain},
                       {"store_name", submitted.store_name},
                       {"slug", submitted.slug},
                       {"owner_name", submitted.owner_name},
                       {"email", submitted.email},
                       {"form_error", Optional("form_error.html", form_error)}};
  for (const char* field : {"store_name", "slug", "owner_name", "email", "password"}) {
    std::string message;
    for (const auto& error : result->errors) {
      if (error.field == field) message = error.message;
    }
    vars[std::string(field) + "_error"] = Optional("field_error.html", message);
  }
  return Page(result->throttled ? 429 : 422, "Criar conta", PublicHeader(),
              RenderTemplate("signup.html", vars));
}

Response Panel::FindStorePage(const Request& request) {
  const std::string slug(request.Query("loja"));
  std::string error;
  if (!slug.empty()) {
    auto store = accounts_.accounts.FindStore(slug);
    if (store && *store) return Redirect(StoreUrl(request, slug, "/entrar"));
    error = "Não encontramos uma loja com esse endereço.";
  }
  return Page(slug.empty() ? 200 : 404, "Entrar", PublicHeader(),
              RenderTemplate("find_store.html",
                             {{"slug", slug}, {"form_error", Optional("form_error.html", error)}}));
}

Response Panel::Store(const Request& request, const std::string& slug) {
  auto store = accounts_.accounts.FindStore(slug);
  if (!store) {
    log::Error("cannot load store", {{"error", store.error().ToString()}});
    return Message(503, "Tente de novo", "O painel está indisponível no momento.", "/", "Início");
  }
  if (!*store) {
    return Message(404, "Loja não encontrada", "Não há loja neste endereço.", "/", "Início");
  }
  const bool get = request.method == "GET" || request.method == "HEAD";
  if (request.path == "/entrar" && get) return LoginPage(request, **store);
  if (request.path == "/entrar" && request.method == "POST") return LoginSubmit(request, **store);

  std::optional<service::Session> session;
  if (const std::string token = CookieValue(request, kSessionCookie); !token.empty()) {
    auto found = accounts_.sessions.Find(token);
    if (!found) {
      log::Error("cannot read session", {{"error", found.error().ToString()}});
      return Message(503, "Tente de novo", "O painel está indisponível no momento.", "/entrar",
                     "Entrar");
    }
    if (*found && (*found)->tenant_id == (*store)->tenant_id) session = **found;
  }
  if (session) {
    // A deactivated person's sessions end at their next request.
    auto user = accounts_.accounts.FindUser(session->tenant_id, session->email);
    if (!user) return Unavailable("cannot read the session's user", user.error());
    if (!*user || !(*user)->active || (*user)->id != session->user_id) {
      (void)accounts_.sessions.Delete(session->token);
      session.reset();
    }
  }
  if (!session) {
    if (request.method != "GET" && request.method != "HEAD") return Forbidden();
    return Redirect("/entrar");
  }
  // Every request that is not a read carries the session's form token, whatever its method.
  if (!get && !SameToken(SentCsrf(request), session->csrf_token)) return Forbidden();
  if (request.path == "/sair" && request.method == "POST") return Logout(request, *session);
  if (request.path == "/" && get) return Dashboard(**store, *session);
  if (request.path == "/senha") return PasswordPage(StoreRequest{request, **store, *session});
  const StoreRequest in_store{request, **store, *session};
  if (auto page = approval_pages_.Handle(in_store)) return std::move(*page);
  if (auto page = catalog_pages_.Handle(in_store)) return std::move(*page);
  if (auto page = conversation_pages_.Handle(in_store)) return std::move(*page);
  if (auto page = channel_pages_.Handle(in_store)) return std::move(*page);
  if (auto page = team_pages_.Handle(in_store)) return std::move(*page);
  if (auto page = audit_pages_.Handle(in_store)) return std::move(*page);
  if (auto page = text_pages_.Handle(in_store)) return std::move(*page);
  if (auto page = freight_pages_.Handle(in_store)) return std::move(*page);
  if (auto page = quote_pages_.Handle(in_store)) return std::move(*page);
  if (auto page = rules_pages_.Handle(in_store)) return std::move(*page);
  return NotFound(in_store);
}

Response Panel::LoginPage(const Request& request, const service::StoreAccount& store) {
  Response cookies;
  const std::string csrf = PreSessionToken(request, cookies);
  const std::string notice = request.Query("conta") == "criada"
                                 ? "Conta criada. Entre com o e-mail e a senha que você escolheu."
                                 : "";
  Response page = Page(200, "Entrar", PublicHeader(),
                       RenderTemplate("login.html", {{"store_name", store.name},
                                                     {"csrf", csrf},
                                                     {"email", ""},
                                                     {"notice", Optional("notice.html", notice)},
                                                     {"form_error", Html{}}}));
  page.headers.insert(page.headers.end(), cookies.headers.begin(), cookies.headers.end());
  return page;
}

Response Panel::LoginSubmit(const Request& request, const service::StoreAccount& store) {
  if (!SameToken(SentCsrf(request), CookieValue(request, kPreSessionCookie))) return Forbidden();
  const Form form = ParseForm(request);
  const std::string email = form.Get("email");
  auto result =
      service::LogIn(store, email, form.Get("password"), http::ClientAddress(request), accounts_);
  if (!result) {
    log::Error("login failed", {{"error", result.error().ToString()}});
    return Message(503, "Tente de novo", "Não foi possível entrar agora.", "/entrar", "Voltar");
  }
  if (result->outcome == service::LoginOutcome::kLoggedIn) {
    log::Info("logged in", {{"tenant_id", store.tenant_id}, {"user_id", result->session->user_id}});
    Response response = Redirect("/");
    response.headers.emplace_back("Set-Cookie", SetCookie(kSessionCookie, result->session->token,
                                                          {.secure = settings_.secure_cookies}));
    return response;
  }
  int status = 401;
  std::string error = "E-mail ou senha incorretos.";
  if (result->outcome == service::LoginOutcome::kAccountLocked) {
    status = 429;
    error = "Conta bloqueada por excesso de tentativas. Tente de novo em 15 minutos.";
  } else if (result->outcome == service::LoginOutcome::kAddressThrottled) {
    status = 429;
    error = "Muitas tentativas deste endereço. Tente de novo em 15 minutos.";
  }
  log::Warn("login refused", {{"tenant_id", store.tenant_id}, {"status", std::to_string(status)}});
  Response page =
      Page(status, "Entrar", PublicHeader(),
           RenderTemplate("login.html", {{"store_name", store.name},
                                         {"csrf", CookieValue(request, kPreSessionCookie)},
                                         {"email", email},
                                         {"notice", Html{}},
                                         {"form_error", Optional("form_error.html", error)}}));
  if (status == 429) page.headers.emplace_back("Retry-After", "900");
  return page;
}

Response Panel::Logout(const Request& request, const service::Session& session) {
  (void)request;
  if (auto deleted = accounts_.sessions.Delete(session.token); !deleted) {
    log::Warn("cannot delete session", {{"error", deleted.error().ToString()}});
  }
  Response response = Redirect("/entrar");
  response.headers.emplace_back(
      "Set-Cookie",
      SetCookie(kSessionCookie, "", {.secure = settings_.secure_cookies, .max_age_seconds = 0}));
  return response;
}

Response Panel::PasswordPage(const StoreRequest& request) {
  auto page = [&](int status, const std::string& notice, const std::string& error) {
    return StorePage(
        request, status, "Minha senha",
        RenderTemplate("password.html", {{"notice", Optional("notice.html", notice)},
                                         {"form_error", Optional("form_error.html", error)},
                                         {"csrf", request.session.csrf_token}}));
  };
  if (request.http.method != "POST") return page(200, "", "");
  const Form form = ParseForm(request.http);
  auto changed =
      service::ChangePassword(request.session, form.Get("current"), form.Get("replacement"),
                              http::ClientAddress(request.http), accounts_);
  if (!changed) return Unavailable("cannot change a password", changed.error());
  switch (*changed) {
    case service::PasswordChange::kWrongCurrent:
      return page(422, "", "Senha atual incorreta.");
    case service::PasswordChange::kTooShort:
      return page(422, "", "A nova senha deve ter pelo menos 10 caracteres.");
    case service::PasswordChange::kThrottled:
      log::Warn("password change refused: too many attempts",
                {{"user_id", request.session.user_id}});
      return page(429, "", "Muitas tentativas. Tente de novo em 15 minutos.");
    case service::PasswordChange::kChanged:
      break;
  }
  log::Info("password changed", {{"user_id", request.session.user_id}});
  return page(200, "Senha trocada.", "");
}

Response Panel::Dashboard(const service::StoreAccount& store, const service::Session& session) {
  auto figures = dashboard_.Dashboard(store.tenant_id);
  if (!figures) {
    log::Error("cannot load dashboard", {{"error", figures.error().ToString()}});
    return Message(503, "Tente de novo", "O painel está indisponível no momento.", "/", "Painel");
  }
  const auto conversion = figures->conversion_week_percent();
  return Page(
      200, "Painel", StoreHeader(store, session),
      RenderTemplate("dashboard.html",
                     {{"pending_approvals", std::to_string(figures->pending_approvals)},
                      {"active_conversations", std::to_string(figures->active_conversations)},
                      {"quotes_today", std::to_string(figures->quotes_today)},
                      {"conversion_week", conversion ? std::to_string(*conversion) + "%" : "—"},
                      {"won_week", std::to_string(figures->won_week)},
                      {"quotes_week", std::to_string(figures->quotes_week)}}),
      session.csrf_token);
}

}  // namespace orcazap::adapters::web
