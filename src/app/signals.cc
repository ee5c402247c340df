#include "app/signals.h"

#include <pthread.h>
#include <signal.h>

namespace orcazap::app {
namespace {

sigset_t StopSet() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGUSR2);  // private: wakes the watcher at destruction
  return set;
}

}  // namespace

StopSignals::StopSignals(std::function<void()> on_stop) {
  sigset_t set = StopSet();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  watcher_ = std::thread([set, on_stop = std::move(on_stop)] {
    int received = 0;
    sigwait(&set, &received);
    if (received != SIGUSR2) on_stop();
  });
}

StopSignals::~StopSignals() {
  pthread_kill(watcher_.native_handle(), SIGUSR2);
  watcher_.join();
}

}  // namespace orcazap::app
