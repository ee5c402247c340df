#pragma once
// Threads that begin their work one after another: the thread of turn i begins once the thread
// of turn i - 1 is under way. The worker's job threads start so (worker_command.cc): each begins
// to consume jobs once the one before it has done its first, so that after a start the first
// jobs do not all at once pay for cold database connections and a catalog not yet loaded, each
// slowing the others down on the same cores (bench/ANALYSIS.md, "The first second").
//
// Contract:
// 1. WaitForTurn(0) returns at once; WaitForTurn(i) returns true once UnderWay(i - 1) was called
//    (turns are under way in order: turn i is under way only after its own wait returned).
// 2. After OpenAll every wait returns false at once: a stopping process's threads do not wait
//    for turns that will never come.
// 3. Thread-safe.

#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace orcazap::adapters {

class StartInTurn {
 public:
  // True when it is `turn`'s time to begin; false when OpenAll was called.
  bool WaitForTurn(size_t turn) {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return open_all_ || turn <= under_way_; });
    return !open_all_;
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
  std::mutex mu_;  // guards under_way_ and open_all_
  std::condition_variable changed_;
  size_t under_way_ = 0;  // turns below this may begin
  bool open_all_ = false;
};

}  // namespace orcazap::adapters
