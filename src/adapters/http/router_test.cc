#include "adapters/http/router.h"

#include <gtest/gtest.h>

namespace orcazap::adapters::http {
namespace {

Request From(std::string peer, std::string forwarded = "") {
  Request request;
  request.remote_ip = std::move(peer);
  if (!forwarded.empty()) request.headers.emplace_back("x-forwarded-for", std::move(forwarded));
  return request;
}

TEST(ClientAddress, BehindTheLocalProxyItIsTheAddressTheProxyAppended) {
  EXPECT_EQ(ClientAddress(From("127.0.0.1", "10.9.9.9, 203.0.113.7")), "203.0.113.7");
  EXPECT_EQ(ClientAddress(From("127.0.0.1")), "127.0.0.1");
}

TEST(ClientAddress, ARemotePeerCannotChooseItsAddressWithAHeader) {
  EXPECT_EQ(ClientAddress(From("198.51.100.4", "203.0.113.7")), "198.51.100.4");
}

TEST(RequestIdFor, KeepsASaneClientIdAndReplacesAnythingElse) {
  Request request;
  request.headers.emplace_back("x-request-id", "abc-123_x.y");
  EXPECT_EQ(RequestIdFor(request), "abc-123_x.y");
  request.headers[0].second = "bad id\nwith newline";
  EXPECT_EQ(RequestIdFor(request).size(), 16u);
}

}  // namespace
}  // namespace orcazap::adapters::http
