// orcazap-bench ready: runs a command the way systemd runs a Type=notify service (NOTIFY_SOCKET
// names a unix datagram socket this process owns) and measures the time from exec to READY=1;
// then stops the command with SIGTERM.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "tools/bench/commands.h"
#include "tools/bench/figures.h"

extern char** environ;

namespace orcazap::bench {
namespace {

using Clock = std::chrono::steady_clock;

// A bound unix datagram socket in a private temporary folder, removed on destruction.
class NotifySocket {
 public:
  NotifySocket() {
    char folder[] = "/tmp/orcazap-bench-XXXXXX";
    if (mkdtemp(folder) == nullptr) throw std::runtime_error("mkdtemp: " + Errno());
    folder_ = folder;
    path_ = folder_ + "/notify";
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::runtime_error("socket: " + Errno());
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path_.c_str(), sizeof address.sun_path - 1);
    if (bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      throw std::runtime_error("bind " + path_ + ": " + Errno());
    }
  }
  ~NotifySocket() {
    if (fd_ >= 0) close(fd_);
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  const std::string& path() const { return path_; }

  // Waits until a datagram holding the line READY=1 arrives; false after `deadline` or when
  // `gone()` says the sender is gone.
  bool WaitForReady(Clock::time_point deadline, const std::function<bool()>& gone) {
    while (Clock::now() < deadline && !gone()) {
      pollfd entry{fd_, POLLIN, 0};
      if (poll(&entry, 1, 20) <= 0) continue;
      char buffer[4096];
      const ssize_t size = recv(fd_, buffer, sizeof buffer - 1, 0);
      if (size <= 0) continue;
      const std::string message(buffer, static_cast<size_t>(size));
      if (("\n" + message + "\n").find("\nREADY=1\n") != std::string::npos) return true;
    }
    return false;
  }

 private:
  static std::string Errno() { return std::strerror(errno); }

  std::string folder_;
  std::string path_;
  int fd_ = -1;
};

// Starts `command` with NOTIFY_SOCKET set and its output appended to `log` (or discarded).
pid_t Spawn(const std::vector<std::string>& command, const std::string& notify_path,
            const std::string& log) {
  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (std::strncmp(*entry, "NOTIFY_SOCKET=", 14) != 0) environment.emplace_back(*entry);
  }
  environment.push_back("NOTIFY_SOCKET=" + notify_path);
  std::vector<char*> envp;
  for (auto& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = command;
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string output = log.empty() ? "/dev/null" : log;
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  const int failed = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (failed != 0) {
    throw std::runtime_error("cannot run " + command[0] + ": " + std::strerror(failed));
  }
  return pid;
}

// SIGTERM, then SIGKILL when it is still there after 10 s.
void Stop(pid_t pid) {
  kill(pid, SIGTERM);
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (waitpid(pid, nullptr, WNOHANG) == 0) {
    if (Clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

int RunReady(int argc, char** argv) {
  std::vector<std::string> command;
  std::string log;
  double timeout_seconds = 30;
  CLI::App cli(
      "Run COMMAND with NOTIFY_SOCKET set to a socket of ours; print the time from "
      "exec to READY=1, then stop it with SIGTERM.",
      "orcazap-bench ready");
  cli.add_option("--log", log, "append the command's output to this file (default: discard)");
  cli.add_option("--timeout", timeout_seconds, "give up after this many seconds")
      ->capture_default_str();
  cli.add_option("command", command, "the command and its arguments (after --)")->required();
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return cli.exit(error) == 0 ? 0 : 2;
  }
  try {
    NotifySocket socket;
    const auto started = Clock::now();
    const pid_t pid = Spawn(command, socket.path(), log);
    bool exited = false;
    const bool ready =
        socket.WaitForReady(started + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(timeout_seconds)),
                            [&] { return exited = waitpid(pid, nullptr, WNOHANG) == pid; });
    const double ready_ms =
        std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    if (!exited) Stop(pid);
    if (!ready) {
      std::fprintf(stderr, "orcazap-bench ready: %s %s before READY=1\n", command[0].c_str(),
                   exited ? "exited" : "timed out");
      return 1;
    }
    PrintFigures({{"benchmark", "ready"}, {"ready_ms", Round3(ready_ms)}});
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "orcazap-bench ready: %s\n", error.what());
    return 1;
  }
}

}  // namespace orcazap::bench
