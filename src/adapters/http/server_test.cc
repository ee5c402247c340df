#include "adapters/http/server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>

#include "adapters/http/client.h"
#include "adapters/http/running_server.h"

namespace orcazap::adapters::http {
namespace {

using ::testing::HasSubstr;
using testing::RawConnection;
using testing::RunningServer;
using ::testing::StartsWith;
using namespace std::chrono_literals;

Response Ok(const Request&) { return Response::Text(200, "ok"); }

// A one-shot flag a test thread can wait on (with a generous deadline).
class Signal {
 public:
  void Notify() {
    std::lock_guard lock(mu_);
    set_ = true;
    cv_.notify_all();
  }
  bool WaitFor(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [this] { return set_; });
  }

 private:
  std::mutex mu_;  // guards set_
  std::condition_variable cv_;
  bool set_ = false;
};

TEST(Server, HandlerSeesMethodPathQueryHeadersAndBody) {
  std::mutex mu;  // guards seen
  Request seen;
  RunningServer running({}, [&](const Request& request) {
    std::lock_guard lock(mu);
    seen = request;
    Response response = Response::Json(201, R"({"ok":true})");
    response.headers.emplace_back("X-Trace", "abc");
    return response;
  });
  Client client;
  auto result = client.Send("POST", running.Url("/a%20b/c?x=1&y=h%C3%A9llo+w&x=2&flag"),
                            {{"X-Test", "Value"}, {"Content-Type", "text/plain"}}, "hello body");
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->status, 201);
  EXPECT_EQ(result->body, R"({"ok":true})");
  EXPECT_THAT(result->headers, ::testing::Contains(std::pair<std::string, std::string>(
                                   "content-type", "application/json")));
  EXPECT_THAT(result->headers,
              ::testing::Contains(std::pair<std::string, std::string>("x-trace", "abc")));
  EXPECT_THAT(result->headers,
              ::testing::Contains(std::pair<std::string, std::string>("content-length", "11")));

  std::lock_guard lock(mu);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/a%20b/c?x=1&y=h%C3%A9llo+w&x=2&flag");
  EXPECT_EQ(seen.path, "/a b/c");
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(seen.query, (Pairs{{"x", "1"}, {"y", "héllo w"}, {"x", "2"}, {"flag", ""}}));
  EXPECT_EQ(seen.Query("x"), "1");
  EXPECT_EQ(seen.Header("X-TEST"), "Value");
  EXPECT_EQ(seen.Header("x-test"), "Value");
  EXPECT_EQ(seen.Header("missing"), "");
  EXPECT_EQ(seen.body, "hello body");
  EXPECT_EQ(seen.remote_ip, "127.0.0.1");
}

TEST(Server, BodyOverTheLimitGets413AndTheHandlerIsNotCalled) {
  std::atomic<int> calls{0};
  ServerSettings settings;
  settings.max_body_bytes = 1024;
  RunningServer running(settings, [&](const Request& request) {
    ++calls;
    return Ok(request);
  });
  RawConnection connection(running.port());
  std::string body(5000, 'x');
  connection.Send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n" + body);
  std::string response = connection.ReadResponse();
  EXPECT_THAT(response, StartsWith("HTTP/1.1 413"));
  EXPECT_THAT(response, HasSubstr("Connection: close"));
  EXPECT_TRUE(connection.WaitForClose());
  EXPECT_EQ(calls, 0);
}

TEST(Server, ChunkedBodyOverTheLimitGets413) {
  std::atomic<int> calls{0};
  ServerSettings settings;
  settings.max_body_bytes = 100;
  RunningServer running(settings, [&](const Request& request) {
    ++calls;
    return Ok(request);
  });
  RawConnection connection(running.port());
  std::string chunk(80, 'y');
  connection.Send("POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n50\r\n" +
                  chunk + "\r\n50\r\n" + chunk + "\r\n0\r\n\r\n");
  EXPECT_THAT(connection.ReadResponse(), StartsWith("HTTP/1.1 413"));
  EXPECT_EQ(calls, 0);
}

TEST(Server, APathAllowedALargerBodyGetsItAndNoOtherPathDoes) {
  std::atomic<int> calls{0};
  ServerSettings settings;
  settings.max_body_bytes = 100;
  settings.larger_bodies = {{"/upload", 1000}};
  RunningServer running(settings, [&](const Request& request) {
    ++calls;
    return Response::Text(200, "got " + std::to_string(request.body.size()));
  });
  const std::string body(500, 'x');
  {
    RawConnection connection(running.port());
    connection.Send("POST /upload?x=1 HTTP/1.1\r\nHost: t\r\nContent-Length: 500\r\n\r\n" + body);
    EXPECT_THAT(connection.ReadResponse(), HasSubstr("got 500"));
  }
  {
    RawConnection connection(running.port());
    connection.Send("POST /other HTTP/1.1\r\nHost: t\r\nContent-Length: 500\r\n\r\n" + body);
    EXPECT_THAT(connection.ReadResponse(), StartsWith("HTTP/1.1 413"));
  }
  {
    RawConnection connection(running.port());  // chunked: counted as it arrives
    connection.Send(
        "POST /other HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
        "1f4\r\n" +
        body + "\r\n0\r\n\r\n");
    EXPECT_THAT(connection.ReadResponse(), StartsWith("HTTP/1.1 413"));
  }
  {
    RawConnection connection(running.port());
    connection.Send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1500\r\n\r\n" +
                    std::string(1500, 'x'));
    EXPECT_THAT(connection.ReadResponse(), StartsWith("HTTP/1.1 413"));
  }
  EXPECT_EQ(calls, 1);
}

TEST(Server, ChunkedBodyWithinTheLimitReachesTheHandler) {
  RunningServer running(
      {}, [](const Request& request) { return Response::Text(200, "got " + request.body); });
  RawConnection connection(running.port());
  connection.Send(
      "POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  EXPECT_THAT(connection.ReadResponse(), HasSubstr("\r\n\r\ngot hello world"));
}

TEST(Server, HeadersOverTheLimitGet431) {
  ServerSettings settings;
  settings.max_header_bytes = 1024;
  RunningServer running(settings, Ok);
  RawConnection connection(running.port());
  connection.Send("GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(4000, 'z') + "\r\n\r\n");
  EXPECT_THAT(connection.ReadResponse(), StartsWith("HTTP/1.1 431"));
}

TEST(Server, MalformedRequestGets400) {
  RunningServer running({}, Ok);
  RawConnection connection(running.port());
  connection.Send("GET / HTTP/1.1\r\nHost t\r\n\r\n");
  EXPECT_THAT(connection.ReadResponse(), StartsWith("HTTP/1.1 400"));
}

TEST(Server, ClientTooSlowToSendARequestIsDisconnected) {
  std::atomic<int> calls{0};
  ServerSettings settings;
  settings.read_timeout = 300ms;
  RunningServer running(settings, [&](const Request& request) {
    ++calls;
    return Ok(request);
  });
  RawConnection connection(running.port());
  connection.Send("GET / HTTP/1.1\r\nHost: t\r\n");  // the blank line never comes
  EXPECT_TRUE(connection.WaitForClose());
  EXPECT_EQ(calls, 0);
}

TEST(Server, TricklingHeadersDoNotExtendTheReadTimeout) {
  ServerSettings settings;
  settings.read_timeout = 300ms;
  RunningServer running(settings, Ok);
  RawConnection connection(running.port());
  connection.Send("GET / HTTP/1.1\r\n");
  bool still_open = true;
  for (int i = 0; i < 200 && still_open; ++i) {  // one header every 50 ms, for up to 10 s
    std::this_thread::sleep_for(50ms);
    still_open = connection.Send("X-Slow-" + std::to_string(i) + ": 1\r\n");
  }
  EXPECT_TRUE(!still_open || connection.WaitForClose());
}

TEST(Server, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  ServerSettings settings;
  settings.idle_timeout = 300ms;
  RunningServer running(settings, Ok);
  RawConnection connection(running.port());
  connection.Send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_THAT(connection.ReadResponse(), StartsWith("HTTP/1.1 200"));
  EXPECT_TRUE(connection.WaitForClose());
}

TEST(Server, KeepAliveServesSeveralRequestsOnOneConnection) {
  std::atomic<int> calls{0};
  RunningServer running({}, [&](const Request& request) {
    return Response::Text(200, request.path + " #" + std::to_string(++calls));
  });
  RawConnection connection(running.port());
  connection.Send("GET /one HTTP/1.1\r\nHost: t\r\n\r\n");
  std::string first = connection.ReadResponse();
  EXPECT_THAT(first, HasSubstr("\r\n\r\n/one #1"));
  EXPECT_THAT(first, HasSubstr("Content-Length: 7"));
  EXPECT_THAT(first, ::testing::Not(HasSubstr("Connection: close")));
  // Two pipelined requests in one write.
  connection.Send("GET /two HTTP/1.1\r\nHost: t\r\n\r\nGET /three HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_THAT(connection.ReadResponse(), HasSubstr("\r\n\r\n/two #2"));
  EXPECT_THAT(connection.ReadResponse(), HasSubstr("\r\n\r\n/three #3"));
  connection.Send("GET /last HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  std::string last = connection.ReadResponse();
  EXPECT_THAT(last, HasSubstr("Connection: close"));
  EXPECT_TRUE(connection.WaitForClose());
}

TEST(Server, ExpectContinueGetsA100BeforeTheBody) {
  RunningServer running(
      {}, [](const Request& request) { return Response::Text(200, "got " + request.body); });
  RawConnection connection(running.port());
  connection.Send(
      "POST /e HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_THAT(connection.ReadResponse(), StartsWith("HTTP/1.1 100"));
  connection.Send("data");
  EXPECT_THAT(connection.ReadResponse(), HasSubstr("\r\n\r\ngot data"));
}

TEST(Server, HeadAnswersWithTheLengthButNoBody) {
  RunningServer running({}, [](const Request&) { return Response::Text(200, "twelve bytes"); });
  RawConnection connection(running.port());
  connection.Send("HEAD / HTTP/1.1\r\nHost: t\r\n\r\nGET / HTTP/1.1\r\nHost: t\r\n\r\n");
  // ReadResponse would wait for 12 body bytes after HEAD; read both answers as one stream.
  std::string head_answer = connection.ReadResponse();
  EXPECT_THAT(head_answer, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(head_answer, HasSubstr("Content-Length: 12"));
  // The "body" consumed above is the start of the GET answer, so it begins with HTTP/1.1.
  EXPECT_THAT(head_answer, HasSubstr("\r\n\r\nHTTP/1.1 200"));
}

TEST(Server, HandlerExceptionGives500AndIsReported) {
  std::mutex mu;  // guards reports
  std::vector<std::string> reports;
  ServerSettings settings;
  settings.on_error = [&](std::string_view message) {
    std::lock_guard lock(mu);
    reports.emplace_back(message);
  };
  RunningServer running(settings, [](const Request& request) -> Response {
    if (request.path == "/boom") throw std::runtime_error("database exploded");
    return Response::Text(200, "fine");
  });
  Client client;
  auto failed = client.Get(running.Url("/boom"));
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->status, 500);
  EXPECT_EQ(failed->body, "internal error\n");
  auto next = client.Get(running.Url("/fine"));  // the server (and connection) keep working
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->body, "fine");
  std::lock_guard lock(mu);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_THAT(reports[0], HasSubstr("/boom"));
  EXPECT_THAT(reports[0], HasSubstr("database exploded"));
}

TEST(Server, StopLetsTheRunningRequestFinishAndClosesIdleConnections) {
  Signal entered;
  RunningServer running({}, [&](const Request& request) {
    if (request.path == "/slow") {
      entered.Notify();
      std::this_thread::sleep_for(500ms);
      return Response::Text(200, "slow done");
    }
    return Ok(request);
  });
  RawConnection idle(running.port());
  idle.Send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_THAT(idle.ReadResponse(), StartsWith("HTTP/1.1 200"));

  RawConnection busy(running.port());
  busy.Send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_TRUE(entered.WaitFor(20s));
  running.server().Stop();
  std::string response = busy.ReadResponse();
  EXPECT_THAT(response, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(response, HasSubstr("Connection: close"));
  EXPECT_THAT(response, HasSubstr("slow done"));
  EXPECT_TRUE(busy.WaitForClose());
  EXPECT_TRUE(idle.WaitForClose());
  running.StopAndWait();  // Run() has returned

  Client client(2000ms);
  EXPECT_FALSE(client.Get(running.Url("/")).ok());  // no longer accepting
}

TEST(Server, StopAnswersTheFirstRequestOfAConnectionOpenedJustBefore) {
  Signal entered;
  RunningServer running({}, [&](const Request& request) {
    if (request.path == "/slow") {
      entered.Notify();
      std::this_thread::sleep_for(500ms);
    }
    return Ok(request);
  });
  RawConnection busy(running.port());  // keeps the drain going while the new client writes
  busy.Send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_TRUE(entered.WaitFor(20s));
  RawConnection fresh(running.port());  // accepted, its request not sent yet
  std::this_thread::sleep_for(100ms);   // the server has taken the connection
  running.server().Stop();
  std::this_thread::sleep_for(100ms);  // the drain has begun
  fresh.Send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
  std::string response = fresh.ReadResponse();
  EXPECT_THAT(response, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(response, HasSubstr("Connection: close"));
  EXPECT_TRUE(fresh.WaitForClose());
  EXPECT_THAT(busy.ReadResponse(), StartsWith("HTTP/1.1 200"));
  running.StopAndWait();
}

TEST(Server, StopAnswersAConnectionAcceptedBeforeTheDrainBegan) {
  RunningServer running({}, Ok);
  // The tick runs on the loop that accepts and drains: holding it open leaves the accepted
  // connection queued while Stop() is called, the moment a restart under load hits.
  Signal holding;
  Signal release;
  std::atomic<bool> held{false};
  running.server().SetTick(10ms, [&] {
    if (held.exchange(true)) return;
    holding.Notify();
    release.WaitFor(20s);
  });
  ASSERT_TRUE(holding.WaitFor(20s));
  RawConnection fresh(running.port());
  fresh.Send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
  std::this_thread::sleep_for(100ms);  // the kernel and the other I/O thread have taken it
  running.server().Stop();
  release.Notify();
  std::string response = fresh.ReadResponse();
  EXPECT_THAT(response, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(response, HasSubstr("Connection: close"));
  EXPECT_TRUE(fresh.WaitForClose());
  running.StopAndWait();
}

TEST(Server, StopBeforeRunMakesRunReturn) {
  ServerSettings settings;
  settings.port = 0;
  Server server(settings, Ok);
  server.Stop();
  server.Run();  // returns at once instead of serving
  SUCCEED();
}

TEST(Server, AdoptsAnAlreadyListeningSocket) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_EQ(listen(fd, 16), 0);
  socklen_t length = sizeof(address);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);

  ServerSettings settings;
  settings.listen_fd = fd;  // the server owns it from here
  RunningServer running(settings, [](const Request&) { return Response::Text(200, "adopted"); });
  EXPECT_EQ(running.port(), ntohs(address.sin_port));
  Client client;
  auto result = client.Get(running.Url("/"));
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->body, "adopted");
}

TEST(Server, FailedBindThrowsNamingTheAddress) {
  RunningServer first({}, Ok);
  ServerSettings settings;
  settings.port = first.port();
  try {
    Server second(settings, Ok);
    FAIL() << "bind to a port in use succeeded";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("127.0.0.1:" + std::to_string(first.port())));
  }
}

TEST(Server, ConnectionsBeyondTheCapAreClosed) {
  ServerSettings settings;
  settings.max_connections = 1;
  RunningServer running(settings, Ok);
  RawConnection first(running.port());
  first.Send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_THAT(first.ReadResponse(), StartsWith("HTTP/1.1 200"));  // its session is live
  RawConnection second(running.port());
  EXPECT_TRUE(second.WaitForClose());
  first.Send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_THAT(first.ReadResponse(), StartsWith("HTTP/1.1 200"));
}

TEST(Server, TickRunsPeriodically) {
  RunningServer running({}, Ok);
  std::atomic<int> ticks{0};
  Signal three;
  running.server().SetTick(10ms, [&] {
    if (++ticks == 3) three.Notify();
  });
  EXPECT_TRUE(three.WaitFor(20s));
}

TEST(Server, ManyConcurrentClients) {
  ServerSettings settings;
  settings.threads = 2;
  RunningServer running(settings, [](const Request& request) {
    return Response::Text(200, std::string(request.Query("n")));
  });
  std::vector<std::future<int>> clients;
  for (int c = 0; c < 8; ++c) {
    clients.push_back(std::async(std::launch::async, [&running, c] {
      Client client;
      int good = 0;
      for (int i = 0; i < 25; ++i) {
        std::string n = std::to_string(c * 100 + i);
        auto result = client.Get(running.Url("/?n=" + n));
        if (result.ok() && result->status == 200 && result->body == n) ++good;
      }
      return good;
    }));
  }
  for (auto& client : clients) EXPECT_EQ(client.get(), 25);
}

}  // namespace
}  // namespace orcazap::adapters::http
