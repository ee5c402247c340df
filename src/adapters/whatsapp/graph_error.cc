#include "adapters/whatsapp/graph_error.h"

#include <nlohmann/json.hpp>

namespace orcazap::adapters::whatsapp {

GraphError ReadGraphError(long http_status, const std::string& body) {
  GraphError error{0, "HTTP " + std::to_string(http_status)};
  const nlohmann::json answer = nlohmann::json::parse(body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object() || !answer.contains("error") ||
      !answer["error"].is_object()) {
    return error;
  }
  const nlohmann::json& details = answer["error"];
  if (details.contains("code") && details["code"].is_number_integer()) {
    error.code = details["code"].get<int64_t>();
  }
  if (details.contains("message") && details["message"].is_string()) {
    error.message = details["message"].get<std::string>();
  }
  return error;
}

bool IsTransientGraphError(long http_status, int64_t code) {
  return http_status == 429 || http_status >= 500 || code == 2 || code == 4 || code == 80007 ||
         code == 130429 || code == 131000 || code == 131056;
}

std::string DescribeGraphError(long http_status, const GraphError& error) {
  return "Graph API error " + std::to_string(error.code) + " (HTTP " + std::to_string(http_status) +
         "): " + error.message;
}

}  // namespace orcazap::adapters::whatsapp
