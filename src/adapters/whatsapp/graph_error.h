#pragma once
// Meta's error answers, as every Graph API endpoint gives them:
// {"error":{"message":"...","type":"OAuthException","code":190,"error_subcode":463,...}}.

#include <cstdint>
#include <string>

namespace orcazap::adapters::whatsapp {

// The access token is invalid or expired: a new one is needed.
inline constexpr int64_t kGraphTokenInvalid = 190;

struct GraphError {
  int64_t code = 0;     // 0 when the body holds no error object
  std::string message;  // Meta's text, or "HTTP <status>" when there is none
};

// The error in an answer of the Graph API with status `http_status`.
GraphError ReadGraphError(long http_status, const std::string& body);

// Whether the same call may succeed later: HTTP 429 or 5xx, or a code of rate limits and
// temporary trouble (2, 4, 80007, 130429, 131000, 131056).
bool IsTransientGraphError(long http_status, int64_t code);

// "Graph API error <code> (HTTP <status>): <message>", for errors and logs.
std::string DescribeGraphError(long http_status, const GraphError& error);

}  // namespace orcazap::adapters::whatsapp
