// The login throttle's counts in a real Redis (session_store.h, service/accounts.h): attempts
// made at the same moment each get a count of their own, every count has the window's expiry,
// and a successful login is forgiven.

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "adapters/redis/redis.h"
#include "adapters/redis/session_store.h"
#include "tests/harness/stack.h"

namespace orcazap::testing {
namespace {

using adapters::redis::RedisConnection;
using adapters::redis::RedisSessionStore;
using adapters::redis::SessionSettings;

class LoginThrottleTest : public ::testing::Test {
 protected:
  LoginThrottleTest() {
    settings_.key_prefix = "test:" + std::to_string(randombytes_random()) + ":";
  }
  void TearDown() override {
    (void)redis_.Command(
        {"DEL", settings_.key_prefix + "login-fail:addr:203.0.113.5",
         settings_.key_prefix + "login-fail:acct:loja/ana@loja.com",
         settings_.key_prefix + "login-fail:acct-addr:loja/ana@loja.com|203.0.113.5"});
  }
  long long Ttl(const std::string& key) {
    auto ttl = redis_.Command({"TTL", settings_.key_prefix + key});
    EXPECT_TRUE(ttl.ok());
    return ttl.ok() ? ttl->integer : -100;
  }

  SessionSettings settings_;
  RedisConnection redis_{TestRedisSettings()};
};

TEST_F(LoginThrottleTest, AttemptsAtTheSameMomentEachGetACountOfTheirOwn) {
  constexpr int kThreads = 16;
  std::vector<int> by_account;
  std::vector<int> by_account_from_address;
  std::vector<int> by_address;
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      RedisSessionStore store(TestRedisSettings(), settings_);  // a connection each
      auto counted = store.CountAttempt("203.0.113.5", "loja/ana@loja.com");
      ASSERT_TRUE(counted.ok()) << counted.error().message();
      std::lock_guard lock(mu);
      by_account.push_back(counted->by_account);
      by_account_from_address.push_back(counted->by_account_from_address);
      by_address.push_back(counted->by_address);
    });
  }
  for (auto& thread : threads) thread.join();
  std::sort(by_account.begin(), by_account.end());
  std::sort(by_account_from_address.begin(), by_account_from_address.end());
  std::sort(by_address.begin(), by_address.end());
  std::vector<int> expected(kThreads);
  for (int i = 0; i < kThreads; ++i) expected[i] = i + 1;
  EXPECT_EQ(by_account, expected);
  EXPECT_EQ(by_account_from_address, expected);
  EXPECT_EQ(by_address, expected);
  // The counts expire with the window that their first attempt started.
  EXPECT_GT(Ttl("login-fail:acct:loja/ana@loja.com"), 0);
  EXPECT_LE(Ttl("login-fail:acct:loja/ana@loja.com"), settings_.failure_window.count());
  EXPECT_GT(Ttl("login-fail:addr:203.0.113.5"), 0);
  EXPECT_GT(Ttl("login-fail:acct-addr:loja/ana@loja.com|203.0.113.5"), 0);
}

TEST_F(LoginThrottleTest, SignUpsAreCountedPerAddressWithTheWindowsExpiry) {
  RedisSessionStore store(TestRedisSettings(), settings_);
  EXPECT_EQ(store.CountSignUp("203.0.113.5").value(), 1);
  EXPECT_EQ(store.CountSignUp("203.0.113.5").value(), 2);
  EXPECT_EQ(store.CountSignUp("203.0.113.6").value(), 1);
  EXPECT_GT(Ttl("signup:addr:203.0.113.5"), 0);
  (void)redis_.Command({"DEL", settings_.key_prefix + "signup:addr:203.0.113.5",
                        settings_.key_prefix + "signup:addr:203.0.113.6"});
}

TEST_F(LoginThrottleTest, ASuccessfulLoginIsForgiven) {
  RedisSessionStore store(TestRedisSettings(), settings_);
  ASSERT_TRUE(store.CountAttempt("203.0.113.5", "loja/ana@loja.com").ok());
  ASSERT_TRUE(store.CountAttempt("203.0.113.5", "loja/ana@loja.com").ok());
  ASSERT_TRUE(store.ForgiveAttempt("203.0.113.5", "loja/ana@loja.com").ok());
  auto next = store.CountAttempt("203.0.113.5", "loja/ana@loja.com");
  ASSERT_TRUE(next.ok()) << next.error().message();
  EXPECT_EQ(next->by_account_from_address, 1) << "the count from this address starts again";
  EXPECT_EQ(next->by_account, 2) << "the account keeps its one failed attempt";
  EXPECT_EQ(next->by_address, 2) << "the address keeps its one failed attempt";
}

}  // namespace
}  // namespace orcazap::testing
