#pragma once
// multipart/form-data bodies (file uploads from the panel's forms), RFC 7578: enough for
// browsers' forms — parts with a Content-Disposition name and optional filename.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orcazap::adapters::web {

struct FormPart {
  std::string name;
  std::string filename;  // empty for a plain field
  std::string data;
};

// nullopt when the content type has no boundary or the body is not well formed.
std::optional<std::vector<FormPart>> ParseMultipart(std::string_view content_type,
                                                    std::string_view body);

}  // namespace orcazap::adapters::web
