#pragma once
// Posts signed WhatsApp webhooks to `orcazap serve` over keep-alive HTTP/1.1 connections
// (Boost.Beast), all driven by one thread.
//
// Contract:
// 1. Each connection has at most one request in flight; the next body goes out only after the
//    answer to the previous one, so bodies given to one connection arrive in order.
// 2. Every body is signed with the target's secret ("X-Hub-Signature-256: sha256=<hex>").
// 3. A connection that fails (refused, reset, closed by the server) is reopened for its next
//    request; the failed request is answered with status 0.
// 4. Plans and callbacks run on the I/O thread: they need no locking but must not block.

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace orcazap::bench {

using Clock = std::chrono::steady_clock;

struct Target {
  std::string host;
  std::string port;
  std::string path;
  std::string secret;  // the app secret that signs bodies
};

// "http://HOST:PORT/PATH" -> host, port and path; throws std::invalid_argument otherwise.
Target ParseTarget(const std::string& url, std::string secret);

// Declares the options every command that posts to serve takes: --url and --secret, both required.
void AddTargetOptions(CLI::App& cli, std::string& url, std::string& secret);

struct PostOutcome {
  int status = 0;  // the HTTP status; 0 when no answer came (connect failure, reset, timeout)
  Clock::time_point started;   // when the request was handed to the connection
  Clock::time_point answered;  // when its answer (or failure) came
};

// What each connection sends, for RunClosedLoop.
class LoadPlan {
 public:
  virtual ~LoadPlan() = default;
  // The next body to post on `connection`, or nullopt when that connection is done.
  virtual std::optional<std::string> Next(int connection) = 0;
  // The outcome of the body Next() last gave for `connection`.
  virtual void Answered(int connection, const PostOutcome& outcome) = 0;
};

// Keeps `connections` connections busy with the plan's bodies; returns when the plan has
// finished every connection.
void RunClosedLoop(const Target& target, int connections, LoadPlan& plan);

struct PacedSchedule {
  double rate = 200;  // bodies per second
  int count = 0;      // body i is due at start + i / rate
  int connections = 16;
};

// Open loop: posts `body(i)` when it is due, on any idle connection (a due body waits for one
// when all are busy); `answered(i, due, outcome)` gets each outcome. Returns the system time at
// which body 0 was due, for comparing with timestamps taken by other processes.
std::chrono::system_clock::time_point RunPaced(
    const Target& target, const PacedSchedule& schedule,
    const std::function<std::string(int)>& body,
    const std::function<void(int, Clock::time_point, const PostOutcome&)>& answered);

}  // namespace orcazap::bench
