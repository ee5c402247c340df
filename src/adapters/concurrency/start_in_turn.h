#pragma once
// Threads that begin their work one after another. The worker's job threads start so
// (worker_command.cc): each begins to consume jobs once the one before it has done its first,
// so that after a start the first jobs do not all at once pay for cold database connections and
// a catalog not yet loaded, each slowing the others down on the same cores (bench/ANALYSIS.md,
// "The first second").
//
// Contract:
// 1. Turns begin in order: turn 0 at once, turn i once turn i - 1 has begun and is under way
//    (UnderWay(i - 1)), or `patience` after turn i - 1 began, whichever comes first; so one
//    turn whose first piece of work hangs holds the next back for at most `patience`.
// 2. WaitForTurn(i) returns true when turn i begins. After OpenAll every wait returns false at
//    once: a stopping process's threads do not wait for turns that will never come.
// 3. Thread-safe.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace orcazap::adapters {

class StartInTurn {
 public:
  using Clock = std::chrono::steady_clock;

  explicit StartInTurn(Clock::duration patience) : patience_(patience) {}

  // True when it is `turn`'s time to begin; false when OpenAll was called.
  bool WaitForTurn(size_t turn) {
    std::unique_lock lock(mu_);
    while (!open_all_) {
      if (begun_ == turn) {
        const bool ready = turn == 0 || under_way_ >= turn;
        if (ready || Clock::now() >= last_begun_at_ + patience_) {
          begun_ = turn + 1;
          last_begun_at_ = Clock::now();
          changed_.notify_all();
          return true;
        }
        changed_.wait_until(lock, last_begun_at_ + patience_);
      } else {
        changed_.wait(lock);
      }
    }
    return false;
  }

  // `turn` is under way: the next turn may begin.
  void UnderWay(size_t turn) {
    {
      std::lock_guard lock(mu_);
      if (turn + 1 > under_way_) under_way_ = turn + 1;
    }
    changed_.notify_all();
  }

  void OpenAll() {
    {
      std::lock_guard lock(mu_);
      open_all_ = true;
    }
    changed_.notify_all();
  }

 private:
  const Clock::duration patience_;
  std::mutex mu_;  // guards the fields below
  std::condition_variable changed_;
  size_t begun_ = 0;      // turns below this have begun
  size_t under_way_ = 0;  // turns below this are under way
  Clock::time_point last_begun_at_{};
  bool open_all_ = false;
};

}  // namespace orcazap::adapters
