#include "adapters/concurrency/start_in_turn.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace orcazap::adapters {
namespace {

using namespace std::chrono_literals;

// Waits (generously) until `condition` holds.
template <typename Condition>
bool Eventually(Condition condition) {
  for (int i = 0; i < 2000 && !condition(); ++i) std::this_thread::sleep_for(1ms);
  return condition();
}

TEST(StartInTurn, EachTurnBeginsOnlyOnceTheOneBeforeIsUnderWay) {
  StartInTurn turns(std::chrono::hours(1));
  std::mutex order_mu;
  std::vector<size_t> began;  // guarded by order_mu
  std::atomic<size_t> began_count{0};
  std::atomic<size_t> waiting{0};
  std::vector<std::thread> threads;
  struct JoinAll {  // also when an assertion ends the test early
    StartInTurn& turns;
    std::vector<std::thread>& threads;
    ~JoinAll() {
      turns.OpenAll();
      for (auto& thread : threads) thread.join();
    }
  } join_all{turns, threads};
  for (size_t turn = 3; turn >= 1; --turn) {  // the later turns wait first
    threads.emplace_back([&, turn] {
      ++waiting;
      if (!turns.WaitForTurn(turn)) return;
      std::lock_guard lock(order_mu);
      began.push_back(turn);
      ++began_count;
    });
  }
  ASSERT_TRUE(Eventually([&] { return waiting == 3; }));
  EXPECT_TRUE(turns.WaitForTurn(0));  // the first turn never waits
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(began_count, 0U) << "a turn began before turn 0 was under way";
  for (size_t turn = 0; turn < 3; ++turn) {
    turns.UnderWay(turn);
    ASSERT_TRUE(Eventually([&] { return began_count == turn + 1; }));
    std::this_thread::sleep_for(20ms);  // no later turn follows on its own
    std::lock_guard lock(order_mu);
    ASSERT_EQ(began.size(), turn + 1);
    EXPECT_EQ(began.back(), turn + 1);
  }
}

TEST(StartInTurn, OpenAllReleasesEveryWaiterWithFalse) {
  StartInTurn turns(std::chrono::hours(1));
  std::atomic<int> released{0};
  std::vector<std::thread> threads;
  for (size_t turn = 1; turn <= 2; ++turn) {
    threads.emplace_back([&, turn] {
      if (!turns.WaitForTurn(turn)) ++released;
    });
  }
  std::this_thread::sleep_for(20ms);
  EXPECT_EQ(released, 0);
  turns.OpenAll();
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(released, 2);
  EXPECT_FALSE(turns.WaitForTurn(5));
}

TEST(StartInTurn, ATurnNotUnderWayHoldsTheNextBackForAtMostThePatience) {
  StartInTurn turns(50ms);
  std::vector<StartInTurn::Clock::time_point> began(3);
  std::vector<std::thread> threads;
  for (size_t turn = 0; turn < 3; ++turn) {
    threads.emplace_back([&, turn] {
      EXPECT_TRUE(turns.WaitForTurn(turn));
      began[turn] = StartInTurn::Clock::now();  // and never under way
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_GE(began[1] - began[0], 50ms);
  EXPECT_GE(began[2] - began[1], 50ms);
}

}  // namespace
}  // namespace orcazap::adapters
