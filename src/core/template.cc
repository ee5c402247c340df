#include "core/template.h"

#include <fmt/format.h>

#include <algorithm>

namespace orcazap::core {

namespace {

using Node = Template::Node;

bool IsNameChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

bool Contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// An open {{#name}} or {{^name}} while parsing.
struct Frame {
  Node* node;
  size_t offset;
  const TemplateList* list;  // set when the section iterates a list
};

class Parser {
 public:
  Parser(std::string_view text, const TemplateSchema& schema) : text_(text), schema_(schema) {}

  Result<std::vector<Node>> Parse() {
    size_t pos = 0;
    while (pos < text_.size()) {
      const size_t open = text_.find("{{", pos);
      if (open == std::string_view::npos) {
        AppendText(text_.substr(pos));
        break;
      }
      if (open > pos && text_[open - 1] == '\\') {
        AppendText(text_.substr(pos, open - 1 - pos));
        AppendText("{{");
        pos = open + 2;
        continue;
      }
      AppendText(text_.substr(pos, open - pos));
      auto next = ParseTag(open);
      if (!next) return next.error();
      pos = *next;
    }
    if (!stack_.empty()) {
      const Frame& frame = stack_.back();
      return Fail(frame.offset, "section {{#" + frame.node->text + "}} is never closed by {{/" +
                                    frame.node->text + "}}");
    }
    return std::move(root_);
  }

 private:
  // Parses the tag starting at `open` ("{{"); returns the offset after its "}}".
  Result<size_t> ParseTag(size_t open) {
    const size_t close = text_.find("}}", open + 2);
    if (close == std::string_view::npos) return Fail(open, "\"{{\" is never closed by \"}}\"");
    std::string_view tag = Trim(text_.substr(open + 2, close - open - 2));
    char sigil = 0;
    if (!tag.empty() && (tag[0] == '#' || tag[0] == '^' || tag[0] == '/')) {
      sigil = tag[0];
      tag = Trim(tag.substr(1));
    }
    if (tag.empty()) return Fail(open, "empty tag \"" + Tag(open, close) + "\"");
    if (!std::all_of(tag.begin(), tag.end(), IsNameChar)) {
      return Fail(open, fmt::format("\"{}\": names use only a-z, 0-9 and _", Tag(open, close)));
    }
    Status status = sigil == '/' ? Close(open, std::string(tag))
                    : sigil == 0 ? AddVariable(open, std::string(tag))
                                 : Open(open, std::string(tag), sigil == '^');
    if (!status) return status.error();
    return close + 2;
  }

  Status AddVariable(size_t offset, std::string name) {
    if (FindList(name) != nullptr) {
      return Fail(offset, "\"" + name + "\" is a list: use {{#" + name + "}}...{{/" + name + "}}");
    }
    if (auto known = CheckKnown(offset, name); !known) return known;
    Children().push_back({Node::Kind::kVariable, std::move(name), {}});
    return Ok();
  }

  Status Open(size_t offset, std::string name, bool inverted) {
    const TemplateList* list = FindList(name);
    if (list != nullptr && CurrentList() != nullptr) {
      return Fail(offset, "list \"" + name + "\" inside list \"" + CurrentList()->name +
                              "\": lists do not nest");
    }
    if (list == nullptr) {
      if (auto known = CheckKnown(offset, name); !known) return known;
    }
    const auto kind = inverted ? Node::Kind::kInverted : Node::Kind::kSection;
    Children().push_back({kind, std::move(name), {}});
    stack_.push_back({&Children().back(), offset, list});
    return Ok();
  }

  Status Close(size_t offset, const std::string& name) {
    if (stack_.empty()) return Fail(offset, "{{/" + name + "}} closes no open section");
    const Frame& frame = stack_.back();
    if (frame.node->text != name) {
      const auto [line, column] = LineColumn(frame.offset);
      return Fail(offset, "{{/" + name + "}} found where {{/" + frame.node->text +
                              "}} was expected (section opened at line " + std::to_string(line) +
                              ", column " + std::to_string(column) + ")");
    }
    stack_.pop_back();
    return Ok();
  }

  Status CheckKnown(size_t offset, const std::string& name) {
    if (Contains(schema_.variables, name)) return Ok();
    const TemplateList* list = CurrentList();
    if (list != nullptr && Contains(list->fields, name)) return Ok();
    std::vector<std::string> known = schema_.variables;
    if (list != nullptr) known.insert(known.end(), list->fields.begin(), list->fields.end());
    return Fail(offset, "unknown variable \"" + name + "\" (known here: " + Join(known) + ")");
  }

  const TemplateList* FindList(std::string_view name) const {
    for (const TemplateList& list : schema_.lists) {
      if (list.name == name) return &list;
    }
    return nullptr;
  }

  const TemplateList* CurrentList() const {
    for (const Frame& frame : stack_) {
      if (frame.list != nullptr) return frame.list;
    }
    return nullptr;
  }

  std::vector<Node>& Children() { return stack_.empty() ? root_ : stack_.back().node->children; }

  void AppendText(std::string_view text) {
    if (text.empty()) return;
    std::vector<Node>& children = Children();
    if (!children.empty() && children.back().kind == Node::Kind::kText) {
      children.back().text += text;
    } else {
      children.push_back({Node::Kind::kText, std::string(text), {}});
    }
  }

  std::string Tag(size_t open, size_t close) const {
    return std::string(text_.substr(open, close + 2 - open));
  }

  std::pair<int, int> LineColumn(size_t offset) const {
    int line = 1;
    int column = 1;
    for (size_t i = 0; i < offset; ++i) {
      const auto c = static_cast<unsigned char>(text_[i]);
      if (c == '\n') {
        ++line;
        column = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++column;
      }
    }
    return {line, column};
  }

  Error Fail(size_t offset, const std::string& message) const {
    const auto [line, column] = LineColumn(offset);
    return Error::InvalidInput("line " + std::to_string(line) + ", column " +
                               std::to_string(column) + ": " + message);
  }

  std::string_view text_;
  const TemplateSchema& schema_;
  std::vector<Node> root_;
  std::vector<Frame> stack_;
};

std::string_view Lookup(const std::string& name, const TemplateData& data, const TemplateRow* row) {
  if (row != nullptr) {
    if (auto it = row->find(name); it != row->end()) return it->second;
  }
  if (auto it = data.values.find(name); it != data.values.end()) return it->second;
  return {};
}

void RenderNodes(const std::vector<Node>& nodes, const TemplateData& data, const TemplateRow* row,
                 std::string& out);

void RenderSection(const Node& node, const TemplateData& data, const TemplateRow* row,
                   std::string& out) {
  const bool inverted = node.kind == Node::Kind::kInverted;
  if (auto list = data.lists.find(node.text); list != data.lists.end()) {
    if (inverted) {
      if (list->second.empty()) RenderNodes(node.children, data, row, out);
      return;
    }
    for (const TemplateRow& each : list->second) RenderNodes(node.children, data, &each, out);
    return;
  }
  if (Lookup(node.text, data, row).empty() == inverted) RenderNodes(node.children, data, row, out);
}

void RenderNodes(const std::vector<Node>& nodes, const TemplateData& data, const TemplateRow* row,
                 std::string& out) {
  for (const Node& node : nodes) {
    switch (node.kind) {
      case Node::Kind::kText:
        out += node.text;
        break;
      case Node::Kind::kVariable:
        out += Lookup(node.text, data, row);
        break;
      case Node::Kind::kSection:
      case Node::Kind::kInverted:
        RenderSection(node, data, row, out);
        break;
    }
  }
}

}  // namespace

std::string Template::Render(const TemplateData& data) const {
  std::string out;
  RenderNodes(nodes_, data, nullptr, out);
  return out;
}

Result<Template> ParseTemplate(std::string_view text, const TemplateSchema& schema) {
  auto nodes = Parser(text, schema).Parse();
  if (!nodes) return nodes.error();
  return Template(std::move(*nodes));
}

}  // namespace orcazap::core
