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

// Whether the same call may succeed later, for every call OrcaZap makes (a send is retried with
// backoff, a channel check is "try again"): HTTP 429 or 5xx; Meta's unknown and temporary errors
// (1: "possibly temporary", 2, 131000, 131016, 133004); its rate limits of apps, users, pages,
// business accounts and phone numbers (4, 17, 32, 613, 80007, 80008, 130429, 131056).
bool IsTransientGraphError(long http_status, int64_t code);

// "Graph API error <code> (HTTP <status>): <message>", for errors and logs.
std::string DescribeGraphError(long http_status, const GraphError& error);

}  // namespace orcazap::adapters::whatsapp
