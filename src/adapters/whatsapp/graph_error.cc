#include "adapters/whatsapp/graph_error.h"

#include <algorithm>
#include <iterator>
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
  constexpr int64_t kTransientCodes[] = {1,     2,      4,      17,     32,     613,   80007,
                                         80008, 131000, 131016, 133004, 130429, 131056};
  return http_status == 429 || http_status >= 500 ||
         std::find(std::begin(kTransientCodes), std::end(kTransientCodes), code) !=
             std::end(kTransientCodes);
}

std::string DescribeGraphError(long http_status, const GraphError& error) {
  return "Graph API error " + std::to_string(error.code) + " (HTTP " + std::to_string(http_status) +
         "): " + error.message;
}

}  // namespace orcazap::adapters::whatsapp
