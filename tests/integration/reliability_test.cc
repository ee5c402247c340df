// Nothing acknowledged is lost, no reply is sent twice: outages, Graph API faults, ordering,
// dead letters — against the real processes and servers.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "tests/harness/stack.h"

namespace orcazap::testing {
namespace {

std::string Phone(int customer) { return "55119" + std::to_string(20000000 + customer); }

// Posts message `index` of `customer`: "<index+1> sacos de cimento"; the follow-up shows the
// running total, so every reply body is distinct.
int Post(Stack& stack, int customer, int index) {
  const std::string text = std::to_string(index + 1) + " sacos de cimento";
  const std::string id = "wamid.rel." + std::to_string(customer) + "." + std::to_string(index);
  return stack.PostWebhook(TextWebhook(Phone(customer), "Cliente", text, id)).status;
}

// Every customer got exactly `per_customer` replies, all distinct.
void ExpectRepliesOnceEach(Stack& stack, int customers, size_t per_customer) {
  for (int customer = 0; customer < customers; ++customer) {
    const auto sent = stack.SentMessages(Phone(customer));
    std::set<std::string> bodies;
    for (const auto& message : sent) bodies.insert(message["body"].get<std::string>());
    EXPECT_EQ(sent.size(), per_customer) << Phone(customer);
    EXPECT_EQ(bodies.size(), sent.size()) << "a reply was sent twice to " << Phone(customer);
  }
}

bool AllRepliesArrived(Stack& stack, size_t total) {
  return Stack::WaitUntil([&] { return stack.SentMessages().size() >= total; },
                          std::chrono::seconds(60));
}

TEST(Reliability, WebhooksAcknowledgedWhileRedisIsDownAreAnsweredWhenItIsBack) {
  const int port = FreePort();
  char dir[] = "/tmp/orcazap-redis-XXXXXX";
  const std::string redis_dir = mkdtemp(dir);
  const std::vector<std::string> redis_argv = {
      "redis-server", "--port", std::to_string(port), "--bind", "127.0.0.1",
      "--save",       "",       "--appendonly",       "no",     "--dir",
      redis_dir};
  auto redis = std::make_unique<ChildProcess>(redis_argv, std::map<std::string, std::string>{},
                                              redis_dir + "/redis.log");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  Stack stack({.redis_url = "redis://127.0.0.1:" + std::to_string(port) + "/0"});

  for (int customer = 0; customer < 5; ++customer) ASSERT_EQ(Post(stack, customer, 0), 200);
  redis->Stop();
  for (int customer = 5; customer < 15; ++customer) {
    EXPECT_EQ(Post(stack, customer, 0), 200) << "persisted messages are acknowledged";
  }
  redis = std::make_unique<ChildProcess>(redis_argv, std::map<std::string, std::string>{},
                                         redis_dir + "/redis.log");
  ASSERT_TRUE(AllRepliesArrived(stack, 15)) << stack.SentMessages().dump();
  std::this_thread::sleep_for(std::chrono::seconds(2));
  ExpectRepliesOnceEach(stack, 15, 1);
  redis->Stop();
  std::system(("rm -rf '" + redis_dir + "'").c_str());
}

// PostgreSQL stopped for three seconds while customers keep writing. Like WhatsApp, the test
// posts again every webhook that did not get 200.
TEST(Reliability, WebhooksDuringAPostgresRestartGet5xxAndEveryAcknowledgedOneIsAnswered) {
  PrivatePostgres postgres;
  Stack stack({.database_admin_url = postgres.admin_url(),
               .extra_env = {{"WEBHOOK_RATE_PER_SECOND", "100000"},
                             {"WEBHOOK_RATE_BURST", "100000"},
                             {"JOB_MAX_ATTEMPTS", "20"}}});
  const pid_t serve_pid = stack.serve().pid();
  const pid_t worker_pid = stack.worker()->pid();

  std::vector<int> refused;  // customers whose webhook got 5xx, to post again
  int customers = 0;
  int server_errors = 0;
  const auto started = std::chrono::steady_clock::now();
  const auto elapsed = [&] { return std::chrono::steady_clock::now() - started; };
  bool stopped = false;
  bool restarted = false;
  while (elapsed() < std::chrono::seconds(7)) {
    if (!stopped && elapsed() > std::chrono::milliseconds(1500)) {
      postgres.Stop();
      stopped = true;
    }
    if (!restarted && elapsed() > std::chrono::milliseconds(4500)) {
      postgres.Start();
      restarted = true;
    }
    const int status = Post(stack, customers, 0);
    if (status >= 500) {
      ++server_errors;
      refused.push_back(customers);
    } else {
      ASSERT_EQ(status, 200) << "customer " << customers;
    }
    ++customers;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_GT(server_errors, 0) << "no webhook saw the outage";
  EXPECT_LT(static_cast<size_t>(server_errors), static_cast<size_t>(customers));
  for (int customer : refused) {
    ASSERT_TRUE(Stack::WaitUntil([&] { return Post(stack, customer, 0) == 200; }))
        << "customer " << customer << " still refused after the restart";
  }

  ASSERT_TRUE(AllRepliesArrived(stack, customers))
      << stack.SentMessages().size() << " of " << customers << " replies";
  std::this_thread::sleep_for(std::chrono::seconds(2));
  ExpectRepliesOnceEach(stack, customers, 1);
  // Both recovered on their own: the same processes, ready again.
  EXPECT_TRUE(stack.serve().Running());
  EXPECT_EQ(stack.serve().pid(), serve_pid);
  EXPECT_TRUE(stack.worker()->Running());
  EXPECT_EQ(stack.worker()->pid(), worker_pid);
  EXPECT_EQ(stack.Get("/ready").status, 200);
}

TEST(Reliability, MessagesOfOneCustomerAreProcessedInOrderWithTwoWorkers) {
  Stack stack;
  stack.StartExtraWorker();
  for (int index = 0; index < 5; ++index) ASSERT_EQ(Post(stack, 0, index), 200);
  ASSERT_TRUE(AllRepliesArrived(stack, 5));
  const auto sent = stack.SentMessages(Phone(0));
  ASSERT_EQ(sent.size(), 5u);
  // Message i asks for i sacos more of the same item, so in arrival order the k-th reply shows
  // the running total 1, 3, 6, 10, 15; any other processing order shows another sequence.
  for (size_t k = 0; k < sent.size(); ++k) {
    const std::string body = sent[k]["body"];
    const size_t running_total = (k + 1) * (k + 2) / 2;
    EXPECT_NE(body.find("— " + std::to_string(running_total) + " saco"), std::string::npos)
        << "reply " << k << " out of order: " << body;
  }
  EXPECT_EQ(
      stack.db().Count("SELECT count(*) FROM (SELECT seq, row_number() OVER (ORDER BY seq) "
                       "AS by_seq, row_number() OVER (ORDER BY processed_at, seq) AS by_time "
                       "FROM messages WHERE direction = 'inbound') m WHERE by_seq <> by_time"),
      0);
}

TEST(Reliability, GraphRateLimitsAndServerErrorsDelayRepliesButSendEachOnce) {
  Stack stack;
  stack.SetGraphFaults(R"({"mode": "http_429", "count": 2})");
  ASSERT_EQ(Post(stack, 0, 0), 200);
  ASSERT_TRUE(AllRepliesArrived(stack, 1));
  stack.SetGraphFaults(R"({"mode": "http_500", "count": 3})");
  ASSERT_EQ(Post(stack, 1, 0), 200);
  ASSERT_TRUE(AllRepliesArrived(stack, 2));
  std::this_thread::sleep_for(std::chrono::seconds(2));
  ExpectRepliesOnceEach(stack, 2, 1);
  EXPECT_EQ(stack.GraphStats()["failed"], 5);
}

TEST(Reliability, TheTwentyFourHourWindowErrorIsNotRetriedAndIsVisibleOnTheMessage) {
  Stack stack;
  stack.SetGraphFaults(R"({"mode": "error_131047"})");
  ASSERT_EQ(Post(stack, 0, 0), 200);
  ASSERT_TRUE(Stack::WaitUntil([&] {
    return stack.db().Count(
               "SELECT count(*) FROM messages WHERE direction = 'outbound' AND "
               "status = 'failed' AND error LIKE '%131047%'") == 1;
  }));
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(stack.GraphStats()["attempts"], 1) << "no retry storm";
}

TEST(Reliability, AnExpiredTokenMarksTheChannelAsNeedingANewToken) {
  Stack stack;
  stack.SetGraphFaults(R"({"mode": "error_190"})");
  ASSERT_EQ(Post(stack, 0, 0), 200);
  ASSERT_TRUE(Stack::WaitUntil([&] {
    return stack.db().Count("SELECT count(*) FROM channels WHERE needs_new_token") == 1;
  }));
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE direction = 'outbound' AND "
                             "status = 'failed' AND error LIKE '%190%'"),
            1);
}

TEST(Reliability, AJobThatKeepsFailingGoesToTheDeadLetterQueueAndCanBeRetried) {
  Stack stack({.extra_env = {{"JOB_MAX_ATTEMPTS", "3"}}});
  stack.SetGraphFaults(R"({"mode": "http_500"})");
  ASSERT_EQ(Post(stack, 0, 0), 200);
  ASSERT_TRUE(Stack::WaitUntil(
      [&] {
        return stack.Orcazap({"queue", "stats"}).output.find("dead       1") != std::string::npos;
      },
      std::chrono::seconds(30)))
      << stack.Orcazap({"queue", "stats"}).output;
  const RunResult dead = stack.Orcazap({"queue", "dead"});
  EXPECT_EQ(dead.status, 0);
  EXPECT_NE(dead.output.find("after 3 attempt(s)"), std::string::npos) << dead.output;
  EXPECT_NE(dead.output.find("HTTP 500"), std::string::npos) << dead.output;
  const std::string message_id(
      stack.db().Query("SELECT id FROM messages WHERE direction = 'inbound'").Get(0, 0));
  EXPECT_NE(dead.output.find("inbound message " + message_id), std::string::npos) << dead.output;

  stack.SetGraphFaults(R"({"mode": "none"})");
  const RunResult retried = stack.Orcazap({"queue", "retry-all"});
  EXPECT_EQ(retried.status, 0) << retried.output;
  ASSERT_TRUE(AllRepliesArrived(stack, 1));
  EXPECT_NE(stack.Orcazap({"queue", "stats"}).output.find("dead       0"), std::string::npos);
}

TEST(Reliability, AClientOverTheWebhookRateGets429AndNothingOfItIsStored) {
  Stack stack({.extra_env = {{"WEBHOOK_RATE_PER_SECOND", "1"}, {"WEBHOOK_RATE_BURST", "3"}}});
  std::vector<int> statuses;
  for (int customer = 0; customer < 6; ++customer) statuses.push_back(Post(stack, customer, 0));
  // The burst of 3 passes; at 1 token/s at most one more can have refilled meanwhile.
  EXPECT_GE(std::count(statuses.begin(), statuses.end(), 200), 3);
  EXPECT_GE(std::count(statuses.begin(), statuses.end(), 429), 2);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200) +
                std::count(statuses.begin(), statuses.end(), 429),
            6);
  const long long accepted = std::count(statuses.begin(), statuses.end(), 200);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE direction = 'inbound'"),
            accepted);
  const auto limited = stack.PostWebhook(TextWebhook(Phone(9), "Cliente", "oi", "wamid.rl.9"));
  if (limited.status == 429) {
    bool has_retry_after = false;
    for (const auto& [name, value] : limited.headers) has_retry_after |= name == "retry-after";
    EXPECT_TRUE(has_retry_after);
  }
}

}  // namespace
}  // namespace orcazap::testing
