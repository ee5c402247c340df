// A minimal `orcazap` with the process contract the systemd units rely on, so the deployment
// test exercises units, socket activation, watchdog and rollback before the real serve/worker
// exist. Contract (the real binary must honour the same):
//   serve   takes fd 3 when LISTEN_FDS=1 (else binds HTTP_LISTEN), sends READY=1 only once Redis
//           answers AUTH+PING and PostgreSQL accepts a TCP connection, pings WATCHDOG=1 at half
//           WATCHDOG_USEC, answers GET /health and GET /ready, sends STOPPING=1 on SIGTERM.
//   worker  READY=1 once Redis answers, watchdog pings, STOPPING=1 and exit 0 on SIGTERM.
//   migrate up | version   exit 0.
// Build: g++ -std=c++20 -O2 -o orcazap standin_orcazap.cc -lsystemd
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

volatile sig_atomic_t stop_requested = 0;
void OnTerm(int) { stop_requested = 1; }

std::string Env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v ? v : fallback;
}

int Connect(const std::string& host, int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host.c_str(), &a.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// redis://:PASSWORD@HOST:PORT/DB and postgresql://USER:PW@HOST:PORT/DB -> host, port, password
struct Endpoint {
  std::string host = "127.0.0.1", password;
  int port = 0;
};
Endpoint ParseUrl(const std::string& url, int default_port) {
  Endpoint e;
  e.port = default_port;
  std::string rest = url.substr(url.find("://") == std::string::npos ? 0 : url.find("://") + 3);
  rest = rest.substr(0, rest.find('/'));
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    std::string user = rest.substr(0, at);
    if (auto c = user.find(':'); c != std::string::npos) e.password = user.substr(c + 1);
    rest = rest.substr(at + 1);
  }
  if (auto c = rest.rfind(':'); c != std::string::npos) {
    e.port = std::atoi(rest.substr(c + 1).c_str());
    rest = rest.substr(0, c);
  }
  if (!rest.empty()) e.host = rest;
  return e;
}

bool RedisAnswers() {
  Endpoint e = ParseUrl(Env("REDIS_URL", "redis://127.0.0.1:6379/0"), 6379);
  int fd = Connect(e.host, e.port);
  if (fd < 0) return false;
  std::string cmd = e.password.empty() ? "PING\r\n" : "AUTH " + e.password + "\r\nPING\r\n";
  (void)!write(fd, cmd.data(), cmd.size());
  std::string got;
  char buf[256];
  for (int i = 0; i < 20 && got.find("PONG") == std::string::npos; ++i) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    got.append(buf, n);
  }
  close(fd);
  return got.find("PONG") != std::string::npos && got.find("-ERR") == std::string::npos &&
         got.find("-WRONGPASS") == std::string::npos;
}

bool PostgresAnswers() {
  Endpoint e = ParseUrl(Env("DATABASE_URL", "postgresql://127.0.0.1:5432/orcazap"), 5432);
  int fd = Connect(e.host, e.port);
  if (fd < 0) return false;
  close(fd);
  return true;
}

void WaitFor(bool (*check)(), const char* what) {
  while (!stop_requested && !check()) {
    sd_notifyf(0, "STATUS=waiting for %s", what);
    usleep(500 * 1000);
  }
}

class Watchdog {
 public:
  Watchdog() { enabled_ = sd_watchdog_enabled(0, &usec_) > 0; }
  void MaybePing() {
    auto now = std::chrono::steady_clock::now();
    if (enabled_ && now - last_ > std::chrono::microseconds(usec_ / 2)) {
      sd_notify(0, "WATCHDOG=1");
      last_ = now;
    }
  }

 private:
  bool enabled_ = false;
  uint64_t usec_ = 0;
  std::chrono::steady_clock::time_point last_{};
};

int ListenSocket() {
  if (sd_listen_fds(1) == 1) return SD_LISTEN_FDS_START;
  Endpoint e = ParseUrl("x://" + Env("HTTP_LISTEN", "127.0.0.1:8000"), 8000);
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(e.port);
  inet_pton(AF_INET, e.host.c_str(), &a.sin_addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(fd, 512) != 0) {
    std::perror("bind");
    std::exit(1);
  }
  return fd;
}

void Answer(int c, unsigned long served) {
  char buf[2048];
  ssize_t n = read(c, buf, sizeof buf - 1);
  std::string req(buf, n > 0 ? n : 0);
  bool known = req.rfind("GET /health", 0) == 0 || req.rfind("GET /ready", 0) == 0;
  std::string body = known ? "ok pid=" + std::to_string(getpid()) + " served=" + std::to_string(served) + "\n"
                           : "not found\n";
  std::string resp = std::string(known ? "HTTP/1.1 200 OK" : "HTTP/1.1 404 Not Found") +
                     "\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\n\r\n" + body;
  (void)!write(c, resp.data(), resp.size());
  close(c);
}

int Serve() {
  int lfd = ListenSocket();
  WaitFor(PostgresAnswers, "PostgreSQL");
  WaitFor(RedisAnswers, "Redis");
  Watchdog watchdog;
  sd_notifyf(0, "READY=1\nSTATUS=serving (e2e stand-in)\nMAINPID=%lu", (unsigned long)getpid());
  sd_journal_send("MESSAGE=orcazap serve ready", "PRIORITY=6", "ORCAZAP_EVENT=ready", nullptr);
  unsigned long served = 0;
  while (!stop_requested) {
    watchdog.MaybePing();
    pollfd p{lfd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    int c = accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC);
    if (c >= 0) Answer(c, served++);
  }
  sd_notify(0, "STOPPING=1");
  sd_journal_send("MESSAGE=orcazap serve drained", "ORCAZAP_EVENT=exit", "ORCAZAP_SERVED=%lu", served, nullptr);
  return 0;
}

int Work() {
  WaitFor(RedisAnswers, "Redis");
  Watchdog watchdog;
  sd_notify(0, "READY=1\nSTATUS=waiting for jobs (e2e stand-in)");
  while (!stop_requested) {
    watchdog.MaybePing();
    usleep(100 * 1000);
  }
  sd_notify(0, "STOPPING=1");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGTERM, OnTerm);
  std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "serve") return Serve();
  if (cmd == "worker") return Work();
  if (cmd == "migrate") {
    std::puts("migrations: current (e2e stand-in)");
    return 0;
  }
  if (cmd == "version") {
    std::puts("orcazap e2e stand-in");
    return 0;
  }
  std::fprintf(stderr, "usage: orcazap serve|worker|migrate up|version\n");
  return 2;
}
