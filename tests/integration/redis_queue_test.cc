// The Redis adapter against a real Redis (OZ_TEST_REDIS_URL): pipelined commands answer each in
// order, and jobs enqueued by many threads at once are written together, each exactly once
// (redis.h, RedisJobQueue).

#include <gtest/gtest.h>
#include <sodium.h>

#include <atomic>
#include <cstdlib>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "adapters/redis/redis.h"
#include "tests/harness/stack.h"

namespace orcazap::testing {
namespace {

using adapters::redis::QueueSettings;
using adapters::redis::RedisConnection;
using adapters::redis::RedisJobConsumer;
using adapters::redis::RedisJobQueue;
using adapters::redis::RedisSettings;
using adapters::redis::Reply;

// A stream name of this test's own, deleted at the end.
class RedisQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    queue_.stream = "test:queue:" + std::to_string(randombytes_random());
    queue_.consumer = "test-consumer";
  }
  void TearDown() override {
    (void)connection_.Command({"DEL", queue_.stream, queue_.delayed(), queue_.dead()});
  }

  RedisConnection connection_{TestRedisSettings()};
  QueueSettings queue_;
};

TEST_F(RedisQueueTest, APipelineAnswersEachCommandInOrderWithItsOwnError) {
  auto replies = connection_.Pipeline({{"SET", queue_.stream, "cimento"},
                                       {"GET", queue_.stream},
                                       {"XLEN", queue_.stream},  // wrong type: an error
                                       {"APPEND", queue_.stream, " CP-II"}});
  ASSERT_EQ(replies.size(), 4u);
  ASSERT_TRUE(replies[0].ok()) << replies[0].error().message();
  ASSERT_TRUE(replies[1].ok());
  EXPECT_EQ(replies[1]->str, "cimento");
  ASSERT_FALSE(replies[2].ok());
  EXPECT_NE(replies[2].error().message().find("WRONGTYPE"), std::string::npos)
      << replies[2].error().message();
  ASSERT_TRUE(replies[3].ok());        // the error did not stop the commands after it
  EXPECT_EQ(replies[3]->integer, 13);  // "cimento CP-II"
}

TEST_F(RedisQueueTest, JobsEnqueuedByManyThreadsAtOnceAreEachWrittenOnce) {
  RedisJobQueue queue(TestRedisSettings(), queue_);
  constexpr int kThreads = 16;
  constexpr int kJobsPerThread = 50;
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int j = 0; j < kJobsPerThread; ++j) {
        const std::string id = std::to_string(t) + "-" + std::to_string(j);
        if (!queue.Enqueue({"inbound", "tenant", id, "req-" + id})) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(queue.enqueue_stats().requests, kThreads * kJobsPerThread);

  RedisJobConsumer consumer(TestRedisSettings(), queue_);
  std::set<std::string> seen;
  for (int i = 0; i < kThreads * kJobsPerThread; ++i) {
    auto next = consumer.Next();
    ASSERT_TRUE(next.ok()) << next.error().message();
    ASSERT_TRUE(next->has_value()) << "only " << i << " jobs in the stream";
    const auto& delivery = **next;
    EXPECT_EQ(delivery.job.request_id, "req-" + delivery.job.subject_id);
    EXPECT_TRUE(seen.insert(delivery.job.subject_id).second) << delivery.job.subject_id;
    ASSERT_TRUE(consumer.Ack(delivery.entry_id).ok());
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kThreads * kJobsPerThread));
  auto length = connection_.Command({"XLEN", queue_.stream});
  ASSERT_TRUE(length.ok());
  EXPECT_EQ(length->integer, 0);  // acknowledged jobs leave the stream
}

TEST_F(RedisQueueTest, EnqueuesToAnUnreachableRedisFailEachAsTransient) {
  RedisSettings unreachable = TestRedisSettings();
  unreachable.port = 1;  // nothing listens there
  RedisJobQueue queue(unreachable, queue_);
  std::vector<std::thread> threads;
  std::atomic<int> transient = 0;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      auto enqueued = queue.Enqueue({"inbound", "tenant", "m", "r"});
      if (!enqueued && enqueued.error().is_transient()) ++transient;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(transient, 4);
}

// Jobs the consumer's group delivered and was not told are done (XPENDING's count).
long long Pending(RedisConnection& connection, const QueueSettings& queue) {
  auto pending = connection.Command({"XPENDING", queue.stream, queue.group});
  EXPECT_TRUE(pending.ok()) << pending.error().message();
  return pending.ok() && !pending->elements.empty() ? pending->elements[0].integer : -1;
}

TEST_F(RedisQueueTest, ADoneJobIsAcknowledgedWithTheReadOfTheNextOne) {
  RedisJobQueue queue(TestRedisSettings(), queue_);
  ASSERT_TRUE(queue.Enqueue({"inbound", "tenant", "m1", "r1"}).ok());
  ASSERT_TRUE(queue.Enqueue({"inbound", "tenant", "m2", "r2"}).ok());
  RedisJobConsumer consumer(TestRedisSettings(), queue_);
  auto first = consumer.Next();
  ASSERT_TRUE(first.ok() && first->has_value());
  EXPECT_EQ((*first)->job.subject_id, "m1");

  consumer.AckWithNextCommand((*first)->entry_id);
  EXPECT_EQ(Pending(connection_, queue_), 1) << "not sent yet: still pending";

  auto second = consumer.Next();
  ASSERT_TRUE(second.ok() && second->has_value());
  EXPECT_EQ((*second)->job.subject_id, "m2");
  EXPECT_EQ(Pending(connection_, queue_), 1) << "m1 acknowledged with the read of m2";
  auto length = connection_.Command({"XLEN", queue_.stream});
  ASSERT_TRUE(length.ok());
  EXPECT_EQ(length->integer, 1) << "m1 left the stream";

  consumer.AckWithNextCommand((*second)->entry_id);
  ASSERT_TRUE(consumer.FlushAcks().ok());
  EXPECT_EQ(Pending(connection_, queue_), 0);
  length = connection_.Command({"XLEN", queue_.stream});
  ASSERT_TRUE(length.ok());
  EXPECT_EQ(length->integer, 0);
}

}  // namespace
}  // namespace orcazap::testing
