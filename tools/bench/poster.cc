#include "tools/bench/poster.h"

#include <CLI/CLI.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <deque>
#include <memory>
#include <stdexcept>
#include <vector>

#include "adapters/whatsapp/signature.h"

namespace orcazap::bench {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr auto kTimeout = std::chrono::seconds(30);

// One keep-alive connection with at most one request in flight.
class Connection {
 public:
  using Done = std::function<void(const PostOutcome&)>;

  Connection(asio::io_context& io, const Target& target, tcp::resolver::results_type endpoints)
      : target_(target), endpoints_(std::move(endpoints)), stream_(io) {}

  void Post(std::string body, Done done) {
    done_ = std::move(done);
    outcome_ = PostOutcome{};
    outcome_.started = Clock::now();
    request_ = {};
    request_.method(http::verb::post);
    request_.target(target_.path);
    request_.version(11);
    request_.set(http::field::host, target_.host + ":" + target_.port);
    request_.set(http::field::content_type, "application/json");
    request_.set("X-Hub-Signature-256", adapters::whatsapp::SignBody(target_.secret, body));
    request_.keep_alive(true);
    request_.body() = std::move(body);
    request_.prepare_payload();
    if (open_) return Write();
    stream_.expires_after(kTimeout);
    stream_.async_connect(endpoints_, [this](beast::error_code error, const tcp::endpoint&) {
      if (error) return Finish(0);
      open_ = true;
      stream_.socket().set_option(tcp::no_delay(true), error);
      Write();
    });
  }

 private:
  void Write() {
    stream_.expires_after(kTimeout);
    http::async_write(stream_, request_, [this](beast::error_code error, size_t) {
      if (error) return Finish(0);
      response_ = {};
      http::async_read(stream_, buffer_, response_, [this](beast::error_code read_error, size_t) {
        if (read_error) return Finish(0);
        if (!response_.keep_alive()) Close();
        Finish(response_.result_int());
      });
    });
  }

  void Finish(int status) {
    if (status == 0) Close();
    outcome_.status = status;
    outcome_.answered = Clock::now();
    Done done = std::move(done_);
    done(outcome_);  // may Post() the next body
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
    buffer_.clear();
    open_ = false;
  }

  const Target& target_;
  tcp::resolver::results_type endpoints_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
  PostOutcome outcome_;
  Done done_;
  bool open_ = false;
};

std::vector<std::unique_ptr<Connection>> OpenPool(asio::io_context& io, const Target& target,
                                                  int connections) {
  const auto endpoints = tcp::resolver(io).resolve(target.host, target.port);
  std::vector<std::unique_ptr<Connection>> pool;
  for (int i = 0; i < connections; ++i) {
    pool.push_back(std::make_unique<Connection>(io, target, endpoints));
  }
  return pool;
}

}  // namespace

Target ParseTarget(const std::string& url, std::string secret) {
  constexpr std::string_view kScheme = "http://";
  if (!url.starts_with(kScheme)) throw std::invalid_argument("not an http:// URL: " + url);
  const std::string rest = url.substr(kScheme.size());
  const size_t slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  const size_t colon = authority.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == authority.size()) {
    throw std::invalid_argument("the URL needs HOST:PORT: " + url);
  }
  return {authority.substr(0, colon), authority.substr(colon + 1),
          slash == std::string::npos ? "/" : rest.substr(slash), std::move(secret)};
}

void AddTargetOptions(CLI::App& cli, std::string& url, std::string& secret) {
  cli.add_option("--url", url, "the webhook URL, http://HOST:PORT/webhooks/whatsapp")->required();
  cli.add_option("--secret", secret, "WHATSAPP_APP_SECRET of the server")->required();
}

void RunClosedLoop(const Target& target, int connections, LoadPlan& plan) {
  asio::io_context io;
  auto pool = OpenPool(io, target, connections);
  std::function<void(int)> send_next = [&](int index) {
    std::optional<std::string> body = plan.Next(index);
    if (!body) return;
    pool[index]->Post(std::move(*body), [&, index](const PostOutcome& outcome) {
      plan.Answered(index, outcome);
      send_next(index);
    });
  };
  for (int i = 0; i < connections; ++i) send_next(i);
  io.run();
}

std::chrono::system_clock::time_point RunPaced(
    const Target& target, const PacedSchedule& schedule,
    const std::function<std::string(int)>& body,
    const std::function<void(int, Clock::time_point, const PostOutcome&)>& answered) {
  asio::io_context io;
  auto pool = OpenPool(io, target, schedule.connections);
  std::vector<int> idle;
  for (int i = schedule.connections - 1; i >= 0; --i) idle.push_back(i);
  std::deque<int> waiting;  // due bodies, oldest first
  const auto system_start = std::chrono::system_clock::now();
  const auto steady_start = Clock::now();
  auto offset = [&](int index) {
    return std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(index / schedule.rate));
  };

  std::function<void()> dispatch = [&] {
    while (!waiting.empty() && !idle.empty()) {
      const int index = waiting.front();
      waiting.pop_front();
      const int connection = idle.back();
      idle.pop_back();
      pool[connection]->Post(body(index), [&, index, connection](const PostOutcome& outcome) {
        answered(index, steady_start + offset(index), outcome);
        idle.push_back(connection);
        dispatch();
      });
    }
  };
  asio::steady_timer timer(io);
  int next = 0;
  std::function<void()> release_due = [&] {
    const auto now = Clock::now();
    while (next < schedule.count && steady_start + offset(next) <= now) waiting.push_back(next++);
    dispatch();
    if (next == schedule.count) return;
    timer.expires_at(steady_start + offset(next));
    timer.async_wait([&](beast::error_code) { release_due(); });
  };
  release_due();
  io.run();
  return system_start;
}

}  // namespace orcazap::bench
