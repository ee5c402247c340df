#pragma once
// A small HTTP/1.1 server (Boost.Beast) that calls one synchronous handler per request.
//
// Contract:
// 1. The handler runs on one of `threads` I/O threads and may block (it does database work);
//    size `threads` for the wanted concurrency. It must be thread-safe.
// 2. Limits are enforced before the handler runs: a body over max_body_bytes (or its path's
//    limit in larger_bodies) gets 413, headers
//    over max_header_bytes 431, a client slower than read_timeout to send a request is
//    disconnected, connections beyond max_connections are closed at once.
// 3. Stop() (any thread, also from a signal-watching thread): stops accepting, lets in-flight
//    requests finish and answer (keep-alive connections are closed after their current
//    request), then Run() returns. Idle connections are closed.
// 4. A failed bind or listen is reported by the constructor throwing std::runtime_error with
//    the address in the message (loud at start, never silent).
// 5. A handler that throws gets its client a 500 "internal error"; the exception text goes to
//    on_error (stderr when unset). The server keeps serving.
// 6. Every response carries Content-Length; "Connection: close" when the server closes after it.
//    A response is written within read_timeout too (a client that does not read is dropped).
// 7. Stop() is not async-signal-safe: call it from a thread that waits for signals (sigwait),
//    not from inside a signal handler. The drain is capped by stop_timeout, after which the
//    remaining connections are closed (a handler still running is waited for: it cannot be
//    interrupted). Run() is called once.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orcazap::adapters::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: path and query
  std::string path;    // target without the query, percent-decoded
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_ip;

  // First header with that name (case-insensitive), or empty.
  std::string_view Header(std::string_view name) const;
  // First query parameter with that name, or empty.
  std::string_view Query(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response Text(int status, std::string body);
  static Response Json(int status, std::string body);
};

using Handler = std::function<Response(const Request&)>;

struct ServerSettings {
  std::string host = "127.0.0.1";
  uint16_t port = 8000;  // 0 = any free port (see Server::port())
  int listen_fd = -1;    // an already-listening socket (systemd socket activation); when
                         // >= 0, host/port are ignored
  int threads = 2;
  size_t max_body_bytes = 1 << 20;
  // Paths (exact, without the query) whose bodies may be larger than max_body_bytes, e.g. a
  // file upload; every other path keeps max_body_bytes.
  std::vector<std::pair<std::string, size_t>> larger_bodies;
  size_t max_header_bytes = 16 << 10;
  std::chrono::milliseconds read_timeout{10000};  // whole request, headers and body
  std::chrono::milliseconds idle_timeout{30000};  // keep-alive between requests
  size_t max_connections = 1024;
  std::chrono::milliseconds stop_timeout{10000};  // Stop(): drain cap before closing everything
  // Problems nobody else sees (a handler threw, accept failed); called from I/O threads.
  // Unset: one line on stderr.
  std::function<void(std::string_view)> on_error;
};

class Server {
 public:
  Server(ServerSettings settings, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port actually bound (useful with port 0).
  uint16_t port() const;
  // Runs `tick` every `period` on the I/O loop, while the loop is alive (watchdog pings). It
  // does not fire while every I/O thread is busy in a handler. Call before or during Run().
  void SetTick(std::chrono::milliseconds period, std::function<void()> tick);
  // Serves until Stop(); returns after the drain.
  void Run();
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace orcazap::adapters::http
