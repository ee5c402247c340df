#include "adapters/web/multipart.h"

namespace orcazap::adapters::web {
namespace {

// The value of `key="..."` (or key=token) in a header's parameters.
std::string Parameter(std::string_view header, std::string_view key) {
  const std::string needle = std::string(key) + "=";
  size_t at = 0;
  while ((at = header.find(needle, at)) != std::string_view::npos) {
    const bool starts_word = at == 0 || header[at - 1] == ' ' || header[at - 1] == ';';
    at += needle.size();
    if (!starts_word) continue;
    if (at < header.size() && header[at] == '"') {
      const size_t end = header.find('"', at + 1);
      if (end == std::string_view::npos) return "";
      return std::string(header.substr(at + 1, end - at - 1));
    }
    const size_t end = header.find(';', at);
    return std::string(header.substr(at, end == std::string_view::npos ? end : end - at));
  }
  return "";
}

}  // namespace

std::optional<std::vector<FormPart>> ParseMultipart(std::string_view content_type,
                                                    std::string_view body) {
  if (!content_type.starts_with("multipart/form-data")) return std::nullopt;
  const std::string boundary = Parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 70) return std::nullopt;
  const std::string delimiter = "--" + boundary;
  size_t at = body.find(delimiter);
  if (at == std::string_view::npos) return std::nullopt;
  std::vector<FormPart> parts;
  while (true) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") return std::nullopt;
    at += 2;
    const size_t headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos) return std::nullopt;
    const std::string_view headers = body.substr(at, headers_end - at);
    const size_t data_start = headers_end + 4;
    const size_t next = body.find("\r\n" + delimiter, data_start);
    if (next == std::string_view::npos) return std::nullopt;
    FormPart part;
    size_t line_start = 0;
    while (line_start <= headers.size()) {
      const size_t line_end = headers.find("\r\n", line_start);
      const std::string_view line = headers.substr(
          line_start, line_end == std::string_view::npos ? line_end : line_end - line_start);
      std::string lower(line.substr(0, line.find(':')));
      for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if (lower == "content-disposition") {
        part.name = Parameter(line, "name");
        part.filename = Parameter(line, "filename");
      }
      if (line_end == std::string_view::npos) break;
      line_start = line_end + 2;
    }
    if (part.name.empty()) return std::nullopt;
    part.data = std::string(body.substr(data_start, next - data_start));
    parts.push_back(std::move(part));
    at = next + 2;
  }
}

}  // namespace orcazap::adapters::web
