#pragma once
// Per-client token buckets (e.g. webhook requests per IP): `rate_per_second` tokens refill
// continuously up to `burst`; a request takes one token or is refused.
//
// Thread-safe (one mutex guards the buckets). Memory is bounded: beyond `max_keys` clients, the
// buckets idle long enough to be full again are forgotten first.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace orcazap::adapters::http {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(double rate_per_second, double burst, size_t max_keys = 10000);

  // Takes a token for `key`; false when its bucket is empty.
  bool Allow(const std::string& key, Clock::time_point now = Clock::now());
  // Seconds until `key` has a token again (0 when it has one), for Retry-After.
  int RetryAfterSeconds(const std::string& key, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  void Refill(Bucket& bucket, Clock::time_point now) const;
  void ForgetFullBuckets(Clock::time_point now);

  const double rate_;
  const double burst_;
  const size_t max_keys_;
  std::mutex mutex_;  // guards buckets_
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace orcazap::adapters::http
