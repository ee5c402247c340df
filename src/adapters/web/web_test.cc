#include <gtest/gtest.h>

#include <stdexcept>

#include "adapters/web/cookies.h"
#include "adapters/web/host.h"
#include "adapters/web/html.h"
#include "adapters/web/page.h"

namespace orcazap::adapters::web {
namespace {

TEST(Html, TextIsEscapedByDefault) {
  EXPECT_EQ(Escape(R"x(<img src=x onerror="alert('1')">&)x"),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;");
  EXPECT_EQ(RenderTemplateText("<p>{{name}}</p>", {{"name", std::string("<b>Zé</b>")}}),
            "<p>&lt;b&gt;Zé&lt;/b&gt;</p>");
}

TEST(Html, OnlyHtmlValuesGoInRawAndAPlainStringThereIsStillEscaped) {
  const TemplateVars vars = {{"fragment", Html{"<em>ok</em>"}}, {"text", std::string("<script>")}};
  EXPECT_EQ(RenderTemplateText("{{{fragment}}}|{{{text}}}|{{fragment}}", vars),
            "<em>ok</em>|&lt;script&gt;|&lt;em&gt;ok&lt;/em&gt;");
}

TEST(Html, AMissingVariableOrAnUnclosedTagIsAProgrammingError) {
  EXPECT_THROW(RenderTemplateText("{{nope}}", {}), std::logic_error);
  EXPECT_THROW(RenderTemplateText("{{open", {{"open", std::string()}}), std::logic_error);
  EXPECT_THROW(RenderTemplate("no-such-template.html", {}), std::logic_error);
}

TEST(Host, ApexWwwApiAndStoreHostsAreTold) {
  using Kind = HostRoute::Kind;
  EXPECT_EQ(ClassifyHost("orcazap.com.br", "orcazap.com.br").kind, Kind::kApex);
  EXPECT_EQ(ClassifyHost("WWW.OrcaZap.com.br:443", "orcazap.com.br").kind, Kind::kApex);
  EXPECT_EQ(ClassifyHost("api.orcazap.com.br", "orcazap.com.br").kind, Kind::kApi);
  const HostRoute store = ClassifyHost("Loja-1.localhost:18080", "localhost");
  EXPECT_EQ(store.kind, Kind::kStore);
  EXPECT_EQ(store.slug, "loja-1");
  EXPECT_EQ(ClassifyHost("a.b.localhost", "localhost").kind, Kind::kOther);
  EXPECT_EQ(ClassifyHost("127.0.0.1:8000", "localhost").kind, Kind::kOther);
  EXPECT_EQ(ClassifyHost("[::1]:8000", "localhost").kind, Kind::kOther);
  EXPECT_EQ(ClassifyHost("evil-localhost", "localhost").kind, Kind::kOther);
  EXPECT_EQ(ClassifyHost("loja.localhost", "").kind, Kind::kOther);
}

TEST(InSection, ASectionsPathsGiveTheirIdAndActionAndOthersAreNotInIt) {
  const auto root = InSection("/frete", "/frete");
  ASSERT_TRUE(root);
  EXPECT_TRUE(root->root);
  EXPECT_EQ(root->id, "");
  const auto show = InSection("/frete/abc", "/frete");
  ASSERT_TRUE(show);
  EXPECT_FALSE(show->root);
  EXPECT_EQ(show->id, "abc");
  EXPECT_EQ(show->action, "");
  const auto action = InSection("/frete/abc/excluir", "/frete");
  ASSERT_TRUE(action);
  EXPECT_EQ(action->id, "abc");
  EXPECT_EQ(action->action, "excluir");
  const auto deeper = InSection("/frete/abc/x/y", "/frete");
  ASSERT_TRUE(deeper);
  EXPECT_EQ(deeper->action, "x/y");
  const auto empty_id = InSection("/frete/", "/frete");
  ASSERT_TRUE(empty_id);
  EXPECT_FALSE(empty_id->root);
  EXPECT_EQ(empty_id->id, "");
  EXPECT_FALSE(InSection("/fretes", "/frete"));
  EXPECT_FALSE(InSection("/fret", "/frete"));
  EXPECT_FALSE(InSection("/", "/frete"));
}

TEST(Cookies, AreReadFromTheCookieHeaderAndSetHostOnly) {
  http::Request request;
  request.headers = {{"cookie", "a=1; oz_session=abc; b=2"}, {"cookie", "c=3"}};
  EXPECT_EQ(CookieValue(request, "oz_session"), "abc");
  EXPECT_EQ(CookieValue(request, "c"), "3");
  EXPECT_EQ(CookieValue(request, "oz"), "");
  EXPECT_EQ(SetCookie("oz_session", "t", {}),
            "oz_session=t; Path=/; HttpOnly; SameSite=Lax; Secure");
  EXPECT_EQ(SetCookie("oz_session", "", {.secure = false, .max_age_seconds = 0}),
            "oz_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
}

}  // namespace
}  // namespace orcazap::adapters::web
