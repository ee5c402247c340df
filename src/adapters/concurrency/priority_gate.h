#pragma once
// One holder at a time, and a waiting urgent caller goes before every waiting ordinary one.
// The password hasher's gate: a login's check (urgent) never queues behind sign-ups' hashing
// (ordinary), which anyone can start from many addresses at once.
//
// Contract:
// 1. At most one caller holds the gate; Hold blocks until this caller's turn and releases the
//    gate when `work` returns or throws.
// 2. When the gate frees, an urgent waiter takes it if there is one; an ordinary waiter only when
//    no urgent one waits. Ordinary callers may wait as long as urgent ones keep coming.

#include <condition_variable>
#include <mutex>
#include <utility>

namespace orcazap::adapters {

class PriorityGate {
 public:
  enum class Priority { kUrgent, kOrdinary };

  template <typename Work>
  auto Hold(Priority priority, Work&& work) {
    Enter(priority);
    struct Leave {
      PriorityGate* gate;
      ~Leave() { gate->Exit(); }
    } leave{this};
    return std::forward<Work>(work)();
  }

 private:
  void Enter(Priority priority) {
    std::unique_lock lock(mu_);
    if (priority == Priority::kUrgent) {
      ++urgent_waiting_;
      freed_.wait(lock, [this] { return !held_; });
      --urgent_waiting_;
    } else {
      freed_.wait(lock, [this] { return !held_ && urgent_waiting_ == 0; });
    }
    held_ = true;
  }

  void Exit() {
    {
      std::lock_guard lock(mu_);
      held_ = false;
    }
    freed_.notify_all();
  }

  std::mutex mu_;  // guards held_ and urgent_waiting_
  std::condition_variable freed_;
  bool held_ = false;
  int urgent_waiting_ = 0;
};

}  // namespace orcazap::adapters
