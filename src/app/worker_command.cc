// orcazap worker: consumes jobs from the queue, WORKER_THREADS at a time. Each thread has its
// own queue consumer and Graph API client; the stores and the connection pool are shared.
// One customer's messages still run one at a time (the customer lock, see process_inbound.h).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "adapters/clock/system_clock.h"
#include "adapters/concurrency/start_in_turn.h"
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

std::string ConsumerName(int thread) {
  char host[256] = "worker";
  gethostname(host, sizeof host - 1);
  std::string name = std::string(host) + ":" + std::to_string(getpid());
  return thread == 0 ? name : name + ":" + std::to_string(thread);
}

core::Status RunJob(const service::Job& job, const service::ProcessPorts& ports) {
  if (job.kind == service::kFlushJobKind) {
    return service::FlushConversation(job.tenant_id, job.subject_id, ports);
  }
  if (job.kind != service::kInboundJobKind)
    return core::Error::Permanent("unknown job kind \"" + job.kind + "\"");
  return service::ProcessInbound(job.tenant_id, job.subject_id, ports);
}

bool Retryable(const core::Error& error) {
  return error.is_transient() || error.code() == core::ErrorCode::kConflict;
}

struct WorkerApp;

// What one job thread owns.
struct JobThread {
  JobThread(const Config& config, WorkerApp& app, const adapters::crypto::SecretBox& box,
            int index);
  service::ProcessPorts Ports();

  WorkerApp& app;
  adapters::redis::RedisJobConsumer consumer;
  adapters::whatsapp::GraphMessenger messenger;
};

struct WorkerApp {
  explicit WorkerApp(const Config& config)
      // A job holds at most two connections at once: its customer's lock and one statement.
      // Commits do not wait for the WAL flush, except the mark before each send, which flushes
      // everything before it (connection.h, item 7); decisions and sent marks of threads that
      // commit at the same time share one transaction (PgConversationStore, SharedPipeline).
      : pool(config.database_url, 2 * config.worker_threads,
             adapters::postgres::Durability::kDeferred),
        queue(config.redis, QueueSettingsFor(config)),
        conversations(pool),
        tenants(pool),
        send_confirm_window(config.send_confirm_seconds) {}

  adapters::postgres::PgPool pool;
  adapters::redis::RedisJobQueue queue;  // readiness pings, reconciliation
  adapters::postgres::PgConversationStore conversations;
  adapters::postgres::PgTenantStore tenants;  // thread-safe, caches catalogs per version
  adapters::SystemClock clock;
  std::chrono::seconds send_confirm_window;
};

JobThread::JobThread(const Config& config, WorkerApp& app_in,
                     const adapters::crypto::SecretBox& box, int index)
    : app(app_in),
      consumer(config.redis, QueueSettingsFor(config, ConsumerName(index))),
      messenger(config.graph, app_in.pool, box) {}

service::ProcessPorts JobThread::Ports() {
  return {app.conversations,
          app.tenants,
          messenger,
          app.clock,
          app.send_confirm_window,
          [](const std::string& conversation_id, const core::Error& refused) {
            log::Warn("conversation event refused",
                      {{"conversation_id", conversation_id}, {"error", refused.message()}});
          }};
}

// Logs `message` about the job with what it is (kind, subject, tenant, attempt) and `extra`.
void LogJob(log::Level level, std::string_view message, const adapters::redis::Delivery& delivery,
            std::initializer_list<log::Field> extra) {
  if (!log::Enabled(level)) return;
  const std::string subject_key = std::string(service::JobSubject(delivery.job)) + "_id";
  const std::string attempt = std::to_string(delivery.attempt);
  std::vector<log::Field> fields = {{"kind", delivery.job.kind},
                                    {subject_key, delivery.job.subject_id},
                                    {"tenant_id", delivery.job.tenant_id},
                                    {"attempt", attempt},
                                    {"reclaimed", delivery.reclaimed ? "true" : "false"}};
  fields.insert(fields.end(), extra.begin(), extra.end());
  log::Write(level, message, fields);
}

// One line per job at info, when it ends, saying what the job was; its start only at debug (a
// line per job less for the journal to store).
void HandleDelivery(JobThread& thread, const adapters::redis::Delivery& delivery) {
  log::ScopedRequestId scope(delivery.job.request_id.empty() ? log::NewRequestId()
                                                             : delivery.job.request_id);
  LogJob(log::Level::kDebug, "job started", delivery, {});
  const auto started = Clock::now();
  const core::Status status = RunJob(delivery.job, thread.Ports());
  const std::string took = std::to_string(
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count() /
      1000.0);
  if (status) {
    // Acknowledged with the read of the next job (a crash before that only redelivers it).
    thread.consumer.AckWithNextCommand(delivery.entry_id);
    LogJob(log::Level::kInfo, "job done", delivery, {{"duration_ms", took}});
    return;
  }
  const std::string error = status.error().ToString();
  if (!Retryable(status.error())) {
    LogJob(log::Level::kError, "job failed permanently; moved to the dead-letter queue", delivery,
           {{"error", error}});
    if (auto buried = thread.consumer.Bury(delivery, error); !buried) {
      log::Warn("could not bury the job", {{"error", buried.error().ToString()}});
    }
    return;
  }
  auto retried = thread.consumer.Retry(delivery, error);
  if (!retried) {
    LogJob(log::Level::kWarn, "job failed and could not be rescheduled; it will be reclaimed",
           delivery, {{"error", error}, {"queue_error", retried.error().ToString()}});
  } else if (*retried) {
    LogJob(log::Level::kError, "job failed too many times; moved to the dead-letter queue",
           delivery, {{"error", error}});
  } else {
    LogJob(log::Level::kWarn, "job failed; retry scheduled", delivery, {{"error", error}});
  }
}

struct PeriodicSchedule {
  Clock::time_point next_promotion{};  // due retries moved back to the queue
  Clock::time_point next_run{};        // reconciliation and quote expiry
};

// How often due retries are looked for while jobs keep coming (an idle worker looks each time
// its read of the queue times out). Retry delays are whole seconds or more.
constexpr std::chrono::milliseconds kPromotionPeriod{100};

// Sends the acknowledgements of done jobs that wait for the thread's next read.
void AcknowledgeDoneJobs(JobThread& thread) {
  if (auto acked = thread.consumer.FlushAcks(); !acked) {
    log::Warn("jobs done but not acknowledged; they will be redelivered (harmless)",
              {{"error", acked.error().ToString()}});
  }
}

// Periodic jobs on the first thread: due retries back to the queue (every kPromotionPeriod),
// reconciliation and quote expiry (every PERIODIC_JOBS_SECONDS).
void RunPeriodicJobs(JobThread& thread, const Config& config, PeriodicSchedule& schedule) {
  WorkerApp& app = thread.app;
  if (Clock::now() >= schedule.next_promotion) {
    schedule.next_promotion = Clock::now() + kPromotionPeriod;
    if (auto promoted = thread.consumer.PromoteDue(); !promoted) {
      log::Warn("could not move due retries back to the queue",
                {{"error", promoted.error().ToString()}});
    }
  }
  if (Clock::now() < schedule.next_run) return;
  schedule.next_run = Clock::now() + std::chrono::seconds(config.periodic_jobs_seconds);
  AcknowledgeDoneJobs(thread);  // before work that may take a while
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
  auto expired = service::ExpireDueQuotes(thread.Ports(), 100);
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
                                             Needs::kGraph | Needs::kWorker);
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
  // A first job that takes longer than this (a slow send, a customer's lock held elsewhere)
  // does not hold the next thread back any longer.
  adapters::StartInTurn turns(std::chrono::milliseconds(200));
  StopSignals signals([&] {
    stopping = true;
    turns.OpenAll();
    adapters::systemd::NotifyStopping();
    log::Info("stopping: finishing the current job");
  });
  WorkerApp app(*config);
  if (!WaitUntilReady(app.pool, app.queue, stopping)) return 0;
  OpenConnectionsAhead(app.pool, 2 * config->worker_threads);
  std::vector<std::unique_ptr<JobThread>> threads;
  for (int i = 0; i < config->worker_threads; ++i) {
    threads.push_back(std::make_unique<JobThread>(*config, app, *box, i));
  }
  adapters::systemd::NotifyReady("consuming jobs");
  log::Info("ready", {{"graph_api_base", config->graph.base},
                      {"threads", std::to_string(config->worker_threads)}});

  const auto watchdog = adapters::systemd::WatchdogPingPeriod();
  PeriodicSchedule periodic;
  // The first thread is this one: it also pings the watchdog and runs the periodic jobs. The
  // threads begin in turn, each once the one before has done its first job (StartInTurn).
  const auto consume = [&](JobThread& thread, size_t turn) {
    const bool first = turn == 0;
    bool under_way = false;
    turns.WaitForTurn(turn);  // false when stopping, which the loop sees
    while (!stopping) {
      if (first) {
        if (watchdog) adapters::systemd::NotifyWatchdog();
        RunPeriodicJobs(thread, *config, periodic);
      }
      auto next = thread.consumer.Next();
      if (!next) {
        log::Warn("queue unavailable", {{"error", next.error().ToString()}});
        std::this_thread::sleep_for(std::chrono::seconds(1));
        continue;
      }
      if (*next) HandleDelivery(thread, **next);
      if (!under_way) turns.UnderWay(turn);  // a job done, or none waiting
      under_way = true;
    }
    AcknowledgeDoneJobs(thread);
  };
  std::vector<std::jthread> others;
  for (size_t i = 1; i < threads.size(); ++i) {
    others.emplace_back([&, i] { consume(*threads[i], i); });
  }
  consume(*threads[0], 0);
  others.clear();  // joins: every thread finishes its current job
  // How much the job threads' writes shared their transactions (SharedPipeline), and how
  // often a catalog was read (PgTenantStore).
  const auto writes = app.conversations.write_stats();
  log::Info("stopped", {{"write_units", std::to_string(writes.requests)},
                        {"write_transactions", std::to_string(writes.batches)},
                        {"largest_write_group", std::to_string(writes.largest)},
                        {"catalog_loads", std::to_string(app.tenants.loads())}});
  return 0;
}

}  // namespace orcazap::app
