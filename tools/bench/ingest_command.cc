// orcazap-bench ingest: webhook ingestion at a fixed number of keep-alive connections, each
// posting its next webhook as soon as the previous one is answered. Every body is a distinct
// complete order from a distinct customer, with a unique message id.
#include <CLI/CLI.hpp>
#include <map>
#include <optional>

#include "tools/bench/commands.h"
#include "tools/bench/disk_probe.h"
#include "tools/bench/figures.h"
#include "tools/bench/messages.h"
#include "tools/bench/poster.h"

namespace orcazap::bench {
namespace {

struct IngestOptions {
  std::string url;
  std::string secret;
  int connections = 16;
  double seconds = 15;
  double warmup_seconds = 1;
  int tag = RandomTag();
  std::string disk_probe_directory;
};

// Answers that come in the measured window (after the warm-up, before the end) count.
class IngestPlan : public LoadPlan {
 public:
  IngestPlan(const IngestOptions& options, Clock::time_point start)
      : tag_(options.tag),
        measure_from_(start + Seconds(options.warmup_seconds)),
        stop_at_(measure_from_ + Seconds(options.seconds)) {}

  std::optional<std::string> Next(int /*connection*/) override {
    if (Clock::now() >= stop_at_) return std::nullopt;
    const int n = posted_++;
    const std::string id = "wamid.bench." + std::to_string(tag_) + ".ingest." + std::to_string(n);
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return TextWebhook(CustomerPhone(tag_, n), CompleteOrder(n), id,
                       std::chrono::duration_cast<std::chrono::seconds>(now).count());
  }

  void Answered(int /*connection*/, const PostOutcome& outcome) override {
    if (outcome.answered < measure_from_ || outcome.answered > stop_at_) return;
    ++statuses_[outcome.status];
    latencies_ms_.push_back(
        std::chrono::duration<double, std::milli>(outcome.answered - outcome.started).count());
  }

  Figures Summary(double seconds) {
    const int ok = statuses_.count(200) ? statuses_.at(200) : 0;
    Figures statuses = Figures::object();
    for (const auto& [status, count] : statuses_) statuses[std::to_string(status)] = count;
    return {{"requests", ok},
            {"failed", static_cast<int>(latencies_ms_.size()) - ok},
            {"requests_per_s", Round3(ok / seconds)},
            {"p50_ms", Round3(Percentile(latencies_ms_, 50))},
            {"p99_ms", Round3(Percentile(latencies_ms_, 99))},
            {"max_ms", Round3(Percentile(latencies_ms_, 100))},
            {"statuses", statuses}};
  }

 private:
  static Clock::duration Seconds(double seconds) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  }

  int tag_;
  Clock::time_point measure_from_;
  Clock::time_point stop_at_;
  int posted_ = 0;
  std::map<int, int> statuses_;  // status (0: no answer) -> answers
  std::vector<double> latencies_ms_;
};

}  // namespace

int RunIngest(int argc, char** argv) {
  IngestOptions options;
  CLI::App cli(
      "Post distinct signed webhooks over keep-alive connections for a while; print "
      "requests/s (200 answers) and p50/p99 latency.",
      "orcazap-bench ingest");
  AddTargetOptions(cli, options.url, options.secret);
  cli.add_option("--connections", options.connections, "concurrent connections")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cli.add_option("--seconds", options.seconds, "measured duration")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cli.add_option("--warmup", options.warmup_seconds, "seconds posted before measuring")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cli.add_option("--tag", options.tag, "5-digit run tag in customer numbers and message ids");
  AddDiskProbeOption(cli, options.disk_probe_directory, "from the warm-up on");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return cli.exit(error) == 0 ? 0 : 2;
  }
  try {
    const Target target = ParseTarget(options.url, options.secret);
    std::optional<DiskProbe> disk;
    if (!options.disk_probe_directory.empty()) {
      disk.emplace(options.disk_probe_directory, kDiskProbePeriod);
    }
    IngestPlan plan(options, Clock::now());
    RunClosedLoop(target, options.connections, plan);
    Figures figures = {{"benchmark", "ingest"},
                       {"connections", options.connections},
                       {"seconds", options.seconds}};
    figures.update(plan.Summary(options.seconds));
    if (disk) {
      const std::vector<DiskFlush> flushes = disk->Stop();
      figures.update(DiskFigures(flushes, disk->failure()));
    }
    PrintFigures(figures);
    return figures["requests"].get<int>() > 0 ? 0 : 1;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "orcazap-bench ingest: %s\n", error.what());
    return 1;
  }
}

}  // namespace orcazap::bench
