#include "adapters/concurrency/priority_gate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace orcazap::adapters {
namespace {

using namespace std::chrono_literals;
using Priority = PriorityGate::Priority;

// Waits (generously) until `condition` holds.
template <typename Condition>
bool Eventually(Condition condition) {
  for (int i = 0; i < 2000 && !condition(); ++i) std::this_thread::sleep_for(5ms);
  return condition();
}

TEST(PriorityGate, AnUrgentCallerGoesBeforeOrdinaryOnesWaitingLonger) {
  PriorityGate gate;
  std::promise<void> release;
  std::atomic<bool> holding{false};
  std::thread holder([&] {
    gate.Hold(Priority::kOrdinary, [&] {
      holding = true;
      release.get_future().wait();
      return 0;
    });
  });
  ASSERT_TRUE(Eventually([&] { return holding.load(); }));

  std::mutex order_mu;
  std::vector<std::string> order;
  auto record = [&](std::string name) {
    std::lock_guard lock(order_mu);
    order.push_back(std::move(name));
  };
  std::atomic<int> started{0};
  std::vector<std::thread> waiters;
  for (int i = 0; i < 3; ++i) {
    waiters.emplace_back([&, i] {
      ++started;
      gate.Hold(Priority::kOrdinary, [&] { record("sign-up " + std::to_string(i)); });
    });
  }
  ASSERT_TRUE(Eventually([&] { return started == 3; }));
  std::this_thread::sleep_for(50ms);  // the three are waiting
  std::thread login([&] { gate.Hold(Priority::kUrgent, [&] { record("login"); }); });
  std::this_thread::sleep_for(50ms);  // so is the login
  release.set_value();
  holder.join();
  login.join();
  for (auto& waiter : waiters) waiter.join();
  ASSERT_EQ(order.size(), 4u);
  EXPECT_EQ(order[0], "login");
}

TEST(PriorityGate, OneHolderAtATimeAndTheGateFreesWhenWorkThrows) {
  PriorityGate gate;
  EXPECT_THROW(gate.Hold(Priority::kUrgent, []() -> int { throw std::runtime_error("boom"); }),
               std::runtime_error);
  std::atomic<int> inside{0};
  std::atomic<int> most{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        gate.Hold(t % 2 ? Priority::kUrgent : Priority::kOrdinary, [&] {
          const int now = ++inside;
          int seen = most.load();
          while (now > seen && !most.compare_exchange_weak(seen, now)) {
          }
          --inside;
        });
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(most.load(), 1);
  EXPECT_EQ(gate.Hold(Priority::kOrdinary, [] { return 7; }), 7);
}

}  // namespace
}  // namespace orcazap::adapters
