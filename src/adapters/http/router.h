#pragma once
// Routes requests by method and exact path, and wraps every request with its request id
// (X-Request-Id when the client sent a sane one, else a new one), an access log line and a
// catch-all that turns an escaped exception into a logged 500.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "adapters/http/server.h"

namespace orcazap::adapters::http {

// Answers the requests it claims (e.g. every request for the admin panel's hosts); nullopt
// leaves the request to the routes.
using FrontHandler = std::function<std::optional<Response>(const Request&)>;

class Router {
 public:
  void Add(std::string method, std::string path, Handler handler);
  // Consulted before the routes.
  void SetFront(FrontHandler front) { front_ = std::move(front); }
  // The handler to give the Server.
  Response Handle(const Request& request) const;

 private:
  struct Route {
    std::string method;
    std::string path;
    Handler handler;
  };
  std::vector<Route> routes_;
  FrontHandler front_;
};

// The client's address: the last X-Forwarded-For entry when the peer is the local proxy (nginx
// on loopback appends the address it saw), else the peer's address.
std::string ClientAddress(const Request& request);

// The request id to use for a request: the client's X-Request-Id when it is 1..64 characters
// of [A-Za-z0-9._-], else a new random one.
std::string RequestIdFor(const Request& request);

}  // namespace orcazap::adapters::http
