#pragma once
// A small, validated template language for the customer-facing texts, so that a store can
// override any text without being able to send a broken one.
//
// Syntax:
//   {{name}}                 the value of a variable ("" when the renderer has none)
//   {{#name}}...{{/name}}    a list variable: the body once per row, where the row's fields are
//                            visible by name (and the outer variables too);
//                            a plain variable: the body once when its value is not empty
//   {{^name}}...{{/name}}    the body once when the variable (or list) is empty
//   \{{                      a literal "{{"
// Spaces inside a tag are allowed ("{{ name }}"). Names are [a-z0-9_]. Values are inserted
// verbatim and never re-read as template syntax. Lists do not nest.
//
// Invariants:
// 1. A Template only exists after ParseTemplate accepted it: every name is known to the schema,
//    every section is closed by a matching tag, every "{{" is closed by "}}".
// 2. Rendering cannot fail.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace orcazap::core {

struct TemplateList {
  std::string name;
  std::vector<std::string> fields;  // names visible inside {{#name}}...{{/name}}
};

// The names a template may use.
struct TemplateSchema {
  std::vector<std::string> variables;
  std::vector<TemplateList> lists;
};

using TemplateRow = std::map<std::string, std::string>;

struct TemplateData {
  std::map<std::string, std::string> values;
  std::map<std::string, std::vector<TemplateRow>> lists;
};

class Template {
 public:
  struct Node {
    enum class Kind { kText, kVariable, kSection, kInverted };
    Kind kind = Kind::kText;
    std::string text;  // the literal text, or the variable name
    std::vector<Node> children;
  };

  explicit Template(std::vector<Node> nodes) : nodes_(std::move(nodes)) {}

  std::string Render(const TemplateData& data) const;

 private:
  std::vector<Node> nodes_;
};

// Parses and validates `text` against `schema`. Errors say what is wrong and where, as
// "line L, column C: ..." (columns count characters, from 1).
Result<Template> ParseTemplate(std::string_view text, const TemplateSchema& schema);

}  // namespace orcazap::core
