#pragma once
// A child process for integration tests: the real orcazap binaries, redis-server, ...
// stdout and stderr go to a log file that tests can read.

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace orcazap::testing {

class ChildProcess {
 public:
  // Starts `argv` with the current environment plus `env` (overriding), output to `log_path`.
  ChildProcess(std::vector<std::string> argv, std::map<std::string, std::string> env,
               std::string log_path);
  ~ChildProcess();  // SIGKILL if still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool Running();
  // SIGTERM, then waits up to `grace` before SIGKILL. Returns the exit status (-signal if killed).
  int Stop(std::chrono::milliseconds grace = std::chrono::milliseconds(10000));
  void Signal(int signal);
  // Waits for exit; returns the exit status, or nullopt-like -1000 on timeout.
  int Wait(std::chrono::milliseconds timeout);
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  int status_ = -1000;
  std::string log_path_;
};

// Runs a command to completion; returns {exit status, combined output}.
struct RunResult {
  int status = -1;
  std::string output;
};
RunResult RunCommand(std::vector<std::string> argv, std::map<std::string, std::string> env,
                     std::chrono::milliseconds timeout = std::chrono::milliseconds(60000));

// A TCP port on 127.0.0.1 that was free a moment ago, never one this process was given before.
int FreePort();

}  // namespace orcazap::testing
