// orcazap-bench e2e: N complete orders from M customers, posted as fast as the server accepts
// them, then the time until the Graph stand-in has received every quote.
//
// A customer with an open quote who sends another order is handed to a person (no new quote),
// so each customer declines its quote ("não, obrigado") before its next order: a customer with
// k orders sends 2k - 1 messages. Connection c carries the messages of customers c, c + C,
// c + 2C..., one at a time, so each customer's messages are stored in the order said.
#include <CLI/CLI.hpp>

#include "tools/bench/commands.h"
#include "tools/bench/figures.h"
#include "tools/bench/messages.h"
#include "tools/bench/poster.h"
#include "tools/bench/standin_feed.h"

namespace orcazap::bench {
namespace {

struct EndToEndOptions {
  std::string url;
  std::string secret;
  std::string standin_url;
  int orders = 5000;
  int customers = 500;
  int connections = 16;
  double timeout_seconds = 60;
  int tag = RandomTag();
};

struct Step {
  int customer = 0;
  int turn = 0;  // even: an order, odd: declining the quote of the order before
};

int64_t UnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class OrdersPlan : public LoadPlan {
 public:
  static constexpr int kMaxAttempts = 50;  // per message; then its connection gives up

  explicit OrdersPlan(const EndToEndOptions& options)
      : tag_(options.tag), lanes_(options.connections), next_(options.connections, 0) {
    std::vector<int> turns(options.customers);
    int most = 0;
    for (int customer = 0; customer < options.customers; ++customer) {
      const int orders = options.orders / options.customers +
                         (customer < options.orders % options.customers ? 1 : 0);
      turns[customer] = orders > 0 ? 2 * orders - 1 : 0;
      most = std::max(most, turns[customer]);
    }
    for (int turn = 0; turn < most; ++turn) {
      for (int customer = 0; customer < options.customers; ++customer) {
        if (turn < turns[customer])
          lanes_[customer % options.connections].push_back({customer, turn});
      }
    }
  }

  std::optional<std::string> Next(int connection) override {
    if (next_[connection] >= lanes_[connection].size() || attempts_ >= kMaxAttempts) {
      return std::nullopt;
    }
    const Step& step = lanes_[connection][next_[connection]];
    const std::string id = "wamid.bench." + std::to_string(tag_) + ".e2e." +
                           std::to_string(step.customer) + "." + std::to_string(step.turn);
    const std::string_view text =
        step.turn % 2 == 0 ? CompleteOrder(step.customer + step.turn / 2) : kDecline;
    return TextWebhook(CustomerPhone(tag_, step.customer), text, id, UnixMs() / 1000);
  }

  void Answered(int connection, const PostOutcome& outcome) override {
    if (outcome.status == 200) {
      ++next_[connection];
      ++accepted_;
      attempts_ = 0;
    } else {
      ++refused_;
      ++attempts_;
    }
  }

  size_t messages() const {
    size_t total = 0;
    for (const auto& lane : lanes_) total += lane.size();
    return total;
  }
  int accepted() const { return accepted_; }
  int refused() const { return refused_; }

 private:
  int tag_;
  std::vector<std::vector<Step>> lanes_;  // per connection, in posting order
  std::vector<size_t> next_;              // per connection: index of the next step
  int accepted_ = 0;
  int refused_ = 0;   // answers other than 200 and failed posts, all retried
  int attempts_ = 0;  // consecutive failures
};

}  // namespace

int RunEndToEnd(int argc, char** argv) {
  EndToEndOptions options;
  CLI::App cli(
      "Post complete orders from many customers as fast as they are accepted; wait "
      "until the Graph stand-in has every quote; print quotes/s.",
      "orcazap-bench e2e");
  AddTargetOptions(cli, options.url, options.secret);
  cli.add_option("--standin", options.standin_url, "the Graph stand-in, http://HOST:PORT")
      ->required();
  cli.add_option("--orders", options.orders, "complete orders (quotes expected)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  cli.add_option("--customers", options.customers, "distinct customers sending them")
      ->capture_default_str()
      ->check(CLI::Range(1, 999999));
  cli.add_option("--connections", options.connections, "concurrent connections")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cli.add_option("--timeout", options.timeout_seconds,
                 "give up when no reply came for this many seconds")
      ->capture_default_str();
  cli.add_option("--tag", options.tag, "5-digit run tag in customer numbers and message ids");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return cli.exit(error) == 0 ? 0 : 2;
  }
  try {
    const Target target = ParseTarget(options.url, options.secret);
    StandinFeed feed(options.standin_url);
    if (auto cleared = feed.Clear(); !cleared) throw std::runtime_error(cleared.error().message());

    OrdersPlan plan(options);
    const int64_t start_ms = UnixMs();
    RunClosedLoop(target, options.connections, plan);
    const int64_t posted_ms = UnixMs();

    int quotes = 0;
    int other_replies = 0;
    int64_t last_quote_ms = start_ms;
    auto read = feed.ReadUntil(
        [&] { return quotes >= options.orders; },
        std::chrono::milliseconds(static_cast<int64_t>(options.timeout_seconds * 1000)),
        [&](const SentMessage& message) {
          if (!IsQuote(message.body)) return void(++other_replies);
          ++quotes;
          last_quote_ms = std::max(last_quote_ms, message.received_at_ms);
        });
    if (!read) throw std::runtime_error(read.error().message());

    const double post_seconds = std::max(posted_ms - start_ms, int64_t{1}) / 1000.0;
    const double seconds = std::max(last_quote_ms - start_ms, int64_t{1}) / 1000.0;
    const bool complete = quotes >= options.orders;
    PrintFigures({{"benchmark", "e2e"},
                  {"orders", options.orders},
                  {"customers", options.customers},
                  {"messages", plan.messages()},
                  {"connections", options.connections},
                  {"accepted", plan.accepted()},
                  {"refused", plan.refused()},
                  {"post_seconds", Round3(post_seconds)},
                  {"posts_per_s", Round3(plan.accepted() / post_seconds)},
                  {"quotes", quotes},
                  {"other_replies", other_replies},
                  {"seconds", Round3(seconds)},
                  {"quotes_per_s", Round3(quotes / seconds)},
                  {"complete", complete}});
    return complete ? 0 : 1;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "orcazap-bench e2e: %s\n", error.what());
    return 1;
  }
}

}  // namespace orcazap::bench
