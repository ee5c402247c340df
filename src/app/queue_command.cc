// orcazap queue: what the operator sees of the job queue, and dead-letter handling.
#include <CLI/CLI.hpp>
#include <ctime>
#include <iostream>

#include "adapters/redis/redis.h"
#include "app/commands.h"
#include "app/config.h"

namespace orcazap::app {
namespace {

namespace redis = adapters::redis;

std::string Age(long long ms) {
  if (ms < 1000) return std::to_string(ms) + " ms";
  if (ms < 120000) return std::to_string(ms / 1000) + " s";
  if (ms < 7200000) return std::to_string(ms / 60000) + " min";
  return std::to_string(ms / 3600000) + " h";
}

std::string UtcTime(const std::string& unix_ms) {
  const std::time_t seconds = std::atoll(unix_ms.c_str()) / 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%SZ", &utc);
  return buffer;
}

int Stats(redis::QueueAdmin& admin) {
  auto stats = admin.Stats();
  if (!stats) {
    std::cerr << "orcazap queue stats: " << stats.error().message() << "\n";
    return 1;
  }
  std::cout << "waiting    " << stats->waiting;
  if (stats->waiting) std::cout << " (oldest " << Age(stats->oldest_waiting_ms) << ")";
  std::cout << "\nin flight  " << stats->in_flight;
  if (stats->in_flight) std::cout << " (longest " << Age(stats->oldest_in_flight_ms) << ")";
  std::cout << "\nretrying   " << stats->delayed << "\ndead       " << stats->dead << "\n";
  return 0;
}

int Dead(redis::QueueAdmin& admin, int limit) {
  auto dead = admin.Dead(limit);
  if (!dead) {
    std::cerr << "orcazap queue dead: " << dead.error().message() << "\n";
    return 1;
  }
  if (dead->empty()) std::cout << "no dead jobs\n";
  for (const auto& job : *dead) {
    std::cout << job.entry_id << "  " << job.job.kind << " " << service::JobSubject(job.job) << " "
              << job.job.subject_id << " (tenant " << job.job.tenant_id << ")\n    failed "
              << UtcTime(job.failed_at) << " after " << job.attempts
              << " attempt(s): " << job.last_error << "\n";
  }
  return 0;
}

}  // namespace

int RunQueue(int argc, char** argv) {
  CLI::App cli("The job queue: counts, dead-letter jobs, retrying them.", "orcazap queue");
  cli.require_subcommand(1);
  cli.add_subcommand("stats", "waiting, in-flight, retrying and dead jobs, with the oldest ages");
  int limit = 50;
  auto* dead = cli.add_subcommand("dead", "list dead-letter jobs with their last error");
  dead->add_option("--limit", limit, "how many to list")->capture_default_str();
  std::string id;
  auto* retry = cli.add_subcommand("retry", "put one dead job back on the queue");
  retry->add_option("ID", id, "the dead job's id (from `orcazap queue dead`)")->required();
  auto* retry_all = cli.add_subcommand("retry-all", "put every dead job back on the queue");
  auto* purge = cli.add_subcommand("purge-dead", "forget every dead job");
  cli.footer("Needs REDIS_URL (and REDIS_KEY_PREFIX when not the default).");
  CLI11_PARSE(cli, argc, argv);

  auto config = LoadConfig(ProcessEnv(), Needs::kRedis);
  if (!config) {
    std::cerr << "orcazap queue: " << config.error().message() << "\n";
    return 2;
  }
  redis::QueueAdmin admin(config->redis, QueueSettingsFor(*config));
  if (dead->parsed()) return Dead(admin, limit);
  if (retry->parsed()) {
    if (auto ok = admin.RetryDead(id); !ok) {
      std::cerr << "orcazap queue retry: " << ok.error().message() << "\n";
      return ok.error().code() == core::ErrorCode::kNotFound ? 2 : 1;
    }
    std::cout << "job " << id << " is queued again\n";
    return 0;
  }
  if (retry_all->parsed() || purge->parsed()) {
    auto count = retry_all->parsed() ? admin.RetryAllDead() : admin.PurgeDead();
    if (!count) {
      std::cerr << "orcazap queue: " << count.error().message() << "\n";
      return 1;
    }
    std::cout << *count
              << (retry_all->parsed() ? " job(s) queued again\n" : " dead job(s) purged\n");
    return 0;
  }
  return Stats(admin);
}

}  // namespace orcazap::app
