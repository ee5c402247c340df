#pragma once
// Group commit: callers on many threads each submit one request and block for its result; the
// requests that arrive while earlier ones are being written are written together, in one
// statement and one commit (one WAL flush), by one of the waiting callers. No thread of its own.
//
// Contract:
// 1. Submit returns the result `write` gave for that very request; `write` gets the requests in
//    arrival order and returns one result per request, in the same order (a shorter answer is a
//    bug and is reported to every request of the batch as a permanent error).
// 2. A request alone is written at once: batching never waits for company. At most
//    `max_in_flight` batches are written at the same time, each of at most `max_batch` requests;
//    requests arriving meanwhile queue and form the next batch.
// 3. `write` runs on a submitting thread without the lock held; it must be thread-safe when
//    max_in_flight > 1.

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "core/result.h"

namespace orcazap::adapters {

template <typename Request, typename Response>
class GroupCommit {
 public:
  using Results = std::vector<core::Result<Response>>;
  using Write = std::function<Results(const std::vector<const Request*>&)>;

  GroupCommit(int max_batch, int max_in_flight, Write write)
      : max_batch_(std::max(1, max_batch)),
        max_in_flight_(std::max(1, max_in_flight)),
        write_(std::move(write)) {}

  struct Stats {
    long batches = 0;   // calls of `write`
    long requests = 0;  // requests written
    size_t largest = 0;
    size_t waiting = 0;  // requests queued now, not yet taken into a batch
  };
  Stats stats() {
    std::lock_guard lock(mutex_);
    Stats now = stats_;
    now.waiting = pending_.size();
    return now;
  }

  core::Result<Response> Submit(const Request& request) {
    Slot slot{&request};
    std::unique_lock lock(mutex_);
    pending_.push_back(&slot);
    while (!slot.result) {
      if (in_flight_ < max_in_flight_ && !pending_.empty()) {
        LeadOneBatch(lock);
      } else {
        slot.wake.wait(lock);
      }
    }
    return std::move(*slot.result);
  }

 private:
  // One per waiting caller: it is woken only when its result is ready or when it may lead the
  // next batch, never by other callers' results.
  struct Slot {
    const Request* request;
    std::optional<core::Result<Response>> result;
    std::condition_variable wake;
  };

  // Wakes the oldest waiting caller when a batch could start now, so that it leads it.
  void WakeNextLeader() {
    if (in_flight_ < max_in_flight_ && !pending_.empty()) pending_.front()->wake.notify_one();
  }

  // Takes the oldest pending requests, writes them unlocked, hands the results out.
  void LeadOneBatch(std::unique_lock<std::mutex>& lock) {
    const size_t count = std::min(pending_.size(), static_cast<size_t>(max_batch_));
    std::vector<Slot*> batch(pending_.begin(), pending_.begin() + static_cast<long>(count));
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<long>(count));
    std::vector<const Request*> requests;
    requests.reserve(batch.size());
    for (const Slot* slot : batch) requests.push_back(slot->request);
    ++in_flight_;
    WakeNextLeader();  // another batch may be written at the same time
    lock.unlock();
    Results results = write_(requests);
    lock.lock();
    --in_flight_;
    ++stats_.batches;
    stats_.requests += static_cast<long>(batch.size());
    stats_.largest = std::max(stats_.largest, batch.size());
    for (size_t i = 0; i < batch.size(); ++i) {
      if (i < results.size()) {
        batch[i]->result.emplace(std::move(results[i]));
      } else {
        batch[i]->result.emplace(
            core::Error::Permanent("group commit: the writer answered fewer requests than given"));
      }
      batch[i]->wake.notify_one();
    }
    WakeNextLeader();
  }

  const int max_batch_;
  const int max_in_flight_;
  const Write write_;
  std::mutex mutex_;  // guards pending_, in_flight_ and the slots' results
  std::deque<Slot*> pending_;
  int in_flight_ = 0;
  Stats stats_;
};

}  // namespace orcazap::adapters
