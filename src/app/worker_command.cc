// orcazap worker: consumes jobs from the queue.
#include <unistd.h>

#include <CLI/CLI.hpp>
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
#include "service/approvals.h"
#include "service/process_inbound.h"

namespace orcazap::app {
namespace {

namespace log = adapters::log;
using Clock = std::chrono::steady_clock;

std::string ConsumerName() {
  char host[256] = "worker";
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(getpid());
}

core::Status RunJob(const service::Job& job, const service::ProcessPorts& ports) {
  if (job.kind == service::kFlushJobKind) {
    return service::FlushConversation(job.tenant_id, job.message_id, ports);  // a conversation id
  }
  if (job.kind != service::kInboundJobKind)
    return core::Error::Permanent("unknown job kind \"" + job.kind + "\"");
  return service::ProcessInbound(job.tenant_id, job.message_id, ports);
}

bool Retryable(const core::Error& error) {
  return error.is_transient() || error.code() == core::ErrorCode::kConflict;
}

struct WorkerApp {
  WorkerApp(const Config& config, const adapters::crypto::SecretBox& box)
      : pool(config.database_url, 3),  // one may hold a customer lock
        queue(config.redis, QueueSettingsFor(config)),
        consumer(config.redis, QueueSettingsFor(config, ConsumerName())),
        conversations(pool),
        tenants(pool),
        messenger(config.graph, pool, box),
        send_confirm_window(config.send_confirm_seconds) {}

  service::ProcessPorts Ports() {
    return {conversations,
            tenants,
            messenger,
            clock,
            send_confirm_window,
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
  std::chrono::seconds send_confirm_window;
};

void HandleDelivery(WorkerApp& app, const adapters::redis::Delivery& delivery) {
  log::ScopedRequestId scope(delivery.job.request_id.empty() ? log::NewRequestId()
                                                             : delivery.job.request_id);
  log::Info("job started", {{"kind", delivery.job.kind},
                            {"message_id", delivery.job.message_id},
                            {"tenant_id", delivery.job.tenant_id},
                            {"attempt", std::to_string(delivery.attempt)},
                            {"reclaimed", delivery.reclaimed ? "true" : "false"}});
  const auto started = Clock::now();
  const core::Status status = RunJob(delivery.job, app.Ports());
  const std::string took = std::to_string(
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count() /
      1000.0);
  if (status) {
    if (auto acked = app.consumer.Ack(delivery.entry_id); !acked) {
      log::Warn("job done but not acknowledged; it will be redelivered (harmless)",
                {{"error", acked.error().ToString()}});
      return;
    }
    log::Info("job done", {{"duration_ms", took}});
    return;
  }
  const std::string error = status.error().ToString();
  if (!Retryable(status.error())) {
    log::Error("job failed permanently; moved to the dead-letter queue", {{"error", error}});
    if (auto buried = app.consumer.Bury(delivery, error); !buried) {
      log::Warn("could not bury the job", {{"error", buried.error().ToString()}});
    }
    return;
  }
  auto retried = app.consumer.Retry(delivery, error);
  if (!retried) {
    log::Warn("job failed and could not be rescheduled; it will be reclaimed",
              {{"error", error}, {"queue_error", retried.error().ToString()}});
  } else if (*retried) {
    log::Error("job failed too many times; moved to the dead-letter queue", {{"error", error}});
  } else {
    log::Warn("job failed; retry scheduled", {{"error", error}});
  }
}

// Periodic jobs (reconciliation, quote expiry), at most every `interval`.
void RunPeriodicJobs(WorkerApp& app, const Config& config, Clock::time_point& next_run) {
  if (auto promoted = app.consumer.PromoteDue(); !promoted) {
    log::Warn("could not move due retries back to the queue",
              {{"error", promoted.error().ToString()}});
  }
  if (Clock::now() < next_run) return;
  next_run = Clock::now() + std::chrono::seconds(config.periodic_jobs_seconds);
  log::ScopedRequestId scope("periodic-" + log::NewRequestId());
  auto reconciled =
      service::ReconcileUnprocessed(app.conversations, app.queue, app.clock,
                                    std::chrono::seconds(config.reconcile_after_seconds), 500);
  if (!reconciled) {
    log::Warn("reconciliation failed", {{"error", reconciled.error().ToString()}});
  } else if (*reconciled > 0) {
    log::Warn("re-enqueued unprocessed messages", {{"count", std::to_string(*reconciled)}});
  }
  auto flushes =
      service::ReconcileOutbox(app.conversations, app.queue, app.clock,
                               std::chrono::seconds(config.reconcile_after_seconds), 500);
  if (!flushes) {
    log::Warn("outbox reconciliation failed", {{"error", flushes.error().ToString()}});
  } else if (*flushes > 0) {
    log::Warn("re-enqueued conversations with unsent replies",
              {{"count", std::to_string(*flushes)}});
  }
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

  auto config = LoadConfig(ProcessEnv(),
                           Needs::kDatabase | Needs::kRedis | Needs::kSecretKey | Needs::kGraph);
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
    RunPeriodicJobs(app, *config, next_periodic);
    auto next = app.consumer.Next();
    if (!next) {
      log::Warn("queue unavailable", {{"error", next.error().ToString()}});
      std::this_thread::sleep_for(std::chrono::seconds(1));
      continue;
    }
    if (*next) HandleDelivery(app, **next);
  }
  log::Info("stopped");
  return 0;
}

}  // namespace orcazap::app
