#pragma once
// Reads what the Graph API stand-in (orcazap-graph-standin) received, oldest first, through
// its /_standin/messages API (see adapters/http/graph_standin.h). Not thread-safe.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "adapters/http/client.h"
#include "core/result.h"

namespace orcazap::bench {

struct SentMessage {
  int64_t seq = 0;
  std::string to;
  std::string body;
  int64_t received_at_ms = 0;  // Unix time, taken by the stand-in
};

class StandinFeed {
 public:
  explicit StandinFeed(std::string base_url);

  // Forgets every message received so far (DELETE /_standin/messages): Next() returns only
  // later ones.
  core::Status Clear();
  // Messages received since the previous call; waits up to `wait` for at least one.
  core::Result<std::vector<SentMessage>> Next(std::chrono::milliseconds wait);
  // Passes each new message to `each` until `enough()` holds or nothing came for `idle`. After
  // a poll that brought messages, waits `gather` before the next, so that polls under load bring
  // many messages each instead of one (the stand-in's and the generator's CPU is the benchmark's
  // too). Timings come from the stand-in's received_at_ms, which polling later leaves as it is.
  core::Status ReadUntil(const std::function<bool()>& enough, std::chrono::milliseconds idle,
                         const std::function<void(const SentMessage&)>& each,
                         std::chrono::milliseconds gather = std::chrono::milliseconds(50));

 private:
  std::string base_url_;
  int64_t after_seq_ = 0;
  adapters::http::Client client_;
};

}  // namespace orcazap::bench
