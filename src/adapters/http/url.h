#pragma once
// Splitting and decoding of request targets ("/path?query"), shared by the server and tools.
// Pure functions: no allocation beyond the returned values, no I/O.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orcazap::adapters::http {

// Decodes %XX escapes; with plus_as_space (query strings), '+' becomes ' '. A malformed escape
// ("%G1", a trailing "%") is kept as it was sent.
std::string PercentDecode(std::string_view text, bool plus_as_space);

// Percent-encodes everything except unreserved characters (RFC 3986: A-Z a-z 0-9 - . _ ~).
std::string PercentEncode(std::string_view text);

// "a=1&b=x+y&c" -> {{"a","1"},{"b","x y"},{"c",""}}, decoded, in order; empty pieces skipped.
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query);

struct SplitTarget {
  std::string_view path;   // as sent, not decoded
  std::string_view query;  // after the first '?', without it; empty when there is none
};
SplitTarget SplitRequestTarget(std::string_view target);

}  // namespace orcazap::adapters::http
