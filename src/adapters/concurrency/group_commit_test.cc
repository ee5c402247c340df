#include "adapters/concurrency/group_commit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace orcazap::adapters {
namespace {

using Commit = GroupCommit<int, std::string>;

TEST(GroupCommit, ALoneRequestIsWrittenAtOnceAndGetsItsOwnResult) {
  std::vector<size_t> batch_sizes;
  Commit commit(8, 1, [&](const std::vector<const int*>& requests) {
    batch_sizes.push_back(requests.size());
    Commit::Results results;
    for (const int* request : requests) results.emplace_back("r" + std::to_string(*request));
    return results;
  });
  auto result = commit.Submit(7);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, "r7");
  EXPECT_EQ(batch_sizes, std::vector<size_t>{1});
}

TEST(GroupCommit, RequestsArrivingDuringAWriteAreWrittenTogetherEachGettingItsOwnResult) {
  std::mutex mutex;
  std::vector<size_t> batch_sizes;
  std::atomic<int> concurrent = 0;
  std::atomic<int> most_concurrent = 0;
  Commit commit(16, 1, [&](const std::vector<const int*>& requests) {
    const int now = ++concurrent;
    most_concurrent = std::max(most_concurrent.load(), now);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a slow commit
    {
      std::lock_guard lock(mutex);
      batch_sizes.push_back(requests.size());
    }
    Commit::Results results;
    for (const int* request : requests) {
      if (*request % 10 == 3) {
        results.emplace_back(core::Error::InvalidInput("bad " + std::to_string(*request)));
      } else {
        results.emplace_back("r" + std::to_string(*request));
      }
    }
    --concurrent;
    return results;
  });
  constexpr int kThreads = 40;
  std::vector<std::string> answers(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      auto result = commit.Submit(i);
      answers[i] = result.ok() ? *result : "error: " + result.error().message();
    });
  }
  for (auto& thread : threads) thread.join();
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(answers[i],
              i % 10 == 3 ? "error: bad " + std::to_string(i) : "r" + std::to_string(i));
  }
  EXPECT_EQ(most_concurrent.load(), 1);
  size_t total = 0;
  for (size_t size : batch_sizes) {
    EXPECT_LE(size, 16u);
    total += size;
  }
  EXPECT_EQ(total, static_cast<size_t>(kThreads));
  EXPECT_LT(batch_sizes.size(), static_cast<size_t>(kThreads)) << "nothing was batched";
}

TEST(GroupCommit, SeveralBatchesMayBeInFlightUpToTheLimit) {
  std::atomic<int> concurrent = 0;
  std::atomic<int> most_concurrent = 0;
  Commit commit(1, 3, [&](const std::vector<const int*>& requests) {
    const int now = ++concurrent;
    most_concurrent = std::max(most_concurrent.load(), now);
    // Long enough for another batch to start beside this one, even on a busy machine.
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
    while (concurrent.load() < 2 && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    most_concurrent = std::max(most_concurrent.load(), concurrent.load());
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    --concurrent;
    return Commit::Results(requests.size(), std::string("ok"));
  });
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i) threads.emplace_back([&, i] { EXPECT_TRUE(commit.Submit(i).ok()); });
  for (auto& thread : threads) thread.join();
  EXPECT_LE(most_concurrent.load(), 3);
  EXPECT_GE(most_concurrent.load(), 2);
}

TEST(GroupCommit, AWriterAnsweringTooFewRequestsFailsTheRestInsteadOfHanging) {
  Commit commit(8, 1, [](const std::vector<const int*>&) { return Commit::Results{}; });
  auto result = commit.Submit(1);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), core::ErrorCode::kPermanent);
}

}  // namespace
}  // namespace orcazap::adapters
