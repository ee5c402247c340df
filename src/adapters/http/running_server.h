#pragma once
// Test support: a Server on 127.0.0.1 (any free port) running on its own thread, and plain
// blocking sockets to talk to it byte by byte. Header-only; included by *_test.cc only.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include "adapters/http/server.h"

namespace orcazap::adapters::http::testing {

class RunningServer {
 public:
  RunningServer(ServerSettings settings, Handler handler)
      : server_(WithLoopback(std::move(settings)), std::move(handler)),
        thread_([this] { server_.Run(); }) {}
  ~RunningServer() { StopAndWait(); }

  Server& server() { return server_; }
  uint16_t port() const { return server_.port(); }
  std::string Url(std::string_view target) const {
    return "http://127.0.0.1:" + std::to_string(port()) + std::string(target);
  }
  void StopAndWait() {
    server_.Stop();
    if (thread_.joinable()) thread_.join();
  }

 private:
  static ServerSettings WithLoopback(ServerSettings settings) {
    if (settings.listen_fd < 0) {
      settings.host = "127.0.0.1";
      settings.port = 0;
    }
    return settings;
  }

  Server server_;
  std::thread thread_;
};

// A connected TCP socket with generous receive timeout (a loaded machine is slow, never stuck).
class RawConnection {
 public:
  explicit RawConnection(uint16_t port, int timeout_seconds = 20) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket failed");
    timeval timeout{timeout_seconds, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
      throw std::runtime_error("connect failed");
    }
  }
  ~RawConnection() { close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // False when the peer is gone.
  bool Send(std::string_view data) {
    while (!data.empty()) {
      ssize_t sent = send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (sent <= 0) return false;
      data.remove_prefix(static_cast<size_t>(sent));
    }
    return true;
  }

  // One response: its head and a Content-Length body. Empty when the connection ended first.
  std::string ReadResponse() {
    for (;;) {
      size_t head_end = pending_.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        size_t total = head_end + 4 + ContentLength(pending_.substr(0, head_end));
        if (pending_.size() >= total) {
          std::string response = pending_.substr(0, total);
          pending_.erase(0, total);
          return response;
        }
      }
      if (!ReadMore()) return "";
    }
  }

  // True when the server closed the connection (EOF or reset) before the receive timeout.
  bool WaitForClose() {
    for (;;) {
      char buffer[4096];
      ssize_t got = recv(fd_, buffer, sizeof(buffer), 0);
      if (got == 0) return true;
      if (got < 0) return errno == ECONNRESET;
    }
  }

 private:
  static size_t ContentLength(const std::string& head) {
    for (std::string name : {"Content-Length: ", "content-length: "}) {
      size_t at = head.find(name);
      if (at != std::string::npos) return std::stoul(head.substr(at + name.size()));
    }
    return 0;
  }

  bool ReadMore() {
    char buffer[4096];
    ssize_t got = recv(fd_, buffer, sizeof(buffer), 0);
    if (got <= 0) return false;
    pending_.append(buffer, static_cast<size_t>(got));
    return true;
  }

  int fd_ = -1;
  std::string pending_;
};

}  // namespace orcazap::adapters::http::testing
