#include "core/template.h"

#include <gtest/gtest.h>

namespace orcazap::core {
namespace {

const TemplateSchema kSchema = {{"name", "total", "store_hours"},
                                {{"lines", {"item", "line_total"}}, {"tags", {"tag"}}}};

std::string Render(std::string_view text, const TemplateData& data) {
  auto parsed = ParseTemplate(text, kSchema);
  if (!parsed) return "ERROR " + parsed.error().message();
  return parsed->Render(data);
}

TemplateData Values(std::map<std::string, std::string> values) {
  TemplateData data;
  data.values = std::move(values);
  return data;
}

std::string ParseError(std::string_view text) {
  auto parsed = ParseTemplate(text, kSchema);
  return parsed ? "accepted" : parsed.error().message();
}

TEST(Template, SubstitutesVariables) {
  EXPECT_EQ(Render("Olá, {{name}}! Total: *{{ total }}*",
                   Values({{"name", "Ana"}, {"total", "R$ 5,00"}})),
            "Olá, Ana! Total: *R$ 5,00*");
}

TEST(Template, MissingValueRendersEmpty) { EXPECT_EQ(Render("[{{name}}]", {}), "[]"); }

TEST(Template, ListSectionRepeatsPerRowWithOuterVariablesVisible) {
  TemplateData data;
  data.values["name"] = "Ana";
  data.lists["lines"] = {{{"item", "Cimento"}, {"line_total", "R$ 1,00"}},
                         {{"item", "Areia"}, {"line_total", "R$ 2,00"}}};
  EXPECT_EQ(Render("{{#lines}}• {{item}} {{line_total}} ({{name}})\n{{/lines}}fim", data),
            "• Cimento R$ 1,00 (Ana)\n• Areia R$ 2,00 (Ana)\nfim");
}

TEST(Template, ScalarSectionShowsOnlyWhenNotEmpty) {
  const char* text = "Oi{{#name}}, {{name}}{{/name}}{{^name}} tudo bem{{/name}}!";
  EXPECT_EQ(Render(text, Values({{"name", "Ana"}})), "Oi, Ana!");
  EXPECT_EQ(Render(text, Values({{"name", ""}})), "Oi tudo bem!");
  EXPECT_EQ(Render(text, {}), "Oi tudo bem!");
}

TEST(Template, InvertedListSectionShowsWhenListIsEmpty) {
  TemplateData data;
  data.lists["tags"] = {};
  EXPECT_EQ(Render("{{#tags}}{{tag}}{{/tags}}{{^tags}}nada{{/tags}}", data), "nada");
  data.lists["tags"] = {{{"tag", "a"}}};
  EXPECT_EQ(Render("{{#tags}}{{tag}}{{/tags}}{{^tags}}nada{{/tags}}", data), "a");
}

TEST(Template, BackslashEscapesALiteralOpeningBraces) {
  EXPECT_EQ(Render("use \\{{name}} para o nome: {{name}}", Values({{"name", "Ana"}})),
            "use {{name}} para o nome: Ana");
}

TEST(Template, ValuesAreNeverReadAsTemplateSyntax) {
  EXPECT_EQ(Render("Olá, {{name}}", Values({{"name", "{{total}} {{#lines}}"}, {"total", "X"}})),
            "Olá, {{total}} {{#lines}}");
}

TEST(Template, SingleBracesAndClosingBracesAreText) {
  EXPECT_EQ(Render("{a} }} {{name}}", Values({{"name", "x"}})), "{a} }} x");
}

TEST(Template, RefusesUnknownVariableSayingWhere) {
  EXPECT_EQ(ParseError("Olá\n  {{nome}}"),
            "line 2, column 3: unknown variable \"nome\" (known here: name, total, store_hours)");
}

TEST(Template, ListFieldsAreKnownOnlyInsideTheirList) {
  EXPECT_EQ(ParseError("{{item}}"),
            "line 1, column 1: unknown variable \"item\" (known here: name, total, store_hours)");
  EXPECT_EQ(ParseError("{{#lines}}{{item}}{{/lines}}"), "accepted");
  EXPECT_EQ(ParseError("{{#lines}}{{tag}}{{/lines}}"),
            "line 1, column 11: unknown variable \"tag\" (known here: name, total, store_hours, "
            "item, line_total)");
}

TEST(Template, RefusesUnknownSection) {
  EXPECT_EQ(ParseError("{{#itens}}x{{/itens}}"),
            "line 1, column 1: unknown variable \"itens\" (known here: name, total, store_hours)");
}

TEST(Template, RefusesUnclosedTag) {
  EXPECT_EQ(ParseError("Olá {{name"), "line 1, column 5: \"{{\" is never closed by \"}}\"");
}

TEST(Template, RefusesUnclosedSection) {
  EXPECT_EQ(ParseError("a\n{{#lines}}{{item}}"),
            "line 2, column 1: section {{#lines}} is never closed by {{/lines}}");
}

TEST(Template, RefusesMismatchedClose) {
  EXPECT_EQ(ParseError("{{#lines}}{{#name}}x{{/lines}}{{/name}}"),
            "line 1, column 21: {{/lines}} found where {{/name}} was expected (section opened "
            "at line 1, column 11)");
  EXPECT_EQ(ParseError("x {{/name}}"), "line 1, column 3: {{/name}} closes no open section");
}

TEST(Template, RefusesListUsedAsVariableAndNestedLists) {
  EXPECT_EQ(ParseError("{{lines}}"),
            "line 1, column 1: \"lines\" is a list: use {{#lines}}...{{/lines}}");
  EXPECT_EQ(ParseError("{{#lines}}{{#tags}}{{/tags}}{{/lines}}"),
            "line 1, column 11: list \"tags\" inside list \"lines\": lists do not nest");
}

TEST(Template, RefusesEmptyAndMalformedNames) {
  EXPECT_EQ(ParseError("{{ }}"), "line 1, column 1: empty tag \"{{ }}\"");
  EXPECT_EQ(ParseError("{{#}}"), "line 1, column 1: empty tag \"{{#}}\"");
  EXPECT_EQ(ParseError("é {{Nome}}"),
            "line 1, column 3: \"{{Nome}}\": names use only a-z, 0-9 and _");
}

}  // namespace
}  // namespace orcazap::core
