// The only Beast translation unit of the HTTP server (each one costs ~700 MB of compiler memory).
//
// Shape: one io_context run by `threads` threads. The acceptor, the tick and the stop sequence
// live on one strand; each connection (Session) has its own strand, so the blocking handler
// ties up one thread and nothing else.
//
// Invariants:
// 1. A Session touches its socket only from its strand; others reach it by posting there.
// 2. Every live Session is in Core::sessions_ (it unregisters in its destructor), so the
//    connection cap and the stop sequence see all of them.
// 3. Run() returns when no work is left: the acceptor closed, every Session gone, the tick and
//    the drain timer cancelled (FinishDrain).
#include "adapters/http/server.h"

#include <sys/socket.h>

#include <array>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <utility>  // before any Asio header: Boost 1.74 + g++ 12 need std::exchange

#include "adapters/http/url.h"

namespace orcazap::adapters::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// How long a closing connection may keep sending (the rest of a rejected body) before it is
// cut: closing with unread data makes the kernel send RST, which can destroy our response.
constexpr std::chrono::milliseconds kLingerTimeout{1000};
constexpr size_t kReadChunk = 4096;
constexpr int kListenBacklog = 4096;
constexpr std::chrono::milliseconds kAcceptRetryDelay{50};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view ToStd(beast::string_view text) { return {text.data(), text.size()}; }

bool HasLineBreak(std::string_view text) { return text.find_first_of("\r\n") != text.npos; }

std::string AddressText(const tcp::endpoint& endpoint) {
  asio::ip::address address = endpoint.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  }
  return address.to_string();
}

class Session;

size_t LargestBody(const ServerSettings& settings) {
  size_t largest = settings.max_body_bytes;
  for (const auto& [path, limit] : settings.larger_bodies) largest = std::max(largest, limit);
  return largest;
}

class Core {
 public:
  Core(ServerSettings settings, Handler handler);
  ~Core() { destroying_ = true; }

  uint16_t port() const { return port_; }
  void SetTick(std::chrono::milliseconds period, std::function<void()> tick);
  void Run();
  void Stop();

  // For Sessions.
  const ServerSettings& settings() const { return settings_; }
  const Handler& handler() const { return handler_; }
  bool stopping() const { return stopping_; }
  // The body limit of a request target (ServerSettings::larger_bodies, else max_body_bytes),
  // and the largest of all (the limit while the header is read).
  size_t BodyLimitFor(std::string_view target) const {
    const std::string_view path = target.substr(0, target.find('?'));
    for (const auto& [larger_path, limit] : settings_.larger_bodies) {
      if (path == larger_path) return limit;
    }
    return settings_.max_body_bytes;
  }
  size_t largest_body() const { return largest_body_; }
  void Unregister(uint64_t id);
  void ReportError(std::string_view message) const;

 private:
  void Listen();
  void AdoptListeningSocket(int fd);
  void RunLoop();
  void Accept();
  void OnAccept(error_code ec, tcp::socket socket);
  void ScheduleTick();
  void BeginDrain();
  void FinishDrain();
  std::vector<std::shared_ptr<Session>> LiveSessions();

  ServerSettings settings_;
  size_t largest_body_;  // of max_body_bytes and larger_bodies
  Handler handler_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> destroying_{false};

  // Declared before ioc_: destroying ioc_ may destroy Sessions held by queued handlers, and
  // they unregister here.
  mutable std::mutex sessions_mu_;  // guards sessions_ and next_session_id_
  std::unordered_map<uint64_t, std::weak_ptr<Session>> sessions_;
  uint64_t next_session_id_ = 0;

  asio::io_context ioc_;
  asio::strand<asio::io_context::executor_type> strand_;  // everything below
  tcp::acceptor acceptor_;
  asio::steady_timer tick_timer_;
  asio::steady_timer drain_timer_;
  asio::steady_timer accept_retry_timer_;
  std::chrono::milliseconds tick_period_{0};
  std::function<void()> tick_;
  bool drain_started_ = false;
  bool drained_ = false;
  uint16_t port_ = 0;
};

// One connection: read a request, call the handler, write the response, repeat while
// keep-alive lasts.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Core& server, uint64_t id)
      : stream_(std::move(socket)), server_(server), id_(id) {
    error_code ec;
    stream_.socket().set_option(tcp::no_delay(true), ec);
    tcp::endpoint remote = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ip_ = AddressText(remote);
  }
  ~Session() { server_.Unregister(id_); }

  void Start() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] { self->ReadRequest(); });
  }
  // Stop: a connection waiting for (or reading) a request is closed; one in a handler or
  // writing finishes its response first and closes after it.
  // Closes the connection if it waits for a next request on a kept-alive connection. A new
  // connection is left to send its first request, which is answered (then closed): the client
  // sent it as soon as it connected, and closing it unanswered would lose an accepted request.
  void CloseIfIdle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->phase_ == Phase::kReading && self->idle_) self->CloseNow();
    });
  }
  void ForceClose() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->phase_ != Phase::kClosed) self->CloseNow();
    });
  }

 private:
  enum class Phase { kReading, kResponding, kLingering, kClosed };

  void ReadRequest() {
    // A kept-alive connection ends at a stop; a new one is left to send its first request.
    if (served_ > 0 && server_.stopping()) return Linger();
    phase_ = Phase::kReading;
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(server_.settings().max_header_bytes));
    // The largest any path allows: a Content-Length is checked against it as the header ends;
    // OnHeader then narrows it to the request's path.
    parser_->body_limit(server_.largest_body());
    if (served_ == 0 || buffer_.size() > 0) return ReadHeader();
    // Between keep-alive requests the idle timeout applies; the first byte starts the clock
    // of read_timeout for the whole request.
    stream_.expires_after(server_.settings().idle_timeout);
    idle_ = true;
    stream_.async_read_some(buffer_.prepare(kReadChunk),
                            beast::bind_front_handler(&Session::OnFirstBytes, shared_from_this()));
  }

  void OnFirstBytes(error_code ec, size_t bytes) {
    idle_ = false;
    if (phase_ == Phase::kClosed) return;  // closed by Stop() while the completion was queued
    if (ec) return CloseNow();
    buffer_.commit(bytes);
    ReadHeader();
  }

  void ReadHeader() {
    stream_.expires_after(server_.settings().read_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(error_code ec, size_t /*bytes*/) {
    if (phase_ == Phase::kClosed) return;
    if (ec) return OnReadError(ec);
    const auto target = parser_->get().target();
    const size_t limit = server_.BodyLimitFor(std::string_view(target.data(), target.size()));
    if (parser_->content_length().value_or(0) > limit) {
      return OnReadError(bhttp::error::body_limit);
    }
    parser_->body_limit(limit);
    if (parser_->is_done()) return Respond();
    auto expect = parser_->get()[bhttp::field::expect];
    if (beast::iequals(expect, "100-continue")) {
      continue_ = {bhttp::status::continue_, parser_->get().version()};
      bhttp::async_write(stream_, continue_,
                         beast::bind_front_handler(&Session::OnContinueSent, shared_from_this()));
      return;
    }
    ReadBody();
  }

  void OnContinueSent(error_code ec, size_t /*bytes*/) {
    if (ec) return CloseNow();
    ReadBody();
  }

  void ReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnBody, shared_from_this()));
  }

  void OnBody(error_code ec, size_t /*bytes*/) {
    if (phase_ == Phase::kClosed) return;
    if (ec) return OnReadError(ec);
    Respond();
  }

  void OnReadError(error_code ec) {
    if (ec == bhttp::error::body_limit) return Reject(413, "payload too large\n");
    if (ec == bhttp::error::header_limit) return Reject(431, "request header fields too large\n");
    // Other parse errors; end_of_stream, partial_message and the rest are the peer leaving.
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
      return Reject(400, "bad request\n");
    }
    CloseNow();
  }

  void Respond() {
    phase_ = Phase::kResponding;
    auto& message = parser_->get();
    unsigned version = message.version();
    bool keep_alive = message.keep_alive();
    bool head = message.method() == bhttp::verb::head;
    Request request = ToRequest(message);
    Response response = CallHandler(request);
    ++served_;
    Write(std::move(response), version, keep_alive && !server_.stopping(), head);
  }

  Request ToRequest(bhttp::request<bhttp::string_body>& message) {
    Request request;
    request.method = std::string(ToStd(message.method_string()));
    request.target = std::string(ToStd(message.target()));
    SplitTarget split = SplitRequestTarget(request.target);
    request.path = PercentDecode(split.path, false);
    request.query = ParseQuery(split.query);
    for (const auto& field : message) {
      request.headers.emplace_back(Lower(ToStd(field.name_string())),
                                   std::string(ToStd(field.value())));
    }
    request.body = std::move(message.body());
    request.remote_ip = remote_ip_;
    return request;
  }

  Response CallHandler(const Request& request) {
    std::string failure;
    try {
      Response response = server_.handler()(request);
      if (response.status >= 100 && response.status <= 999) return response;
      failure = "status " + std::to_string(response.status) + " is not an HTTP status";
    } catch (const std::exception& e) {
      failure = e.what();
    } catch (...) {
      failure = "unknown exception";
    }
    server_.ReportError("handler failed on " + request.method + " " + request.path + ": " +
                        failure);
    return Response::Text(500, "internal error\n");
  }

  void Write(Response response, unsigned version, bool keep_alive, bool head) {
    response_ = {};
    response_.version(version);
    response_.result(static_cast<unsigned>(response.status));
    if (!response.content_type.empty()) {
      response_.set(bhttp::field::content_type, response.content_type);
    }
    for (const auto& [name, value] : response.headers) {
      if (HasLineBreak(name) || HasLineBreak(value)) {
        server_.ReportError("response header dropped (line break in it): " + name);
        continue;
      }
      response_.insert(name, value);
    }
    response_.keep_alive(keep_alive);
    size_t length = response.body.size();
    if (!head) response_.body() = std::move(response.body);
    response_.content_length(length);
    stream_.expires_after(server_.settings().read_timeout);
    bhttp::async_write(
        stream_, response_,
        beast::bind_front_handler(&Session::OnWrite, shared_from_this(), keep_alive));
  }

  void OnWrite(bool keep_alive, error_code ec, size_t /*bytes*/) {
    if (ec) return CloseNow();
    if (!keep_alive || server_.stopping()) return Linger();
    ReadRequest();
  }

  // Answers a request that is not handled (too large, malformed) and closes the connection.
  void Reject(int status, std::string text) {
    phase_ = Phase::kResponding;
    unsigned version = parser_->get().version() == 10 ? 10 : 11;
    Write(Response::Text(status, std::move(text)), version, false, false);
  }

  // Closes our side, then reads and drops what the peer still sends, for a short while.
  void Linger() {
    phase_ = Phase::kLingering;
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTimeout);
    Discard();
  }

  void Discard() {
    stream_.async_read_some(asio::buffer(discard_),
                            [self = shared_from_this()](error_code ec, size_t) {
                              if (ec) return self->CloseNow();
                              self->Discard();
                            });
  }

  void CloseNow() {
    phase_ = Phase::kClosed;
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::empty_body> continue_;
  bhttp::response<bhttp::string_body> response_;
  std::array<char, kReadChunk> discard_;
  Core& server_;
  uint64_t id_;
  std::string remote_ip_;
  Phase phase_ = Phase::kReading;
  size_t served_ = 0;
  bool idle_ = false;  // waiting for the first byte of a next request on a kept-alive connection
};

Core::Core(ServerSettings settings, Handler handler)
    : settings_(std::move(settings)),
      largest_body_(LargestBody(settings_)),
      handler_(std::move(handler)),
      ioc_(std::max(1, settings_.threads)),
      strand_(asio::make_strand(ioc_)),
      acceptor_(strand_),
      tick_timer_(strand_),
      drain_timer_(strand_),
      accept_retry_timer_(strand_) {
  if (settings_.listen_fd >= 0) {
    AdoptListeningSocket(settings_.listen_fd);
  } else {
    Listen();
  }
  error_code ec;
  port_ = acceptor_.local_endpoint(ec).port();
}

void Core::Listen() {
  std::string where = settings_.host + ":" + std::to_string(settings_.port);
  auto fail = [&](const char* step, const error_code& ec) {
    throw std::runtime_error("http server: cannot " + std::string(step) + " " + where + ": " +
                             ec.message());
  };
  error_code ec;
  tcp::resolver resolver(ioc_);
  auto results = resolver.resolve(settings_.host, std::to_string(settings_.port),
                                  tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) fail("resolve", ec);
  tcp::endpoint endpoint = results.begin()->endpoint();
  if (acceptor_.open(endpoint.protocol(), ec)) fail("open a socket for", ec);
  if (acceptor_.set_option(asio::socket_base::reuse_address(true), ec)) fail("configure", ec);
  if (acceptor_.bind(endpoint, ec)) fail("bind", ec);
  if (acceptor_.listen(kListenBacklog, ec)) fail("listen on", ec);
}

void Core::AdoptListeningSocket(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  std::string what = "http server: cannot use listen_fd " + std::to_string(fd);
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error(what + ": " + std::strerror(errno));
  }
  if (address.ss_family != AF_INET && address.ss_family != AF_INET6) {
    throw std::runtime_error(what + ": not a TCP/IP socket");
  }
  error_code ec;
  acceptor_.assign(address.ss_family == AF_INET6 ? tcp::v6() : tcp::v4(), fd, ec);
  if (ec) throw std::runtime_error(what + ": " + ec.message());
}

void Core::SetTick(std::chrono::milliseconds period, std::function<void()> tick) {
  asio::post(strand_, [this, period, tick = std::move(tick)]() mutable {
    tick_period_ = std::max(period, std::chrono::milliseconds(1));
    tick_ = std::move(tick);
    ScheduleTick();
  });
}

void Core::ScheduleTick() {
  if (drained_ || !tick_) return;
  tick_timer_.expires_after(tick_period_);
  tick_timer_.async_wait([this](error_code ec) {
    if (ec) return;
    try {
      tick_();
    } catch (const std::exception& e) {
      ReportError(std::string("tick failed: ") + e.what());
    }
    ScheduleTick();
  });
}

void Core::Run() {
  asio::post(strand_, [this] { Accept(); });
  std::vector<std::thread> threads;
  for (int i = 1; i < settings_.threads; ++i) threads.emplace_back([this] { RunLoop(); });
  RunLoop();
  for (auto& thread : threads) thread.join();
}

void Core::RunLoop() {
  for (;;) {
    try {
      ioc_.run();
      return;
    } catch (const std::exception& e) {
      ReportError(std::string("I/O loop: ") + e.what());
    }
  }
}

void Core::Accept() {
  if (stopping_) return;
  acceptor_.async_accept(asio::make_strand(ioc_), [this](error_code ec, tcp::socket socket) {
    OnAccept(ec, std::move(socket));
  });
}

void Core::OnAccept(error_code ec, tcp::socket socket) {
  // A connection accepted before the drain began is served even if Stop() came in between:
  // its client may already have sent a request. BeginDrain runs on this strand, so the session
  // made here is registered before it looks, and is drained like the others.
  if (ec == asio::error::operation_aborted || drain_started_) return;
  if (ec) {
    if (stopping_ || !acceptor_.is_open()) return;
    // Out of descriptors or memory: retrying at once would spin.
    if (ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space ||
        ec == asio::error::no_memory) {
      ReportError("accept failed: " + ec.message());
      accept_retry_timer_.expires_after(kAcceptRetryDelay);
      accept_retry_timer_.async_wait([this](error_code wait_ec) {
        if (!wait_ec) Accept();
      });
      return;
    }
    return Accept();
  }
  std::shared_ptr<Session> session;
  {
    std::lock_guard lock(sessions_mu_);
    if (sessions_.size() < settings_.max_connections) {
      uint64_t id = next_session_id_++;
      session = std::make_shared<Session>(std::move(socket), *this, id);
      sessions_.emplace(id, session);
    }
  }
  if (session) {
    session->Start();
  } else {
    error_code ignored;
    socket.close(ignored);
  }
  Accept();
}

void Core::Stop() {
  stopping_ = true;
  asio::post(strand_, [this] { BeginDrain(); });
}

void Core::BeginDrain() {
  if (drain_started_) return;
  drain_started_ = true;
  error_code ignored;
  acceptor_.close(ignored);
  accept_retry_timer_.cancel();
  auto sessions = LiveSessions();
  if (sessions.empty()) return FinishDrain();
  for (auto& session : sessions) session->CloseIfIdle();
  drain_timer_.expires_after(settings_.stop_timeout);
  drain_timer_.async_wait([this](error_code ec) {
    if (ec) return;
    ReportError("stop: drain timed out, closing the remaining connections");
    for (auto& session : LiveSessions()) session->ForceClose();
  });
}

void Core::FinishDrain() {
  drained_ = true;
  tick_timer_.cancel();
  drain_timer_.cancel();
}

std::vector<std::shared_ptr<Session>> Core::LiveSessions() {
  std::vector<std::shared_ptr<Session>> live;
  std::lock_guard lock(sessions_mu_);
  for (auto& [id, weak] : sessions_) {
    if (auto session = weak.lock()) live.push_back(std::move(session));
  }
  return live;
}

void Core::Unregister(uint64_t id) {
  {
    std::lock_guard lock(sessions_mu_);
    sessions_.erase(id);
    if (!stopping_ || !sessions_.empty() || destroying_) return;
  }
  asio::post(strand_, [this] {
    if (drain_started_) FinishDrain();
  });
}

void Core::ReportError(std::string_view message) const {
  if (settings_.on_error) {
    try {
      settings_.on_error(message);
      return;
    } catch (...) {
      // Fall through to stderr: the report must not be lost.
    }
  }
  std::string line = "http server: " + std::string(message) + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace

class Server::Impl : public Core {
 public:
  using Core::Core;
};

Server::Server(ServerSettings settings, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(handler))) {}
Server::~Server() = default;
uint16_t Server::port() const { return impl_->port(); }
void Server::SetTick(std::chrono::milliseconds period, std::function<void()> tick) {
  impl_->SetTick(period, std::move(tick));
}
void Server::Run() { impl_->Run(); }
void Server::Stop() { impl_->Stop(); }

}  // namespace orcazap::adapters::http
