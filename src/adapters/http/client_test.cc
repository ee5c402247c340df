#include "adapters/http/client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/http/running_server.h"

namespace orcazap::adapters::http {
namespace {

using ::testing::HasSubstr;
using testing::RunningServer;
using namespace std::chrono_literals;

// A port nothing listens on: bound, then released.
uint16_t UnusedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

TEST(Client, SendsMethodHeadersAndBodyAndReadsTheAnswer) {
  RunningServer running({}, [](const Request& request) {
    Response response =
        Response::Text(202, request.method + " " + request.path + " " +
                                std::string(request.Header("x-api-key")) + " " + request.body);
    response.headers.emplace_back("X-Answer", "Forty Two");
    return response;
  });
  Client client;
  for (std::string method : {"POST", "PUT", "DELETE", "PATCH"}) {
    auto result = client.Send(method, running.Url("/things"), {{"X-Api-Key", "k1"}}, "payload");
    ASSERT_TRUE(result.ok()) << result.error().ToString();
    EXPECT_EQ(result->status, 202);
    EXPECT_EQ(result->body, method + " /things k1 payload");
    EXPECT_THAT(result->headers,
                ::testing::Contains(std::pair<std::string, std::string>("x-answer", "Forty Two")));
  }
}

TEST(Client, AnErrorStatusIsAResponseNotAnError) {
  RunningServer running({}, [](const Request&) { return Response::Text(404, "nope"); });
  Client client;
  auto result = client.Get(running.Url("/missing"));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, 404);
  EXPECT_EQ(result->body, "nope");
}

TEST(Client, PostWithAnEmptyBodySendsZeroLength) {
  RunningServer running({}, [](const Request& request) {
    return Response::Text(200, "length=" + std::string(request.Header("content-length")));
  });
  Client client;
  auto result = client.Send("POST", running.Url("/"), {}, "");
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->body, "length=0");
}

TEST(Client, ConnectionRefusedIsTransientAndNamesTheUrl) {
  std::string url = "http://127.0.0.1:" + std::to_string(UnusedPort()) + "/x";
  Client client(5000ms);
  auto result = client.Get(url);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.error().is_transient());
  EXPECT_THAT(result.error().message(), HasSubstr(url));
}

TEST(Client, NoAnswerWithinTheTimeoutIsTransient) {
  RunningServer running({}, [](const Request&) {
    std::this_thread::sleep_for(1500ms);
    return Response::Text(200, "late");
  });
  Client client(200ms);
  auto result = client.Get(running.Url("/slow"));
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.error().is_transient());
  EXPECT_THAT(result.error().message(), HasSubstr("/slow"));
}

}  // namespace
}  // namespace orcazap::adapters::http
