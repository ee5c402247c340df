#pragma once
// HTML for the admin panel, escaped by default.
//
// Templates are files in assets/ (embedded at build time). In a template, {{name}} is replaced
// by the variable's text, HTML-escaped; {{{name}}} inserts trusted markup, which only an Html
// value (itself built by RenderTemplate or Escape) can provide — a plain string given to
// {{{name}}} is escaped all the same. A template naming a variable it was not given, or an
// unknown template, is a programming error (std::logic_error, answered as 500); every page's
// templates are rendered by the panel's integration tests (tests/integration/panel_test.cc).

#include <map>
#include <string>
#include <string_view>
#include <variant>

namespace orcazap::adapters::web {

// Markup that is already safe to insert.
struct Html {
  std::string markup;
};

using TemplateValue = std::variant<std::string, Html>;
using TemplateVars = std::map<std::string, TemplateValue>;

// & < > " ' escaped, so the result is safe in element content and quoted attributes.
std::string Escape(std::string_view text);

std::string RenderTemplateText(std::string_view source, const TemplateVars& vars);
// The embedded asset `name` (e.g. "login.html") rendered with `vars`.
Html RenderTemplate(std::string_view name, const TemplateVars& vars);

// An embedded asset's bytes; nullptr when there is none by that name.
const std::string* FindAsset(std::string_view name);

}  // namespace orcazap::adapters::web
