#include "adapters/web/html.h"

#include <stdexcept>

#include "adapters/postgres/embedded_files.h"

namespace orcazap::adapters::web {

std::string Escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

std::string RenderTemplateText(std::string_view source, const TemplateVars& vars) {
  std::string out;
  out.reserve(source.size() * 2);
  size_t at = 0;
  while (true) {
    const size_t open = source.find("{{", at);
    if (open == std::string_view::npos) break;
    out.append(source.substr(at, open - at));
    const bool raw = source.substr(open, 3) == "{{{";
    const std::string_view closing = raw ? "}}}" : "}}";
    const size_t name_start = open + (raw ? 3 : 2);
    const size_t close = source.find(closing, name_start);
    if (close == std::string_view::npos) throw std::logic_error("template: unclosed {{");
    const std::string name(source.substr(name_start, close - name_start));
    const auto found = vars.find(name);
    if (found == vars.end()) throw std::logic_error("template: no value for " + name);
    if (const Html* html = std::get_if<Html>(&found->second); html && raw) {
      out += html->markup;
    } else if (html) {
      out += Escape(html->markup);
    } else {
      out += Escape(std::get<std::string>(found->second));
    }
    at = close + closing.size();
  }
  out.append(source.substr(at));
  return out;
}

const std::string* FindAsset(std::string_view name) {
  for (const EmbeddedFile& file : EmbeddedWebAssets()) {
    if (file.name == name) return &file.contents;
  }
  return nullptr;
}

Html RenderTemplate(std::string_view name, const TemplateVars& vars) {
  const std::string* source = FindAsset(name);
  if (source == nullptr) throw std::logic_error("template: no asset " + std::string(name));
  return Html{RenderTemplateText(*source, vars)};
}

}  // namespace orcazap::adapters::web
