// orcazap-bench latency: complete orders at a fixed rate (open loop), each from a new customer;
// for each, the time from when its webhook POST was due to when the Graph stand-in received its
// quote (the stand-in's received_at_ms; both clocks are this machine's, 1 ms resolution).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>
#include <optional>
#include <unordered_map>

#include "tools/bench/commands.h"
#include "tools/bench/disk_probe.h"
#include "tools/bench/figures.h"
#include "tools/bench/messages.h"
#include "tools/bench/poster.h"
#include "tools/bench/standin_feed.h"

namespace orcazap::bench {
namespace {

struct LatencyOptions {
  std::string url;
  std::string secret;
  std::string standin_url;
  double rate = 200;
  double seconds = 30;
  int connections = 16;
  double timeout_seconds = 30;
  int tag = RandomTag();
  std::string timeline_path;  // one JSON line per order, when set
  std::string disk_probe_directory;
};

double Ms(Clock::duration duration) {
  return std::chrono::duration<double, std::milli>(duration).count();
}

struct OrderTimes {
  double due_unix_ms = 0;
  double post_ms = -1;                // from due to the POST's answer; -1: no answer
  double quote_ms = -1;               // from due to the quote at the stand-in; -1: none came
  double longest_disk_flush_ms = -1;  // during its wait (until its quote, else its POST's answer);
                                      // -1: no disk probe
};

// One line per order, in the order they were due: when it was due (ms after the first), its
// POST's and its quote's latency (null when none came) and, with a disk probe, the longest disk
// flush that overlapped its wait.
void WriteTimeline(const std::string& path, const std::vector<OrderTimes>& orders) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write the timeline to " + path);
  auto value = [](double ms) { return ms < 0 ? Figures(nullptr) : Figures(Round3(ms)); };
  for (size_t index = 0; index < orders.size(); ++index) {
    const OrderTimes& order = orders[index];
    Figures line{{"order", index},
                 {"due_ms", Round3(order.due_unix_ms - orders.front().due_unix_ms)},
                 {"post_ms", value(order.post_ms)},
                 {"quote_ms", value(order.quote_ms)}};
    if (order.longest_disk_flush_ms >= 0) {
      line["longest_disk_flush_ms"] = Round3(order.longest_disk_flush_ms);
    }
    out << line.dump() << '\n';
  }
  if (!out.flush()) throw std::runtime_error("cannot write the timeline to " + path);
}

}  // namespace

int RunLatency(int argc, char** argv) {
  LatencyOptions options;
  CLI::App cli(
      "Post complete orders from new customers at a fixed rate; print p50/p99 from "
      "each webhook POST to its quote at the Graph stand-in.",
      "orcazap-bench latency");
  AddTargetOptions(cli, options.url, options.secret);
  cli.add_option("--standin", options.standin_url, "the Graph stand-in, http://HOST:PORT")
      ->required();
  cli.add_option("--rate", options.rate, "orders per second")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 100000.0));
  cli.add_option("--seconds", options.seconds, "how long to post")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cli.add_option("--connections", options.connections, "most requests in flight at once")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cli.add_option("--timeout", options.timeout_seconds,
                 "after posting, give up when no reply came for this many seconds")
      ->capture_default_str();
  cli.add_option("--tag", options.tag, "5-digit run tag in customer numbers and message ids");
  cli.add_option("--timeline", options.timeline_path,
                 "write one JSON line per order to this file: its index, when it was due (ms "
                 "since the first was due), its POST's and its quote's latency (ms; null when "
                 "none came)");
  AddDiskProbeOption(cli, options.disk_probe_directory, "while measuring");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return cli.exit(error) == 0 ? 0 : 2;
  }
  try {
    const Target target = ParseTarget(options.url, options.secret);
    StandinFeed feed(options.standin_url);
    if (auto cleared = feed.Clear(); !cleared) throw std::runtime_error(cleared.error().message());

    std::optional<DiskProbe> disk;
    if (!options.disk_probe_directory.empty()) {
      disk.emplace(options.disk_probe_directory, kDiskProbePeriod);
    }
    const int count = std::max(1, static_cast<int>(options.rate * options.seconds));
    std::vector<int> statuses(count, 0);
    std::vector<OrderTimes> orders(count);
    int late = 0;  // POSTs that started over 1 ms after they were due
    auto body = [&](int index) {
      const std::string id =
          "wamid.bench." + std::to_string(options.tag) + ".latency." + std::to_string(index);
      const auto now = std::chrono::system_clock::now().time_since_epoch();
      return TextWebhook(CustomerPhone(options.tag, index), CompleteOrder(index), id,
                         std::chrono::duration_cast<std::chrono::seconds>(now).count());
    };
    auto answered = [&](int index, Clock::time_point due, const PostOutcome& outcome) {
      if (Ms(outcome.started - due) > 1.0) ++late;
      statuses[index] = outcome.status;
      orders[index].post_ms = Ms(outcome.answered - due);
    };
    const auto first_due =
        RunPaced(target, {options.rate, count, options.connections}, body, answered);
    const double first_due_ms =
        std::chrono::duration<double, std::milli>(first_due.time_since_epoch()).count();
    auto due_unix_ms = [&](int index) { return first_due_ms + index * 1000.0 / options.rate; };

    std::unordered_map<std::string, int> by_phone;
    int accepted = 0;
    for (int index = 0; index < count; ++index) {
      if (statuses[index] != 200) continue;
      ++accepted;
      by_phone[CustomerPhone(options.tag, index)] = index;
    }
    int quotes = 0;
    int other_replies = 0;
    auto read = feed.ReadUntil(
        [&] { return quotes >= accepted; },
        std::chrono::milliseconds(static_cast<int64_t>(options.timeout_seconds * 1000)),
        [&](const SentMessage& message) {
          const auto found = by_phone.find(message.to);
          if (!IsQuote(message.body) || found == by_phone.end()) return void(++other_replies);
          orders[found->second].quote_ms =
              static_cast<double>(message.received_at_ms) - due_unix_ms(found->second);
          ++quotes;
          by_phone.erase(found);  // one quote per customer
        });
    if (!read) throw std::runtime_error(read.error().message());
    const std::vector<DiskFlush> flushes = disk ? disk->Stop() : std::vector<DiskFlush>{};

    for (int index = 0; index < count; ++index) {
      OrderTimes& order = orders[index];
      order.due_unix_ms = due_unix_ms(index);
      if (!disk) continue;
      const double waited = order.quote_ms >= 0 ? order.quote_ms : std::max(order.post_ms, 0.0);
      order.longest_disk_flush_ms =
          LongestFlushDuring(flushes, order.due_unix_ms, order.due_unix_ms + waited);
    }
    if (!options.timeline_path.empty()) WriteTimeline(options.timeline_path, orders);
    std::vector<double> post_ms;      // from when each POST was due to its answer
    std::vector<double> to_quote_ms;  // from when each POST was due to its quote at the stand-in
    for (const OrderTimes& order : orders) {
      if (order.post_ms >= 0) post_ms.push_back(order.post_ms);
      if (order.quote_ms >= 0) to_quote_ms.push_back(order.quote_ms);
    }
    Figures figures{{"benchmark", "latency"},
                    {"rate", options.rate},
                    {"seconds", options.seconds},
                    {"posted", count},
                    {"accepted", accepted},
                    {"late_posts", late},
                    {"post_p50_ms", Round3(Percentile(post_ms, 50))},
                    {"post_p99_ms", Round3(Percentile(post_ms, 99))},
                    {"quotes", quotes},
                    {"other_replies", other_replies},
                    {"p50_ms", Round3(Percentile(to_quote_ms, 50))},
                    {"p99_ms", Round3(Percentile(to_quote_ms, 99))},
                    {"max_ms", Round3(Percentile(to_quote_ms, 100))},
                    {"orders_over_20ms", std::count_if(to_quote_ms.begin(), to_quote_ms.end(),
                                                       [](double ms) { return ms > kSlowMs; })},
                    {"complete", quotes == count}};
    // The slow orders of the run's first second, when serve and the worker have just started
    // (their PostgreSQL backends cold, the store's catalog not yet loaded).
    figures["orders_over_20ms_first_second"] =
        std::count_if(orders.begin(), orders.end(), [&](const OrderTimes& order) {
          return order.due_unix_ms < due_unix_ms(0) + 1000 && order.quote_ms > kSlowMs;
        });
    if (disk) {
      figures.update(DiskFigures(flushes, disk->failure()));
      // Slow orders whose wait overlapped a slow flush of the disk (every commit of serve and
      // the worker's send marks wait for one).
      figures["orders_over_20ms_during_disk_stall"] =
          std::count_if(orders.begin(), orders.end(), [](const OrderTimes& order) {
            return order.quote_ms > kSlowMs && order.longest_disk_flush_ms > kSlowMs;
          });
    }
    PrintFigures(figures);
    return quotes == count ? 0 : 1;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "orcazap-bench latency: %s\n", error.what());
    return 1;
  }
}

}  // namespace orcazap::bench
