// orcazap worker: consumes jobs from the queue.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <atomic>
#include <iostream>
#include <thread>

#include "adapters/clock/system_clock.h"
#include "adapters/crypto/secret_box.h"
#include "adapters/log/log.h"
#include "adapters/postgres/connection.h"
#include "adapters/postgres/conversation_store.h"
#include "adapters/postgres/tenant_store.h"
#include "adapters/redis/redis.h"
#include "adapters/systemd/systemd.h"
#include "adapters/whatsapp/graph_messenger.h"
#include "app/commands.h"
#include "app/config.h"
#include "app/readiness.h"
#include "app/signals.h"
#include "service/process_inbound.h"

namespace orcazap::app {
namespace {

namespace log = adapters::log;
using Clock = std::chrono::steady_clock;

constexpr int kAttemptsPerDelivery = 3;

std::string ConsumerName() {
  char host[256] = "worker";
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(getpid());
}

// Runs one job; a transient failure is retried a few times with backoff before the job is
// left unacknowledged for a later redelivery.
core::Status RunJob(const service::Job& job, const service::ProcessPorts& ports,
                    const std::atomic<bool>& stopping) {
  if (job.kind != "inbound") return core::Error::Permanent("unknown job kind \"" + job.kind + "\"");
  core::Status status = core::Ok();
  for (int attempt = 1; attempt <= kAttemptsPerDelivery; ++attempt) {
    status = service::ProcessInbound(job.tenant_id, job.message_id, ports);
    const bool retryable = !status && (status.error().is_transient() ||
                                       status.error().code() == core::ErrorCode::kConflict);
    if (status || !retryable || stopping) return status;
    log::Warn("job attempt failed; retrying", {{"attempt", std::to_string(attempt)},
                                               {"error", status.error().ToString()}});
    std::this_thread::sleep_for(std::chrono::milliseconds(200 << attempt));
  }
  return status;
}

struct WorkerApp {
  WorkerApp(const Config& config, const adapters::crypto::SecretBox& box)
      : pool(config.database_url, 2),
        queue(config.redis, QueueSettingsFor(config)),
        consumer(config.redis, QueueSettingsFor(config, ConsumerName())),
        conversations(pool),
        tenants(pool),
        messenger(config.graph, pool, box) {}

  service::ProcessPorts Ports() {
    return {conversations, tenants, messenger, clock,
            [](const std::string& conversation_id, const core::Error& refused) {
              log::Warn("conversation event refused",
                        {{"conversation_id", conversation_id}, {"error", refused.message()}});
            }};
  }

  adapters::postgres::PgPool pool;
  adapters::redis::RedisJobQueue queue;  // readiness pings
  adapters::redis::RedisJobConsumer consumer;
  adapters::postgres::PgConversationStore conversations;
  adapters::postgres::PgTenantStore tenants;
  adapters::whatsapp::GraphMessenger messenger;
  adapters::SystemClock clock;
};

void HandleDelivery(WorkerApp& app, const adapters::redis::Delivery& delivery,
                    const std::atomic<bool>& stopping) {
  log::ScopedRequestId scope(delivery.job.request_id.empty() ? log::NewRequestId()
                                                             : delivery.job.request_id);
  log::Info("job started", {{"kind", delivery.job.kind},
                            {"message_id", delivery.job.message_id},
                            {"tenant_id", delivery.job.tenant_id}});
  const auto started = Clock::now();
  const service::ProcessPorts ports = app.Ports();
  const core::Status status = RunJob(delivery.job, ports, stopping);
  const std::string took = std::to_string(
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count() / 1000.0);
  if (!status && (status.error().is_transient() || status.error().code() == core::ErrorCode::kConflict)) {
    log::Warn("job failed; left for redelivery", {{"error", status.error().ToString()}});
    return;
  }
  if (!status) log::Error("job failed permanently", {{"error", status.error().ToString()}});
  if (auto acked = app.consumer.Ack(delivery.entry_id); !acked) {
    log::Warn("job done but not acknowledged", {{"error", acked.error().ToString()}});
    return;
  }
  if (status) log::Info("job done", {{"duration_ms", took}});
}

// Periodic jobs (quote expiry), at most every `interval`.
void RunPeriodicJobs(WorkerApp& app, Clock::time_point& next_run, std::chrono::seconds interval) {
  if (Clock::now() < next_run) return;
  next_run = Clock::now() + interval;
  log::ScopedRequestId scope("periodic-" + log::NewRequestId());
  auto expired = service::ExpireDueQuotes(app.Ports(), 100);
  if (!expired) {
    log::Warn("quote expiry failed", {{"error", expired.error().ToString()}});
  } else if (*expired > 0) {
    log::Info("quotes expired", {{"count", std::to_string(*expired)}});
  }
}

}  // namespace

int RunWorker(int argc, char** argv) {
  CLI::App cli("Consume jobs: process inbound messages and send replies.", "orcazap worker");
  cli.footer(EnvironmentHelp());
  CLI11_PARSE(cli, argc, argv);

  auto config = LoadConfig(ProcessEnv(), Needs::kDatabase | Needs::kRedis | Needs::kSecretKey |
                                             Needs::kGraph);
  if (!config) {
    std::cerr << "orcazap worker: " << config.error().message() << "\n";
    return 2;
  }
  ConfigureLogging(*config, "worker");
  auto box = adapters::crypto::SecretBox::FromHex(config->secret_key_hex);
  if (!box) {
    std::cerr << "orcazap worker: SECRET_KEY: " << box.error().message() << "\n";
    return 2;
  }

  std::atomic<bool> stopping = false;
  StopSignals signals([&] {
    stopping = true;
    adapters::systemd::NotifyStopping();
    log::Info("stopping: finishing the current job");
  });
  WorkerApp app(*config, *box);
  if (!WaitUntilReady(app.pool, app.queue, stopping)) return 0;
  adapters::systemd::NotifyReady("consuming jobs");
  log::Info("ready", {{"graph_api_base", config->graph.base}});

  const auto watchdog = adapters::systemd::WatchdogPingPeriod();
  auto next_periodic = Clock::now();
  while (!stopping) {
    if (watchdog) adapters::systemd::NotifyWatchdog();
    RunPeriodicJobs(app, next_periodic, std::chrono::seconds(config->periodic_jobs_seconds));
    auto next = app.consumer.Next();
    if (!next) {
      log::Warn("queue unavailable", {{"error", next.error().ToString()}});
      std::this_thread::sleep_for(std::chrono::seconds(1));
      continue;
    }
    if (*next) HandleDelivery(app, **next, stopping);
  }
  log::Info("stopped");
  return 0;
}

}  // namespace orcazap::app
