// The admin panel over HTTP against the real serve, PostgreSQL and Redis: sign-up, login,
// logout, CSRF, lockout, tenant isolation by host, escaping and security headers.
#include <gtest/gtest.h>

#include <map>

#include "adapters/crypto/secret_box.h"
#include "adapters/http/url.h"
#include "tests/harness/stack.h"

namespace orcazap::testing {
namespace {

using adapters::http::ClientResponse;

std::string HeaderOf(const ClientResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

// A browser of one: keeps the cookies each host set (host-only, like a real one).
class Browser {
 public:
  explicit Browser(Stack& stack) : stack_(stack), port_(stack.serve_url().substr(17)) {}

  ClientResponse Get(const std::string& host, const std::string& path) {
    return Send("GET", host, path, "");
  }
  ClientResponse Post(const std::string& host, const std::string& path,
                      const std::map<std::string, std::string>& form) {
    return Submit("POST", host, path, form);
  }
  // A form sent with any method (browsers send only GET and POST; other clients may not).
  ClientResponse Submit(const std::string& method, const std::string& host, const std::string& path,
                        const std::map<std::string, std::string>& form) {
    std::string body;
    for (const auto& [key, value] : form) {
      body += (body.empty() ? "" : "&") + key + "=" + adapters::http::PercentEncode(value);
    }
    return Send(method, host, path, body);
  }
  ClientResponse PostFile(const std::string& host, const std::string& path, const std::string& csrf,
                          const std::string& file_name, const std::string& contents) {
    const std::string boundary = "----ozboundary7MA4YWxk";
    const std::string body =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf +
        "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
        file_name + "\"\r\nContent-Type: text/csv\r\n\r\n" + contents + "\r\n--" + boundary +
        "--\r\n";
    return Send("POST", host, path, body, "multipart/form-data; boundary=" + boundary);
  }
  std::string Cookie(const std::string& host, const std::string& name) { return jar_[host][name]; }
  void SetCookie(const std::string& host, const std::string& name, const std::string& value) {
    jar_[host][name] = value;
  }
  std::string Host(const std::string& name) const { return name + ":" + port_; }

 private:
  ClientResponse Send(const std::string& method, const std::string& host, const std::string& path,
                      const std::string& body,
                      const std::string& content_type = "application/x-www-form-urlencoded") {
    std::vector<std::pair<std::string, std::string>> headers = {{"Host", host}};
    std::string cookies;
    for (const auto& [name, value] : jar_[host]) cookies += name + "=" + value + "; ";
    if (!cookies.empty()) headers.emplace_back("Cookie", cookies);
    if (method != "GET") headers.emplace_back("Content-Type", content_type);
    auto response = client_.Send(method, stack_.serve_url() + path, headers, body);
    if (!response) throw std::runtime_error(response.error().message());
    for (const auto& [key, value] : response->headers) {
      if (key != "set-cookie") continue;
      const size_t equals = value.find('=');
      const size_t end = value.find(';');
      jar_[host][value.substr(0, equals)] = value.substr(equals + 1, end - equals - 1);
    }
    return std::move(response).value();
  }

  Stack& stack_;
  std::string port_;
  adapters::http::Client client_{std::chrono::milliseconds(20000)};
  std::map<std::string, std::map<std::string, std::string>> jar_;
};

constexpr char kPassword[] = "uma-senha-bem-longa";

// Opens the login page (for its CSRF cookie) and logs in as `email`.
ClientResponse LogInWith(Browser& browser, const std::string& host, const std::string& email,
                         const std::string& password) {
  browser.Get(host, "/entrar");
  return browser.Post(
      host, "/entrar",
      {{"csrf", browser.Cookie(host, "oz_pre")}, {"email", email}, {"password", password}});
}

class PanelTest : public ::testing::Test {
 protected:
  PanelTest() : stack_({.extra_env = {{"PANEL_BASE_DOMAIN", "localhost"}}}), browser_(stack_) {}

  std::string Apex() const { return browser_.Host("localhost"); }
  std::string StoreHost(const std::string& slug) const {
    return browser_.Host(slug + ".localhost");
  }

  ClientResponse SignUp(const std::string& slug, const std::string& name) {
    browser_.Get(Apex(), "/cadastro");
    return browser_.Post(Apex(), "/cadastro",
                         {{"csrf", browser_.Cookie(Apex(), "oz_pre")},
                          {"store_name", name},
                          {"slug", slug},
                          {"owner_name", "Dona " + name},
                          {"email", "dona@" + slug + ".com.br"},
                          {"password", kPassword}});
  }
  ClientResponse LogIn(const std::string& slug, const std::string& password = kPassword) {
    return LogInWith(browser_, StoreHost(slug), "dona@" + slug + ".com.br", password);
  }
  long long Tenants() { return stack_.db().Count("SELECT count(*) FROM tenants"); }

  Stack stack_;
  Browser browser_;
};

TEST_F(PanelTest, SignUpLoginDashboardLogout) {
  const ClientResponse landing = browser_.Get(Apex(), "/");
  EXPECT_NE(HeaderOf(landing, "content-security-policy").find("form-action 'self' http://*."),
            std::string::npos);
  EXPECT_EQ(landing.status, 200);
  EXPECT_NE(landing.body.find("href=\"/cadastro\""), std::string::npos);

  const ClientResponse created = SignUp("loja-a", "Loja A");
  ASSERT_EQ(created.status, 303) << created.body;
  EXPECT_EQ(HeaderOf(created, "location"),
            "http://" + StoreHost("loja-a") + "/entrar?conta=criada");  // no proxy: plain http
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM users u JOIN tenants t ON t.id = u.tenant_id "
                              "WHERE t.slug = 'loja-a' AND u.role = 'owner' AND "
                              "u.password_hash LIKE '$argon2id$%'"),
            1);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM audit_log WHERE entity_type = 'tenant' AND "
                              "action = 'create'"),
            1);

  EXPECT_EQ(HeaderOf(browser_.Get(StoreHost("loja-a"), "/"), "location"), "/entrar");
  const ClientResponse logged_in = LogIn("loja-a");
  ASSERT_EQ(logged_in.status, 303) << logged_in.body;
  const std::string set_cookie = HeaderOf(logged_in, "set-cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("SameSite=Lax"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("Secure"), std::string::npos) << "outside development";
  EXPECT_EQ(set_cookie.find("Domain"), std::string::npos) << "host-only";

  const ClientResponse dashboard = browser_.Get(StoreHost("loja-a"), "/");
  ASSERT_EQ(dashboard.status, 200);
  EXPECT_NE(dashboard.body.find("id=\"stat-pending-approvals\""), std::string::npos);
  const std::string csp = HeaderOf(dashboard, "content-security-policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_EQ(HeaderOf(dashboard, "x-content-type-options"), "nosniff");
  EXPECT_EQ(HeaderOf(dashboard, "referrer-policy"), "same-origin");
  EXPECT_EQ(dashboard.body.find("<script>"), std::string::npos) << "no inline scripts";
  const ClientResponse htmx = browser_.Get(StoreHost("loja-a"), "/static/htmx.min.js");
  EXPECT_EQ(htmx.status, 200);
  EXPECT_GT(htmx.body.size(), 10000u);

  // Logging out needs the session's CSRF token; without it nothing happens.
  EXPECT_EQ(browser_.Post(StoreHost("loja-a"), "/sair", {}).status, 403);
  EXPECT_EQ(browser_.Get(StoreHost("loja-a"), "/").status, 200);
  const std::string csrf_start = "name=\"csrf\" value=\"";
  const size_t at = dashboard.body.find(csrf_start) + csrf_start.size();
  const std::string csrf = dashboard.body.substr(at, 64);
  EXPECT_EQ(browser_.Post(StoreHost("loja-a"), "/sair", {{"csrf", csrf}}).status, 303);
  EXPECT_EQ(HeaderOf(browser_.Get(StoreHost("loja-a"), "/"), "location"), "/entrar");
}

TEST_F(PanelTest, APostWithoutAValidCsrfTokenIs403AndCreatesNothing) {
  browser_.Get(Apex(), "/cadastro");
  const std::map<std::string, std::string> form = {{"store_name", "Loja X"},
                                                   {"slug", "loja-x"},
                                                   {"owner_name", "Ana"},
                                                   {"email", "ana@x.com"},
                                                   {"password", kPassword}};
  EXPECT_EQ(browser_.Post(Apex(), "/cadastro", form).status, 403);
  auto with_wrong = form;
  with_wrong["csrf"] = std::string(64, 'a');
  EXPECT_EQ(browser_.Post(Apex(), "/cadastro", with_wrong).status, 403);
  EXPECT_EQ(Tenants(), 1);  // the demo store only
}

TEST_F(PanelTest, ABadSignUpIs422NamingTheFieldAndCreatesNothing) {
  const ClientResponse bad = SignUp("A B", "Loja Ruim");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("class=\"field-error\""), std::string::npos);
  EXPECT_NE(bad.body.find("O endereço deve ter"), std::string::npos);
  EXPECT_EQ(SignUp("demo", "Outra Demo").status, 422) << "the demo store's slug is taken";
  EXPECT_EQ(Tenants(), 1);
}

TEST_F(PanelTest, TenWrongPasswordsLockTheAccount) {
  ASSERT_EQ(SignUp("loja-b", "Loja B").status, 303);
  for (int attempt = 1; attempt < 10; ++attempt) {
    const ClientResponse wrong = LogIn("loja-b", "senha-errada-123");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_NE(wrong.body.find("incorretos"), std::string::npos);
  }
  EXPECT_EQ(LogIn("loja-b", "senha-errada-123").status, 429);
  const ClientResponse locked = LogIn("loja-b");
  EXPECT_EQ(locked.status, 429) << "even the right password, for a while";
  EXPECT_NE(locked.body.find("bloqueada"), std::string::npos);
  EXPECT_EQ(HeaderOf(locked, "retry-after"), "900");
}

TEST_F(PanelTest, AStoresSessionDoesNotOpenAnotherStoresPanel) {
  ASSERT_EQ(SignUp("loja-c", "Loja C").status, 303);
  ASSERT_EQ(SignUp("loja-d", "Loja D").status, 303);
  ASSERT_EQ(LogIn("loja-c").status, 303);
  ASSERT_EQ(browser_.Get(StoreHost("loja-c"), "/").status, 200);
  // The same cookie presented on D's host (a browser would not even send it).
  browser_.SetCookie(StoreHost("loja-d"), "oz_session",
                     browser_.Cookie(StoreHost("loja-c"), "oz_session"));
  const ClientResponse other = browser_.Get(StoreHost("loja-d"), "/");
  EXPECT_EQ(other.status, 303);
  EXPECT_EQ(HeaderOf(other, "location"), "/entrar");
  EXPECT_EQ(other.body.find("Loja C"), std::string::npos);
  EXPECT_EQ(browser_.Post(StoreHost("loja-d"), "/sair", {}).status, 403);
  EXPECT_EQ(browser_.Get(browser_.Host("nao-existe.localhost"), "/").status, 404);
  EXPECT_EQ(browser_.Get(browser_.Host("nao-existe.localhost"), "/entrar").status, 404);
}

TEST_F(PanelTest, AStoreNameWithMarkupIsShownAsText) {
  const std::string name = "<img src=x onerror=alert(1)> Materiais";
  ASSERT_EQ(SignUp("loja-e", name).status, 303);
  ASSERT_EQ(LogIn("loja-e").status, 303);
  const ClientResponse dashboard = browser_.Get(StoreHost("loja-e"), "/");
  EXPECT_EQ(dashboard.body.find("<img src=x"), std::string::npos);
  EXPECT_NE(dashboard.body.find("&lt;img src=x onerror=alert(1)&gt; Materiais"), std::string::npos);
}

// The demo store's owner, as seeded.
ClientResponse LogInAsDemoOwner(Browser& browser, const std::string& host) {
  return LogInWith(browser, host, "dono@demo.orcazap.test", "demo-owner-123");
}

std::string CsrfIn(const std::string& page) {
  const std::string start = "name=\"csrf\" value=\"";
  const size_t at = page.find(start);
  return at == std::string::npos ? "" : page.substr(at + start.size(), 64);
}

// The error shown under a form field, or "" when it has none.
std::string FieldErrorOf(const std::string& page, const std::string& field) {
  const size_t input = page.find("name=\"" + field + "\"");
  if (input == std::string::npos) return "";
  const std::string start = "<p class=\"field-error\">";
  const size_t error = page.find(start, input);
  const size_t next_field = page.find("<label", input);
  if (error == std::string::npos || (next_field != std::string::npos && error > next_field)) {
    return "";
  }
  const size_t text = error + start.size();
  return page.substr(text, page.find("</p>", text) - text);
}

TEST_F(PanelTest, AnApprovalIsEditedApprovedInPlaceAndTheQuoteReachesTheCustomer) {
  const std::string customer = "5511933330001";
  ASSERT_EQ(stack_
                .PostWebhook(TextWebhook(customer, "Davi",
                                         "quero 10 sacos de cimento e 3 latas de verniz "
                                         "marítimo, entrega no Centro amanhã, pix",
                                         "wamid.panel.1"))
                .status,
            200);
  ASSERT_TRUE(Stack::WaitUntil([&] {
    return stack_.db().Count("SELECT count(*) FROM approvals WHERE status = 'pending'") == 1;
  }));
  const std::string quote_id(stack_.db().Query("SELECT quote_id FROM approvals").Get(0, 0));
  const std::string demo = StoreHost("demo");
  ASSERT_EQ(LogInAsDemoOwner(browser_, demo).status, 303);

  const ClientResponse list = browser_.Get(demo, "/aprovacoes");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("approval-" + quote_id), std::string::npos);
  EXPECT_NE(list.body.find("item fora do catálogo"), std::string::npos);
  const ClientResponse page = browser_.Get(demo, "/aprovacoes/" + quote_id);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("verniz"), std::string::npos);
  const std::string csrf = CsrfIn(page.body);

  // A bad price is refused naming it, and nothing is decided.
  const ClientResponse bad =
      browser_.Post(demo, "/aprovacoes/" + quote_id + "/aprovar",
                    {{"csrf", csrf}, {"price:CIM-CPII-50", "abc"}, {"drop_unknown", "1"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Preço inválido"), std::string::npos);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM approvals WHERE status = 'pending'"), 1);

  // 12 sacos instead of 10, at R$ 35,00 instead of the catalog's price; the unknown item
  // dropped.
  const ClientResponse approved = browser_.Post(demo, "/aprovacoes/" + quote_id + "/aprovar",
                                                {{"csrf", csrf},
                                                 {"quantity:CIM-CPII-50", "12"},
                                                 {"price:CIM-CPII-50", "35,00"},
                                                 {"drop_unknown", "1"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_NE(approved.body.find("Orçamento aprovado"), std::string::npos);
  ASSERT_TRUE(Stack::WaitUntil([&] {
    for (const auto& message : stack_.SentMessages(customer)) {
      if (message["body"].get<std::string>().find("R$ 420,00") != std::string::npos) return true;
    }
    return false;
  })) << stack_.SentMessages(customer).dump();
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM audit_log WHERE entity_type = 'quote' AND "
                              "action = 'approve' AND user_id IS NOT NULL"),
            1);
}

TEST_F(PanelTest, AnotherStoresApprovalIs404AndCannotBeDecided) {
  ASSERT_EQ(stack_
                .PostWebhook(TextWebhook("5511933330002", "Eva",
                                         "quero 10 sacos de cimento e 3 latas de verniz "
                                         "marítimo, entrega no Centro amanhã, pix",
                                         "wamid.panel.2"))
                .status,
            200);
  ASSERT_TRUE(Stack::WaitUntil([&] {
    return stack_.db().Count("SELECT count(*) FROM approvals WHERE status = 'pending'") == 1;
  }));
  const std::string quote_id(stack_.db().Query("SELECT quote_id FROM approvals").Get(0, 0));
  ASSERT_EQ(SignUp("loja-f", "Loja F").status, 303);
  ASSERT_EQ(LogIn("loja-f").status, 303);
  const std::string host = StoreHost("loja-f");
  const ClientResponse dashboard = browser_.Get(host, "/");
  const std::string csrf = CsrfIn(dashboard.body);
  EXPECT_EQ(browser_.Get(host, "/aprovacoes").body.find(quote_id), std::string::npos);
  EXPECT_EQ(browser_.Get(host, "/aprovacoes/" + quote_id).status, 404);
  EXPECT_EQ(browser_
                .Post(host, "/aprovacoes/" + quote_id + "/aprovar",
                      {{"csrf", csrf}, {"drop_unknown", "1"}})
                .status,
            404);
  EXPECT_EQ(browser_
                .Post(host, "/aprovacoes/" + quote_id + "/rejeitar",
                      {{"csrf", csrf}, {"send_decline", "1"}})
                .status,
            404);
  EXPECT_EQ(browser_.Get(host, "/aprovacoes/not-a-uuid").status, 404);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM approvals WHERE status = 'pending'"), 1);
  // And the demo store's own owner without the CSRF token changes nothing either.
  ASSERT_EQ(LogInAsDemoOwner(browser_, StoreHost("demo")).status, 303);
  EXPECT_EQ(
      browser_
          .Post(StoreHost("demo"), "/aprovacoes/" + quote_id + "/rejeitar", {{"send_decline", "1"}})
          .status,
      403);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM approvals WHERE status = 'pending'"), 1);
}

TEST_F(PanelTest, ACatalogLargerThanOtherRequestBodiesIsImported) {
  ASSERT_EQ(SignUp("loja-g2", "Loja G2").status, 303);
  ASSERT_EQ(LogIn("loja-g2").status, 303);
  const std::string host = StoreHost("loja-g2");
  const std::string csrf = CsrfIn(browser_.Get(host, "/catalogo").body);
  // 4,000 items, about 400 KB: past serve's default body limit (256 KiB) for other requests.
  std::string csv = "sku,name,unit,price,cost,weight_kg,aliases\n";
  for (int i = 0; i < 4000; ++i) {
    const std::string n = std::to_string(i);
    csv += "SKU-" + n + ",Item de construção número " + n + " da loja,un,1" + n.substr(0, 1) +
           ".50,0.80,2.4,item " + n + " sinônimo\n";
  }
  ASSERT_GT(csv.size(), 256u << 10);
  const ClientResponse imported =
      browser_.PostFile(host, "/catalogo/importar", csrf, "big.csv", csv);
  ASSERT_EQ(imported.status, 200) << imported.body.substr(0, 300);
  EXPECT_NE(imported.body.find("4000 novos"), std::string::npos) << imported.body.substr(0, 2000);
  // Any other form still has the default limit.
  EXPECT_EQ(browser_.Post(host, "/frete", {{"csrf", csrf}, {"bairro", csv}}).status, 413);
}

TEST_F(PanelTest, CatalogImportReportsTheBadRowSearchAndInlinePriceEditAreAudited) {
  ASSERT_EQ(SignUp("loja-g", "Loja G").status, 303);
  ASSERT_EQ(LogIn("loja-g").status, 303);
  const std::string host = StoreHost("loja-g");
  const ClientResponse page = browser_.Get(host, "/catalogo");
  ASSERT_EQ(page.status, 200);
  const std::string csrf = CsrfIn(page.body);
  const std::string csv =
      "sku,name,unit,price,cost,weight_kg,aliases\n"
      "CIM-50,Cimento CP II 50kg,saco,38.90,31.00,50,cimento\n"
      "ARE-M,Areia média,m³,abc,110.00,1500,areia\n"
      "<b>X</b>,Tijolo <i>baiano</i>,un,1.25,0.80,2.4,tijolo\n";
  EXPECT_EQ(browser_.PostFile(host, "/catalogo/importar", "", "c.csv", csv).status, 403);
  const ClientResponse imported = browser_.PostFile(host, "/catalogo/importar", csrf, "c.csv", csv);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_NE(imported.body.find("2 novos"), std::string::npos) << imported.body;
  EXPECT_NE(imported.body.find("c.csv:3: column price"), std::string::npos) << imported.body;
  EXPECT_NE(imported.body.find("&lt;b&gt;X&lt;/b&gt;"), std::string::npos) << "escaped SKU";
  EXPECT_EQ(imported.body.find("<i>baiano</i>"), std::string::npos);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM items i JOIN tenants t ON t.id = i.tenant_id "
                              "WHERE t.slug = 'loja-g'"),
            2);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM audit_log WHERE entity_type = 'catalog' AND "
                              "action = 'import' AND user_id IS NOT NULL"),
            1);

  const ClientResponse found = browser_.Get(host, "/catalogo?q=ciment");
  EXPECT_NE(found.body.find("CIM-50"), std::string::npos);
  EXPECT_EQ(found.body.find("Tijolo"), std::string::npos);

  EXPECT_EQ(
      browser_
          .Post(host, "/catalogo/preco", {{"csrf", csrf}, {"sku", "CIM-50"}, {"price", "trinta"}})
          .status,
      422);
  const ClientResponse saved = browser_.Post(
      host, "/catalogo/preco", {{"csrf", csrf}, {"sku", "CIM-50"}, {"price", "41,50"}});
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM items WHERE sku = 'CIM-50' AND "
                              "price_centavos = 4150"),
            1);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM audit_log WHERE entity_type = 'item' AND "
                              "entity_id = 'CIM-50' AND action = 'update_price' AND "
                              "before->>'price' = '38.90' AND after->>'price' = '41.50'"),
            1);
  // A bulk change applies to the searched items only, rounded half-up, audited.
  EXPECT_EQ(browser_.Post(host, "/catalogo/reajuste", {{"csrf", csrf}, {"q", ""}, {"percent", "x"}})
                .status,
            422);
  ASSERT_EQ(
      browser_
          .Post(host, "/catalogo/reajuste", {{"csrf", csrf}, {"q", "ciment"}, {"percent", "10"}})
          .status,
      200);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM items WHERE sku = 'CIM-50' AND "
                              "price_centavos = 4565"),
            1);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM items WHERE sku = '<b>X</b>' AND "
                              "price_centavos = 125"),
            1);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM audit_log WHERE action = 'change_prices' AND "
                              "(after->>'items')::int = 1"),
            1);
  ASSERT_EQ(
      browser_
          .Post(host, "/catalogo/preco", {{"csrf", csrf}, {"sku", "CIM-50"}, {"price", "41,50"}})
          .status,
      303);
  const ClientResponse exported = browser_.Get(host, "/catalogo.csv");
  EXPECT_EQ(exported.status, 200);
  EXPECT_NE(exported.body.find("CIM-50,Cimento CP II 50kg,saco,41.50"), std::string::npos)
      << exported.body;

  // Another store cannot read or change these items.
  ASSERT_EQ(SignUp("loja-h", "Loja H").status, 303);
  ASSERT_EQ(LogIn("loja-h").status, 303);
  const std::string other = StoreHost("loja-h");
  const std::string other_csrf = CsrfIn(browser_.Get(other, "/catalogo").body);
  EXPECT_EQ(browser_.Get(other, "/catalogo?q=CIM").body.find("CIM-50"), std::string::npos);
  EXPECT_EQ(browser_
                .Post(other, "/catalogo/preco",
                      {{"csrf", other_csrf}, {"sku", "CIM-50"}, {"price", "1,00"}})
                .status,
            404);
  EXPECT_EQ(browser_.Get(other, "/catalogo.csv").body.find("CIM-50"), std::string::npos);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM items WHERE sku = 'CIM-50' AND "
                              "price_centavos = 4150"),
            1);
}

TEST_F(PanelTest, AFlaggedConversationComesFirstAndAPersonRepliesWithinTheWindow) {
  const std::string gabi = "5511933330003";
  ASSERT_EQ(stack_
                .PostWebhook(TextWebhook(gabi, "Gabi",
                                         "quero 10 sacos de cimento, entrega no centro amanha, "
                                         "pago no pix",
                                         "wamid.panel.q1"))
                .status,
            200);
  ASSERT_TRUE(Stack::WaitUntil([&] { return stack_.SentMessages(gabi).size() == 1; }));
  ASSERT_EQ(stack_
                .PostWebhook(TextWebhook(
                    gabi, "Gabi", "<script>alert(1)</script> a areia é lavada?", "wamid.panel.q2"))
                .status,
            200);
  ASSERT_TRUE(Stack::WaitUntil([&] {
    return stack_.db().Count("SELECT count(*) FROM conversations WHERE needs_human") == 1;
  }));
  ASSERT_EQ(stack_.PostWebhook(TextWebhook("5511933330004", "Hugo", "oi", "wamid.panel.h1")).status,
            200);
  ASSERT_TRUE(Stack::WaitUntil([&] { return stack_.SentMessages("5511933330004").size() == 1; }));
  const std::string id(
      stack_.db().Query("SELECT id FROM conversations WHERE needs_human").Get(0, 0));

  const std::string demo = StoreHost("demo");
  ASSERT_EQ(LogInAsDemoOwner(browser_, demo).status, 303);
  const ClientResponse inbox = browser_.Get(demo, "/conversas");
  ASSERT_EQ(inbox.status, 200);
  const size_t flagged = inbox.body.find("conversation-" + id);
  ASSERT_NE(flagged, std::string::npos);
  EXPECT_LT(flagged, inbox.body.find("Hugo")) << "needs a person first";
  EXPECT_NE(inbox.body.find("precisa de atendimento"), std::string::npos);

  const ClientResponse thread = browser_.Get(demo, "/conversas/" + id);
  ASSERT_EQ(thread.status, 200);
  EXPECT_EQ(thread.body.find("<script>alert"), std::string::npos);
  EXPECT_NE(thread.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  const std::string csrf = CsrfIn(thread.body);
  EXPECT_EQ(browser_.Post(demo, "/conversas/" + id + "/responder", {{"csrf", csrf}, {"text", " "}})
                .status,
            422);
  const ClientResponse replied = browser_.Post(demo, "/conversas/" + id + "/responder",
                                               {{"csrf", csrf},
                                                {"reply_id", std::string(32, 'a')},
                                                {"text", "É lavada sim! Entregamos de manhã."}});
  ASSERT_EQ(replied.status, 200) << replied.body;
  EXPECT_NE(replied.body.find("Resposta enviada"), std::string::npos);
  ASSERT_TRUE(Stack::WaitUntil([&] {
    const auto sent = stack_.SentMessages(gabi);
    return !sent.empty() && sent.back()["body"] == "É lavada sim! Entregamos de manhã.";
  }));
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM conversations WHERE needs_human"), 0);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM audit_log WHERE entity_type = 'conversation' "
                              "AND action = 'reply' AND user_id IS NOT NULL"),
            1);
  // The same form sent twice records one reply.
  browser_.Post(demo, "/conversas/" + id + "/responder",
                {{"csrf", csrf},
                 {"reply_id", std::string(32, 'a')},
                 {"text", "É lavada sim! Entregamos de manhã."}});
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM messages WHERE purpose_key LIKE 'reply:%'"), 1);

  // Outside WhatsApp's 24 h window the page says why and nothing is sent.
  stack_.db().Query("UPDATE conversations SET last_inbound_at = now() - interval '25 hours'");
  const ClientResponse closed = browser_.Get(demo, "/conversas/" + id);
  EXPECT_NE(closed.body.find("id=\"window-closed\""), std::string::npos);
  EXPECT_EQ(closed.body.find("id=\"reply-form\""), std::string::npos);
  EXPECT_EQ(browser_
                .Post(demo, "/conversas/" + id + "/responder",
                      {{"csrf", csrf}, {"text", "Ainda está aí?"}})
                .status,
            409);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM messages WHERE purpose_key LIKE 'reply:%'"), 1);

  // Another store sees none of it.
  ASSERT_EQ(SignUp("loja-i", "Loja I").status, 303);
  ASSERT_EQ(LogIn("loja-i").status, 303);
  const std::string other = StoreHost("loja-i");
  const std::string other_csrf = CsrfIn(browser_.Get(other, "/").body);
  EXPECT_EQ(browser_.Get(other, "/conversas").body.find(id), std::string::npos);
  EXPECT_EQ(browser_.Get(other, "/conversas/" + id).status, 404);
  stack_.db().Query("UPDATE conversations SET last_inbound_at = now()");
  EXPECT_EQ(
      browser_
          .Post(other, "/conversas/" + id + "/responder", {{"csrf", other_csrf}, {"text", "oi"}})
          .status,
      404);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM messages WHERE purpose_key LIKE 'reply:%'"), 1);
}

TEST_F(PanelTest, TheOwnerConnectsTheStoresWhatsAppNumberWithTheTokenEncrypted) {
  ASSERT_EQ(SignUp("loja-j", "Loja J").status, 303);
  ASSERT_EQ(LogIn("loja-j").status, 303);
  const std::string host = StoreHost("loja-j");
  const ClientResponse empty = browser_.Get(host, "/canal");
  ASSERT_EQ(empty.status, 200);
  EXPECT_NE(empty.body.find("Nenhum canal configurado"), std::string::npos);
  const std::string csrf = CsrfIn(empty.body);
  const std::string token = "EAAG-token-de-teste-1234567890";
  std::map<std::string, std::string> form = {{"csrf", csrf},
                                             {"phone_number_id", "200300400500"},
                                             {"waba_id", "900800700"},
                                             {"display_phone_number", "+55 11 4000-0000"},
                                             {"verify_token", "verifica-loja-j"},
                                             {"access_token", ""}};
  EXPECT_EQ(browser_.Post(host, "/canal", form).status, 422) << "a new channel needs a token";
  form["access_token"] = token;
  stack_.RegisterGraphNumber(token, "900800700", "200300400500");
  // Another store's number: refused unless WhatsApp confirms this token sees it, and then
  // still taken.
  auto taken = form;
  taken["phone_number_id"] = kStorePhoneNumberId;  // the demo store's
  const ClientResponse unconfirmed = browser_.Post(host, "/canal", taken);
  EXPECT_EQ(unconfirmed.status, 422);
  EXPECT_NE(FieldErrorOf(unconfirmed.body, "phone_number_id").find("não aparece"),
            std::string::npos)
      << unconfirmed.body;
  stack_.RegisterGraphNumber(token, "900800700", kStorePhoneNumberId);
  EXPECT_EQ(browser_.Post(host, "/canal", taken).status, 409);
  const ClientResponse saved = browser_.Post(host, "/canal", form);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_NE(saved.body.find("Canal salvo"), std::string::npos);
  EXPECT_EQ(saved.body.find(token), std::string::npos) << "the token is never shown again";
  EXPECT_EQ(
      stack_.db().Count("SELECT count(*) FROM channels c JOIN tenants t ON t.id = c.tenant_id "
                        "WHERE t.slug = 'loja-j' AND c.phone_number_id = '200300400500' AND "
                        "position(convert_to($1, 'UTF8') in c.access_token_encrypted) = 0",
                        {token}),
      1);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM audit_log WHERE entity_type = 'channel' AND "
                              "action = 'create' AND after::text NOT LIKE '%' || $1 || '%'",
                              {token}),
            1);
  // Meta's webhooks for that number now reach this store.
  std::string body = TextWebhook("5511933330009", "Ivo", "oi", "wamid.panel.j1");
  const std::string demo_number = kStorePhoneNumberId;
  body.replace(body.find(demo_number), demo_number.size(), "200300400500");
  ASSERT_EQ(stack_.PostWebhook(body).status, 200);
  EXPECT_EQ(
      stack_.db().Count("SELECT count(*) FROM messages m JOIN tenants t ON t.id = m.tenant_id "
                        "WHERE t.slug = 'loja-j' AND m.direction = 'inbound'"),
      1);
  // Keeping the token: an empty field leaves it as it was.
  form["access_token"] = "";
  form["display_phone_number"] = "+55 11 4000-0001";
  EXPECT_EQ(browser_.Post(host, "/canal", form).status, 200);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM audit_log WHERE entity_type = 'channel' AND "
                              "action = 'update' AND after->>'access_token' = 'kept' AND "
                              "after->>'verify_token' = 'kept'"),
            1);
  // The verify token is a secret too: the audit log says that it changed, never what it is.
  form["verify_token"] = "verifica-loja-j-2";
  EXPECT_EQ(browser_.Post(host, "/canal", form).status, 200);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM audit_log WHERE entity_type = 'channel' AND "
                              "after->>'verify_token' = 'changed'"),
            2);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM audit_log WHERE entity_type = 'channel' AND "
                              "(before::text LIKE '%verifica-loja-j%' OR "
                              "after::text LIKE '%verifica-loja-j%')"),
            0);
}

class ChannelCheckTest : public PanelTest {
 protected:
  static constexpr char kToken[] = "EAAG-token-da-loja-l-1234567890";
  static constexpr char kNumber[] = "200300400501";

  ChannelCheckTest() {
    EXPECT_EQ(SignUp("loja-l", "Loja L").status, 303);
    EXPECT_EQ(LogIn("loja-l").status, 303);
    host_ = StoreHost("loja-l");
    form_ = {{"csrf", CsrfIn(browser_.Get(host_, "/canal").body)},
             {"phone_number_id", kNumber},
             {"waba_id", "900800700"},
             {"display_phone_number", ""},
             {"verify_token", "verifica-loja-l"},
             {"access_token", kToken}};
    stack_.RegisterGraphNumber(kToken, "900800700", kNumber, "+55 11 4000-0501");
  }
  ClientResponse Save(const std::map<std::string, std::string>& changes = {}) {
    auto form = form_;
    for (const auto& [field, value] : changes) form[field] = value;
    return browser_.Post(host_, "/canal", form);
  }
  // The store's channel as stored: "phone_number_id waba_id display", or "" when none.
  std::string StoredChannel() {
    auto rows = stack_.db().Query(
        "SELECT c.phone_number_id || ' ' || c.waba_id || ' ' || c.display_phone_number "
        "FROM channels c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'loja-l'");
    return rows.empty() ? "" : std::string(rows.Get(0, 0));
  }

  std::string host_;
  std::map<std::string, std::string> form_;
};

TEST_F(ChannelCheckTest, ANumberWhatsAppConfirmsIsSavedWithTheDisplayNumberItShows) {
  const ClientResponse saved = Save();
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_NE(saved.body.find("Canal salvo"), std::string::npos);
  EXPECT_NE(saved.body.find("value=\"+55 11 4000-0501\""), std::string::npos) << saved.body;
  EXPECT_EQ(StoredChannel(), "200300400501 900800700 +55 11 4000-0501");
  // A display number the owner types is kept as typed.
  EXPECT_EQ(Save({{"display_phone_number", "(11) 4000-0501"}}).status, 200);
  EXPECT_EQ(StoredChannel(), "200300400501 900800700 (11) 4000-0501");
}

TEST_F(ChannelCheckTest, WhatsAppRefusalsNameTheFieldAndSaveNothing) {
  const ClientResponse other_number = Save({{"phone_number_id", "200300400502"}});
  EXPECT_EQ(other_number.status, 422);
  EXPECT_EQ(FieldErrorOf(other_number.body, "phone_number_id"),
            "Este Phone number ID não aparece na conta do WhatsApp Business informada com esse "
            "token.")
      << other_number.body;
  const ClientResponse other_account = Save({{"waba_id", "900800799"}});
  EXPECT_EQ(other_account.status, 422);
  EXPECT_NE(FieldErrorOf(other_account.body, "waba_id").find("não aparece com este token"),
            std::string::npos)
      << other_account.body;
  const ClientResponse refused = Save({{"access_token", "EAAG-token-de-outra-pessoa-0000"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(FieldErrorOf(refused.body, "access_token"), "O WhatsApp recusou este token de acesso.")
      << refused.body;
  EXPECT_EQ(refused.body.find("EAAG-token-de-outra-pessoa"), std::string::npos);
  EXPECT_EQ(StoredChannel(), "");
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM audit_log WHERE entity_type = 'channel'"), 0);
}

TEST_F(ChannelCheckTest, AnEmptyTokenFieldIsCheckedWithTheStoredToken) {
  ASSERT_EQ(Save().status, 200);
  // Moving the channel to a number the stored token does not see is refused...
  const ClientResponse moved = Save({{"phone_number_id", "200300400502"}, {"access_token", ""}});
  EXPECT_EQ(moved.status, 422);
  EXPECT_NE(FieldErrorOf(moved.body, "phone_number_id"), "") << moved.body;
  EXPECT_EQ(StoredChannel(), "200300400501 900800700 +55 11 4000-0501");
  // ...and saved once WhatsApp shows that number to the stored token.
  stack_.RegisterGraphNumber(kToken, "900800700", "200300400502", "+55 11 4000-0502");
  const ClientResponse saved = Save({{"phone_number_id", "200300400502"}, {"access_token", ""}});
  EXPECT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(StoredChannel(), "200300400502 900800700 +55 11 4000-0502");
}

TEST_F(ChannelCheckTest, WhatsAppUnavailableSavesNothingAndAsksToTryAgain) {
  stack_.SetGraphFaults(R"({"mode":"http_500","count":1,"route":"phone_numbers"})");
  const ClientResponse failed = Save();
  EXPECT_EQ(failed.status, 503);
  EXPECT_NE(failed.body.find("Não foi possível confirmar o número com o WhatsApp agora. Tente de "
                             "novo em instantes."),
            std::string::npos)
      << failed.body;
  EXPECT_EQ(StoredChannel(), "");
  EXPECT_TRUE(Stack::WaitUntil([&] {
    return stack_.serve().Log().find("WhatsApp could not be asked") != std::string::npos;
  })) << "the reason is logged";
  EXPECT_EQ(stack_.serve().Log().find(kToken), std::string::npos) << "the token is never logged";
  EXPECT_EQ(Save().status, 200) << "the owner tries again";
  EXPECT_EQ(StoredChannel(), "200300400501 900800700 +55 11 4000-0501");
}

TEST_F(PanelTest, TheOwnerInvitesAnAttendantWhoCannotManageAndCanBeDeactivated) {
  ASSERT_EQ(SignUp("loja-k", "Loja K").status, 303);
  ASSERT_EQ(LogIn("loja-k").status, 303);
  const std::string host = StoreHost("loja-k");
  const std::string csrf = CsrfIn(browser_.Get(host, "/usuarios").body);
  EXPECT_EQ(
      browser_.Post(host, "/usuarios", {{"csrf", csrf}, {"name", "Ana"}, {"email", "ana"}}).status,
      422);
  const ClientResponse invited = browser_.Post(
      host, "/usuarios", {{"csrf", csrf}, {"name", "Ana Atendente"}, {"email", "Ana@Loja-K.com"}});
  ASSERT_EQ(invited.status, 200) << invited.body;
  const std::string marker = "Senha provisória: ";
  const size_t at = invited.body.find(marker);
  ASSERT_NE(at, std::string::npos) << invited.body;
  const std::string password = invited.body.substr(at + marker.size(), 12);
  EXPECT_EQ(browser_
                .Post(host, "/usuarios",
                      {{"csrf", csrf}, {"name", "Outra Ana"}, {"email", "ana@loja-k.com"}})
                .status,
            409);
  const std::string attendant_id(
      stack_.db().Query("SELECT id FROM users WHERE email = 'ana@loja-k.com'").Get(0, 0));
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM audit_log WHERE entity_type = 'user' AND "
                              "action = 'invite' AND entity_id = $1",
                              {attendant_id}),
            1);

  // The attendant, in a browser of her own.
  Browser ana(stack_);
  ASSERT_EQ(LogInWith(ana, host, "ana@loja-k.com", password).status, 303);
  EXPECT_EQ(ana.Get(host, "/").status, 200);
  EXPECT_EQ(ana.Get(host, "/aprovacoes").status, 200);
  EXPECT_EQ(ana.Get(host, "/canal").status, 403);
  EXPECT_EQ(ana.Get(host, "/usuarios").status, 403);
  const std::string ana_csrf = CsrfIn(ana.Get(host, "/").body);
  // Someone else has the temporary password too, and logs in with it.
  Browser elsewhere(stack_);
  ASSERT_EQ(LogInWith(elsewhere, host, "ana@loja-k.com", password).status, 303);
  ASSERT_EQ(elsewhere.Get(host, "/").status, 200);
  // She replaces the temporary password.
  EXPECT_EQ(ana.Post(host, "/senha",
                     {{"csrf", ana_csrf}, {"current", "errada"}, {"replacement", "a-senha-da-ana"}})
                .status,
            422);
  const ClientResponse changed =
      ana.Post(host, "/senha",
               {{"csrf", ana_csrf}, {"current", password}, {"replacement", "a-senha-da-ana"}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_NE(changed.body.find("Senha trocada"), std::string::npos);
  EXPECT_EQ(ana.Get(host, "/").status, 200) << "the session that changed it stays";
  EXPECT_EQ(elsewhere.Get(host, "/").status, 303) << "every other session of hers ends";
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM audit_log WHERE action = 'change_password' "
                              "AND user_id = $1",
                              {attendant_id}),
            1);
  EXPECT_EQ(
      ana.Post(host, "/usuarios", {{"csrf", ana_csrf}, {"name", "X"}, {"email", "x@y.com"}}).status,
      403);

  // Another store's owner cannot touch her.
  ASSERT_EQ(SignUp("loja-l", "Loja L").status, 303);
  ASSERT_EQ(LogIn("loja-l").status, 303);
  const std::string other_csrf = CsrfIn(browser_.Get(StoreHost("loja-l"), "/usuarios").body);
  EXPECT_EQ(browser_
                .Post(StoreHost("loja-l"), "/usuarios/" + attendant_id + "/desativar",
                      {{"csrf", other_csrf}})
                .status,
            404);
  EXPECT_EQ(
      stack_.db().Count("SELECT count(*) FROM users WHERE id = $1 AND active", {attendant_id}), 1);

  // Her owner deactivates her: her session ends and she cannot log in again.
  EXPECT_EQ(
      browser_.Post(host, "/usuarios/" + attendant_id + "/desativar", {{"csrf", csrf}}).status,
      200);
  EXPECT_EQ(HeaderOf(ana.Get(host, "/"), "location"), "/entrar");
  EXPECT_EQ(ana.Post(host, "/entrar",
                     {{"csrf", ana.Cookie(host, "oz_pre")},
                      {"email", "ana@loja-k.com"},
                      {"password", password}})
                .status,
            401);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM audit_log WHERE entity_type = 'user' AND "
                              "action = 'deactivate' AND before->>'active' = 'true'"),
            1);
}

TEST_F(PanelTest, TheAuditLogShowsWhoChangedWhatFilteredAndPagedForItsStoreOnly) {
  ASSERT_EQ(SignUp("loja-m", "Loja M").status, 303);
  ASSERT_EQ(LogIn("loja-m").status, 303);
  const std::string host = StoreHost("loja-m");
  const std::string csrf = CsrfIn(browser_.Get(host, "/catalogo").body);
  ASSERT_EQ(browser_
                .PostFile(host, "/catalogo/importar", csrf, "m.csv",
                          "sku,name,unit,price\nBRI-1,Brita 1,m³,175.00\n")
                .status,
            200);
  ASSERT_EQ(
      browser_.Post(host, "/catalogo/preco", {{"csrf", csrf}, {"sku", "BRI-1"}, {"price", "180"}})
          .status,
      303);
  const ClientResponse all = browser_.Get(host, "/auditoria");
  ASSERT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("update_price"), std::string::npos);
  EXPECT_NE(all.body.find("import"), std::string::npos);
  EXPECT_NE(all.body.find("Dona Loja M &lt;dona@loja-m.com.br&gt;"), std::string::npos);
  EXPECT_NE(all.body.find("{&quot;price&quot;: &quot;175.00&quot;}"), std::string::npos)
      << "before, escaped";
  const ClientResponse items = browser_.Get(host, "/auditoria?tipo=item");
  EXPECT_NE(items.body.find("update_price"), std::string::npos);
  EXPECT_EQ(items.body.find(">import<"), std::string::npos);

  // 60 more entries: two pages.
  stack_.db().Query(
      "INSERT INTO audit_log (tenant_id, entity_type, entity_id, action) "
      "SELECT t.id, 'item', 'X-' || n, 'update_price' FROM tenants t, generate_series(1, 60) n "
      "WHERE t.slug = 'loja-m'");
  const ClientResponse first = browser_.Get(host, "/auditoria?tipo=item");
  EXPECT_NE(first.body.find("rel=\"next\""), std::string::npos);
  const ClientResponse second = browser_.Get(host, "/auditoria?tipo=item&pagina=2");
  EXPECT_NE(second.body.find("rel=\"prev\""), std::string::npos);
  EXPECT_EQ(second.body.find("rel=\"next\""), std::string::npos);

  // Another store's log holds none of it.
  ASSERT_EQ(SignUp("loja-n", "Loja N").status, 303);
  ASSERT_EQ(LogIn("loja-n").status, 303);
  const ClientResponse other = browser_.Get(StoreHost("loja-n"), "/auditoria");
  EXPECT_EQ(other.body.find("BRI-1"), std::string::npos);
  EXPECT_EQ(other.body.find("X-1"), std::string::npos);
}

TEST_F(PanelTest, ATextIsPreviewedValidatedSavedAndWhatTheNextCustomerGets) {
  const std::string demo = StoreHost("demo");
  ASSERT_EQ(LogInAsDemoOwner(browser_, demo).status, 303);
  const ClientResponse list = browser_.Get(demo, "/textos");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("text-capture_prompt"), std::string::npos);
  const ClientResponse page = browser_.Get(demo, "/textos/capture_prompt");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("class=\"preview\""), std::string::npos);
  const std::string csrf = CsrfIn(page.body);

  const ClientResponse broken = browser_.Post(demo, "/textos/capture_prompt/previa",
                                              {{"csrf", csrf}, {"body", "Olá {{nome_errado}}"}});
  EXPECT_EQ(broken.status, 200);
  EXPECT_NE(broken.body.find("nome_errado"), std::string::npos) << broken.body;
  EXPECT_NE(broken.body.find("form-error"), std::string::npos);
  const ClientResponse previewed = browser_.Post(
      demo, "/textos/capture_prompt/previa", {{"csrf", csrf}, {"body", "Olá {{customer_name}}!"}});
  EXPECT_NE(previewed.body.find("Olá Ana!"), std::string::npos) << previewed.body;

  EXPECT_EQ(
      browser_
          .Post(demo, "/textos/capture_prompt", {{"csrf", csrf}, {"body", "Olá {{nome_errado}}"}})
          .status,
      422);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM message_templates"), 0);
  const std::string text = "Oi {{customer_name}}! Mande itens, bairro e pagamento <por favor>.";
  ASSERT_EQ(browser_.Post(demo, "/textos/capture_prompt", {{"csrf", csrf}, {"body", text}}).status,
            200);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM audit_log WHERE entity_type = 'text' AND "
                              "entity_id = 'capture_prompt' AND action = 'update'"),
            1);
  ASSERT_EQ(stack_.PostWebhook(TextWebhook("5511933330010", "Lia", "oi", "wamid.panel.t1")).status,
            200);
  ASSERT_TRUE(Stack::WaitUntil([&] {
    const auto sent = stack_.SentMessages("5511933330010");
    return !sent.empty() &&
           sent[0]["body"] == "Oi Lia! Mande itens, bairro e pagamento <por favor>.";
  })) << stack_.SentMessages("5511933330010").dump();

  ASSERT_EQ(browser_.Post(demo, "/textos/capture_prompt/padrao", {{"csrf", csrf}}).status, 200);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM message_templates"), 0);
  EXPECT_EQ(browser_.Get(demo, "/textos/nao_existe").status, 404);
}

TEST_F(PanelTest, FreightRulesAreCreatedEditedAndDeletedAfterConfirmationAndQuotedAtOnce) {
  const std::string demo = StoreHost("demo");
  ASSERT_EQ(LogInAsDemoOwner(browser_, demo).status, 303);
  const std::string csrf = CsrfIn(browser_.Get(demo, "/frete").body);
  // Every method but GET and HEAD needs the form token; only POST saves.
  for (const char* method : {"PUT", "DELETE", "PATCH"}) {
    EXPECT_EQ(
        browser_.Submit(method, demo, "/frete", {{"bairro", "Vila Nova"}, {"base", "1,00"}}).status,
        403)
        << method;
    EXPECT_EQ(browser_
                  .Submit(method, demo, "/frete",
                          {{"csrf", csrf}, {"bairro", "Vila Nova"}, {"base", "1,00"}})
                  .status,
              404)
        << method;
  }
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM freight_rules WHERE bairro = 'Vila Nova'"), 0);
  EXPECT_EQ(browser_
                .Post(demo, "/frete",
                      {{"csrf", csrf},
                       {"bairro", "Vila Nova"},
                       {"cep_start", "01000000"},
                       {"base", "45,00"}})
                .status,
            422);
  EXPECT_EQ(browser_.Post(demo, "/frete", {{"csrf", csrf}, {"bairro", "Vila Nova"}, {"base", "x"}})
                .status,
            422);
  ASSERT_EQ(
      browser_.Post(demo, "/frete", {{"csrf", csrf}, {"bairro", "Vila Nova"}, {"base", "40,00"}})
          .status,
      200);
  const std::string id(
      stack_.db().Query("SELECT id FROM freight_rules WHERE bairro = 'Vila Nova'").Get(0, 0));
  ASSERT_EQ(browser_
                .Post(demo, "/frete/" + id,
                      {{"csrf", csrf},
                       {"bairro", "Vila Nova"},
                       {"base", "45,00"},
                       {"free_above", "2.000,00"}})
                .status,
            200);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM freight_rules WHERE id = $1 AND "
                              "base_centavos = 4500 AND free_above_centavos = 200000",
                              {id}),
            1);
  // The next quote uses it.
  const std::string customer = "5511933330011";
  ASSERT_EQ(stack_
                .PostWebhook(TextWebhook(customer, "Rui",
                                         "10 sacos de cimento, entrega na vila nova amanha, pix",
                                         "wamid.panel.f1"))
                .status,
            200);
  ASSERT_TRUE(Stack::WaitUntil([&] {
    const auto sent = stack_.SentMessages(customer);
    return !sent.empty() &&
           sent[0]["body"].get<std::string>().find("Frete: R$ 45,00") != std::string::npos;
  })) << stack_.SentMessages(customer).dump();

  // Another store can neither edit nor delete it.
  ASSERT_EQ(SignUp("loja-o", "Loja O").status, 303);
  ASSERT_EQ(LogIn("loja-o").status, 303);
  const std::string other = StoreHost("loja-o");
  const std::string other_csrf = CsrfIn(browser_.Get(other, "/frete").body);
  EXPECT_EQ(browser_.Get(other, "/frete/" + id).status, 404);
  EXPECT_EQ(
      browser_.Post(other, "/frete/" + id, {{"csrf", other_csrf}, {"bairro", "X"}, {"base", "1"}})
          .status,
      404);
  EXPECT_EQ(
      browser_.Post(other, "/frete/" + id + "/excluir", {{"csrf", other_csrf}, {"confirm", "1"}})
          .status,
      404);

  // Deleting asks first.
  const ClientResponse asked = browser_.Post(demo, "/frete/" + id + "/excluir", {{"csrf", csrf}});
  EXPECT_EQ(asked.status, 200);
  EXPECT_NE(asked.body.find("id=\"confirm-delete\""), std::string::npos);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM freight_rules WHERE id = $1", {id}), 1);
  EXPECT_EQ(
      browser_.Post(demo, "/frete/" + id + "/excluir", {{"csrf", csrf}, {"confirm", "1"}}).status,
      200);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM freight_rules WHERE id = $1", {id}), 0);
  EXPECT_EQ(stack_.db().Count("SELECT count(*) FROM audit_log WHERE entity_type = 'freight_rule' "
                              "AND entity_id = $1",
                              {id}),
            3);
}

TEST_F(PanelTest, QuotesAreListedByStatusForTheirStoreOnly) {
  const std::string customer = "5511933330012";
  ASSERT_EQ(stack_
                .PostWebhook(TextWebhook(customer, "Sol",
                                         "10 sacos de cimento, entrega no centro amanha, pix",
                                         "wamid.panel.o1"))
                .status,
            200);
  ASSERT_TRUE(Stack::WaitUntil([&] { return stack_.SentMessages(customer).size() == 1; }));
  const std::string demo = StoreHost("demo");
  ASSERT_EQ(LogInAsDemoOwner(browser_, demo).status, 303);
  const ClientResponse sent = browser_.Get(demo, "/orcamentos?situacao=sent");
  ASSERT_EQ(sent.status, 200);
  EXPECT_NE(sent.body.find("Sol +5511933330012"), std::string::npos) << sent.body;
  EXPECT_NE(sent.body.find("R$ 399,55"), std::string::npos);
  EXPECT_EQ(browser_.Get(demo, "/orcamentos?situacao=won").body.find("Sol +"), std::string::npos);
  ASSERT_EQ(SignUp("loja-p", "Loja P").status, 303);
  ASSERT_EQ(LogIn("loja-p").status, 303);
  EXPECT_EQ(browser_.Get(StoreHost("loja-p"), "/orcamentos").body.find("Sol +"), std::string::npos);
}

TEST_F(PanelTest, PricingRulesAndVolumeDiscountsAreEditedAndQuotedAtOnce) {
  const std::string demo = StoreHost("demo");
  ASSERT_EQ(LogInAsDemoOwner(browser_, demo).status, 303);
  const ClientResponse page = browser_.Get(demo, "/regras");
  ASSERT_EQ(page.status, 200);
  const std::string csrf = CsrfIn(page.body);
  EXPECT_EQ(browser_.Post(demo, "/regras", {{"csrf", csrf}, {"pix_discount", "dez"}}).status, 422);
  ASSERT_EQ(browser_
                .Post(demo, "/regras",
                      {{"csrf", csrf},
                       {"pix_discount", "10"},
                       {"min_margin", ""},
                       {"total_above", "5.000,00"}})
                .status,
            200);
  EXPECT_EQ(
      browser_
          .Post(demo, "/regras/descontos",
                {{"csrf", csrf}, {"sku", "NAO-EXISTE"}, {"min_quantity", "10"}, {"discount", "5"}})
          .status,
      422);
  ASSERT_EQ(
      browser_
          .Post(demo, "/regras/descontos",
                {{"csrf", csrf}, {"sku", "CIM-CPII-50"}, {"min_quantity", "10"}, {"discount", "5"}})
          .status,
      200);
  EXPECT_GE(stack_.db().Count("SELECT count(*) FROM audit_log WHERE entity_type = 'pricing_rules'"),
            2);
  const std::string customer = "5511933330013";
  ASSERT_EQ(stack_
                .PostWebhook(TextWebhook(customer, "Teo",
                                         "10 sacos de cimento, entrega no centro amanha, pix",
                                         "wamid.panel.r1"))
                .status,
            200);
  ASSERT_TRUE(Stack::WaitUntil([&] {
    const auto sent = stack_.SentMessages(customer);
    return !sent.empty() &&
           sent[0]["body"].get<std::string>().find("Desconto PIX (10%)") != std::string::npos;
  })) << stack_.SentMessages(customer).dump();
  EXPECT_NE(browser_.Get(demo, "/regras").body.find("CIM-CPII-50"), std::string::npos);
  // The demo store's two discounts and the one added: a discount is removed by its place in
  // the list; a place that is not in it, or not a number, is 404 and removes nothing.
  const auto tenant_discounts = [&] {
    return stack_.db().Count(
        "SELECT count(*) FROM volume_discounts WHERE tenant_id = "
        "(SELECT id FROM tenants WHERE slug = 'demo')");
  };
  ASSERT_EQ(tenant_discounts(), 3);
  EXPECT_EQ(browser_.Post(demo, "/regras/descontos/3/excluir", {{"csrf", csrf}}).status, 404);
  EXPECT_EQ(browser_.Post(demo, "/regras/descontos/1x/excluir", {{"csrf", csrf}}).status, 404);
  EXPECT_EQ(browser_.Post(demo, "/regras/descontos//excluir", {{"csrf", csrf}}).status, 404);
  EXPECT_EQ(tenant_discounts(), 3);
  EXPECT_EQ(browser_.Post(demo, "/regras/descontos/2/excluir", {{"csrf", csrf}}).status, 200);
  EXPECT_EQ(tenant_discounts(), 2);
  // Another store sees its own (empty) rules.
  ASSERT_EQ(SignUp("loja-q", "Loja Q").status, 303);
  ASSERT_EQ(LogIn("loja-q").status, 303);
  EXPECT_EQ(browser_.Get(StoreHost("loja-q"), "/regras").body.find("CIM-CPII-50"),
            std::string::npos);
}

TEST_F(PanelTest, WebhooksAndMonitoringStayOffThePanelHosts) {
  EXPECT_EQ(browser_.Get(StoreHost("demo"), "/health").status, 303);  // a panel page: log in
  EXPECT_EQ(browser_.Get(browser_.Host("api.localhost"), "/health").status, 200);
  EXPECT_EQ(stack_.Get("/health").status, 200);  // by address, as nginx and monitors do
}

}  // namespace
}  // namespace orcazap::testing
