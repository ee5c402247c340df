#pragma once
// SIGTERM/SIGINT handling for long-running commands: the signals are blocked in every thread
// and received by one watcher thread that runs `on_stop` once.

#include <functional>
#include <thread>

namespace orcazap::app {

class StopSignals {
 public:
  // Call before starting any other thread, so every thread inherits the blocked mask.
  explicit StopSignals(std::function<void()> on_stop);
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  std::thread watcher_;
};

}  // namespace orcazap::app
