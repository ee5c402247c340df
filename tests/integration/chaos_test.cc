// Workers killed with SIGKILL every half second while 2,000 messages from 200 customers are
// processed: every message is answered exactly once, with the replies a calm run gives.
#include <gtest/gtest.h>
#include <signal.h>

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <set>
#include <thread>
#include <vector>

#include "tests/harness/stack.h"

namespace orcazap::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kCustomers = 200;

// One customer's afternoon: a greeting, a request built over three messages, a confirmation, a
// second request, a refusal and a new greeting. Each message gets its own reply.
const std::vector<std::string> kScript = {
    "oi, boa tarde", "quero 10 sacos de cimento",       "entrega no centro amanha", "pago no pix",
    "sim",           "preciso tb de 5 sacos de cal",    "centro, amanha, pix",      "nao, obrigado",
    "oi de novo",    "quanto fica 3 sacos de cimento?",
};

std::string Phone(int customer) { return "55119" + std::to_string(30000000 + customer); }

std::string MessageId(int customer, size_t index) {
  return "wamid.chaos." + std::to_string(customer) + "." + std::to_string(index);
}

// The reply with its digits masked (dates, times and totals may differ between customers
// answered at different moments); the words are what must match.
std::string Shape(std::string body) {
  for (char& c : body) {
    if (c >= '0' && c <= '9') c = '#';
  }
  return body;
}

struct Reply {
  std::string purpose;  // the outbox purpose, "quote", "follow_up", ...
  std::string shape;
};

// What each customer received, in order, from the stand-in, joined to the outbox by the
// reference every send carries.
std::map<std::string, std::vector<Reply>> RepliesByCustomer(
    Stack& stack, std::map<std::string, int>& deliveries_per_outbox_row) {
  std::map<std::string, std::string> purpose_of;  // outbox id -> purpose
  const auto rows = stack.db().Query(
      "SELECT id, split_part(purpose_key, ':', 1) FROM messages WHERE direction = 'outbound'");
  for (int i = 0; i < rows.size(); ++i) {
    purpose_of[std::string(rows.Get(i, 0))] = std::string(rows.Get(i, 1));
  }
  std::map<std::string, std::vector<Reply>> replies;
  for (const auto& message : stack.SentMessages()) {
    const std::string reference = message["reference"];
    ++deliveries_per_outbox_row[reference];
    const auto purpose = purpose_of.find(reference);
    replies[message["to"]].push_back(
        {purpose == purpose_of.end() ? "?" : purpose->second, Shape(message["body"])});
  }
  return replies;
}

// Two workers; every ~0.5 s one of them (in turn) is killed with SIGKILL and started again.
class KilledWorkers {
 public:
  explicit KilledWorkers(Stack& stack) : stack_(stack) {
    for (auto& worker : workers_) worker = Start();
  }
  ~KilledWorkers() { StopKilling(); }

  void StartKilling() {
    killer_ = std::thread([this] {
      size_t turn = 0;
      while (!stop_) {
        std::this_thread::sleep_for(500ms);
        auto& worker = workers_[turn++ % workers_.size()];
        worker->Signal(SIGKILL);
        worker->Wait(5000ms);
        worker = Start();
        ++kills_;
      }
    });
  }
  void StopKilling() {
    stop_ = true;
    if (killer_.joinable()) killer_.join();
  }
  int kills() const { return kills_; }

 private:
  std::unique_ptr<ChildProcess> Start() {
    return std::make_unique<ChildProcess>(
        std::vector<std::string>{OrcazapBinary(), "worker"}, stack_.Env(),
        stack_.log_dir() + "/worker-" + std::to_string(started_++) + ".log");
  }

  Stack& stack_;
  int started_ = 0;
  std::array<std::unique_ptr<ChildProcess>, 2> workers_;
  std::atomic<bool> stop_{false};
  std::atomic<int> kills_{0};
  std::thread killer_;
};

TEST(Chaos, TwoThousandMessagesWithWorkersKilledEveryHalfSecondAreAnsweredExactlyOnce) {
  Stack stack({.start_worker = false,
               .extra_env = {{"WEBHOOK_RATE_PER_SECOND", "100000"},
                             {"WEBHOOK_RATE_BURST", "100000"},
                             {"JOB_CLAIM_IDLE_SECONDS", "2"},
                             {"JOB_MAX_ATTEMPTS", "20"},
                             // The stand-in reports statuses like Meta, in order from one
                             // thread; for a burst of 2,000 replies on 2 busy cores they arrive
                             // seconds late. A confirmation window shorter than that lag turns a
                             // late status into a second send (the documented at-least-once
                             // case), so the window here is closer to production's 60 s.
                             {"SEND_CONFIRM_SECONDS", "20"},
                             {"LOG_LEVEL", "info"}}});
  KilledWorkers workers(stack);

  // The calm run: one customer, no kills, each reply awaited. It is what everyone should get.
  const std::string calm = Phone(kCustomers);
  for (size_t index = 0; index < kScript.size(); ++index) {
    ASSERT_EQ(
        stack
            .PostWebhook(TextWebhook(calm, "Cliente", kScript[index], MessageId(kCustomers, index)))
            .status,
        200);
    ASSERT_TRUE(Stack::WaitUntil([&] { return stack.SentMessages(calm).size() > index; }, 30s))
        << "no reply to \"" << kScript[index] << "\"";
  }

  // From now on WhatsApp records each reply 20 ms before answering: most kills land between
  // WhatsApp accepting a reply and the worker learning it.
  stack.SetGraphFaults(R"({"mode": "none", "answer_delay_ms": 20})");
  workers.StartKilling();
  for (size_t index = 0; index < kScript.size(); ++index) {
    for (int customer = 0; customer < kCustomers; ++customer) {
      const auto response = stack.PostWebhook(
          TextWebhook(Phone(customer), "Cliente", kScript[index], MessageId(customer, index)));
      ASSERT_EQ(response.status, 200) << response.body;
    }
  }
  const auto all_processed = [&] {
    return stack.db().Count(
               "SELECT count(*) FROM messages WHERE direction = 'inbound' AND processed_at IS "
               "NULL") == 0;
  };
  const bool processed = Stack::WaitUntil(all_processed, 240s);
  workers.StopKilling();
  ASSERT_TRUE(processed) << "still unprocessed after 4 min";
  ASSERT_TRUE(Stack::WaitUntil(
      [&] {
        return stack.db().Count(
                   "SELECT count(*) FROM messages WHERE direction = 'outbound' AND "
                   "status = 'queued'") == 0;
      },
      120s))
      << "replies still unsent";
  std::fprintf(stderr, "workers killed: %d\n", workers.kills());
  EXPECT_GE(workers.kills(), 10);

  std::map<std::string, int> deliveries;
  auto replies = RepliesByCustomer(stack, deliveries);
  // Every recorded reply reached the stand-in exactly once, and nothing else did.
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE direction = 'outbound'"),
            static_cast<long long>(deliveries.size()));
  for (const auto& [reference, count] : deliveries) {
    EXPECT_EQ(count, 1) << "outbox row " << reference << " was sent " << count << " times";
  }
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE direction = 'inbound' AND "
                             "processed_at IS NOT NULL"),
            static_cast<long long>((kCustomers + 1) * kScript.size()));

  // Every customer got the calm run's replies, in the same order.
  const std::vector<Reply>& expected = replies[calm];
  ASSERT_GE(expected.size(), kScript.size());
  int matching = 0;
  int reported = 0;
  for (int customer = 0; customer < kCustomers; ++customer) {
    const std::vector<Reply>& got = replies[Phone(customer)];
    bool same = got.size() == expected.size();
    for (size_t i = 0; same && i < got.size(); ++i) {
      same = got[i].purpose == expected[i].purpose && got[i].shape == expected[i].shape;
    }
    if (same) {
      ++matching;
      continue;
    }
    std::string diff;
    for (size_t i = 0; i < std::max(got.size(), expected.size()); ++i) {
      diff += "  " + std::to_string(i) + ": got " + (i < got.size() ? got[i].purpose : "-") +
              ", expected " + (i < expected.size() ? expected[i].purpose : "-") + "\n";
    }
    ADD_FAILURE() << Phone(customer) << " did not get the calm run's replies:\n" << diff;
    if (++reported == 3) break;  // enough to see the pattern
  }
  EXPECT_EQ(matching, kCustomers);
  // Nothing was given up on.
  const RunResult stats = stack.Orcazap({"queue", "stats"});
  EXPECT_NE(stats.output.find("\ndead       0\n"), std::string::npos) << stats.output;
}

}  // namespace
}  // namespace orcazap::testing
