#pragma once
// A blocking HTTP client (libcurl) for outbound calls: the Graph API, and tests/tools.
// One Client per thread; it keeps connections alive between calls. Not thread-safe.

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace orcazap::adapters::http {

struct ClientResponse {
  long status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
};

class Client {
 public:
  explicit Client(std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // A response with any status is ok; kTransient when no response arrived (connect failure,
  // timeout, reset), marked outcome_unknown() unless the request certainly never left.
  core::Result<ClientResponse> Send(const std::string& method, const std::string& url,
                                    const std::vector<std::pair<std::string, std::string>>& headers,
                                    const std::string& body);
  core::Result<ClientResponse> Get(const std::string& url) { return Send("GET", url, {}, ""); }

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace orcazap::adapters::http
