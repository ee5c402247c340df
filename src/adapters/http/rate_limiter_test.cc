#include "adapters/http/rate_limiter.h"

#include <gtest/gtest.h>

namespace orcazap::adapters::http {
namespace {

using std::chrono::milliseconds;

TEST(RateLimiter, ABurstIsAllowedThenRefused) {
  RateLimiter limiter(1.0, 3.0);
  const auto now = RateLimiter::Clock::now();
  EXPECT_TRUE(limiter.Allow("1.2.3.4", now));
  EXPECT_TRUE(limiter.Allow("1.2.3.4", now));
  EXPECT_TRUE(limiter.Allow("1.2.3.4", now));
  EXPECT_FALSE(limiter.Allow("1.2.3.4", now));
  EXPECT_EQ(limiter.RetryAfterSeconds("1.2.3.4", now), 1);
}

TEST(RateLimiter, TokensComeBackAtTheRate) {
  RateLimiter limiter(2.0, 1.0);
  const auto now = RateLimiter::Clock::now();
  EXPECT_TRUE(limiter.Allow("a", now));
  EXPECT_FALSE(limiter.Allow("a", now + milliseconds(100)));
  EXPECT_TRUE(limiter.Allow("a", now + milliseconds(600)));
}

TEST(RateLimiter, EachClientHasItsOwnBucket) {
  RateLimiter limiter(1.0, 1.0);
  const auto now = RateLimiter::Clock::now();
  EXPECT_TRUE(limiter.Allow("a", now));
  EXPECT_FALSE(limiter.Allow("a", now));
  EXPECT_TRUE(limiter.Allow("b", now));
}

TEST(RateLimiter, ForgettingIdleClientsKeepsMemoryBoundedWithoutFreeingBusyOnes) {
  RateLimiter limiter(1.0, 2.0, /*max_keys=*/2);
  const auto now = RateLimiter::Clock::now();
  EXPECT_TRUE(limiter.Allow("busy", now));
  EXPECT_TRUE(limiter.Allow("busy", now));
  EXPECT_TRUE(limiter.Allow("idle", now));
  // Later: "idle" refilled and can be forgotten; "busy" was emptied again just now.
  const auto later = now + std::chrono::seconds(5);
  EXPECT_TRUE(limiter.Allow("busy", later));
  EXPECT_TRUE(limiter.Allow("busy", later));
  EXPECT_TRUE(limiter.Allow("new", later));
  EXPECT_FALSE(limiter.Allow("busy", later)) << "a busy client must not get a fresh bucket";
}

}  // namespace
}  // namespace orcazap::adapters::http
