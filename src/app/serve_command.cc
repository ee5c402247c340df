// orcazap serve: the HTTP process (webhooks, health, readiness, the admin panel).
#include <CLI/CLI.hpp>
#include <atomic>
#include <iostream>
#include <thread>

#include "adapters/clock/system_clock.h"
#include "adapters/crypto/password.h"
#include "adapters/crypto/secret_box.h"
#include "adapters/http/router.h"
#include "adapters/http/server.h"
#include "adapters/http/webhook_routes.h"
#include "adapters/log/log.h"
#include "adapters/postgres/account_store.h"
#include "adapters/postgres/approval_store.h"
#include "adapters/postgres/audit_reader.h"
#include "adapters/postgres/catalog_editor.h"
#include "adapters/postgres/channel_store.h"
#include "adapters/postgres/connection.h"
#include "adapters/postgres/freight_admin_store.h"
#include "adapters/postgres/inbox_store.h"
#include "adapters/postgres/pricing_admin_store.h"
#include "adapters/postgres/quote_lister.h"
#include "adapters/postgres/team_store.h"
#include "adapters/postgres/tenant_store.h"
#include "adapters/postgres/text_admin_store.h"
#include "adapters/postgres/webhook_store.h"
#include "adapters/redis/redis.h"
#include "adapters/redis/session_store.h"
#include "adapters/systemd/systemd.h"
#include "adapters/web/catalog_pages.h"
#include "adapters/web/panel.h"
#include "adapters/whatsapp/graph_channel_verifier.h"
#include "app/commands.h"
#include "app/config.h"
#include "app/panel_catalog_files.h"
#include "app/readiness.h"
#include "app/signals.h"

namespace orcazap::app {
namespace {

namespace http = adapters::http;
namespace log = adapters::log;

// CHANNEL_CHECK=off (development only): every channel is saved as typed, WhatsApp unasked.
class UncheckedChannels : public service::ChannelVerifier {
 public:
  core::Result<service::NumberCheck> CheckNumber(const std::string&, const std::string&,
                                                 const std::string&) override {
    return service::NumberCheck{service::NumberCheck::Outcome::kConfirmed, "", 0, "not asked"};
  }
};

std::unique_ptr<service::ChannelVerifier> ChannelVerifierFor(const Config& config) {
  if (!config.check_channels) return std::make_unique<UncheckedChannels>();
  return std::make_unique<adapters::whatsapp::GraphChannelVerifier>(config.graph);
}

// Everything serve owns, in dependency order.
struct ServeApp {
  ServeApp(const Config& config, const adapters::crypto::SecretBox& box)
      : pool(config.database_url, config.database_pool_size),
        queue(config.redis, QueueSettingsFor(config)),
        store(pool),
        webhooks({config.app_secret, config.verify_signatures,
                  static_cast<double>(config.webhook_rate_per_second),
                  static_cast<double>(config.webhook_rate_burst)},
                 store, queue),
        accounts(pool),
        approvals(pool),
        tenants(pool),
        catalog(pool),
        catalog_files(pool),
        inbox(pool),
        channels(pool),
        channel_verifier(ChannelVerifierFor(config)),
        team(pool),
        audit(pool),
        texts(pool),
        freight(pool),
        quotes(pool),
        pricing(pool),
        sessions(config.redis,
                 {config.redis_key_prefix, std::chrono::minutes(config.session_idle_minutes)}) {
    if (!config.panel_base_domain.empty()) {
      panel = std::make_unique<adapters::web::Panel>(
          adapters::web::PanelSettings{config.panel_base_domain, config.production},
          adapters::web::PanelPorts{
              service::AccountPorts{accounts, sessions, sessions, hasher}, accounts,
              service::ApprovalPorts{approvals, tenants, queue, clock}, catalog, catalog_files,
              service::ReplyPorts{inbox, queue, clock}, channels, *channel_verifier, box, team,
              audit, texts, freight, quotes, pricing});
      router.SetFront([this](const http::Request& request) { return panel->Handle(request); });
    }
    router.Add("GET", "/health", [](const http::Request&) {
      return http::Response::Json(200, R"({"status":"ok"})");
    });
    router.Add("GET", "/ready", [this](const http::Request&) {
      const Readiness readiness = CheckReadiness(pool, queue);
      if (!readiness.ready) {
        log::Warn("not ready", {{"postgres", readiness.PostgresDetail()},
                                {"migrations", readiness.MigrationsDetail()},
                                {"redis", readiness.RedisDetail()}});
      }
      return http::Response::Json(readiness.ready ? 200 : 503, readiness.PublicJson());
    });
    router.Add("GET", "/webhooks/whatsapp",
               [this](const http::Request& request) { return webhooks.Verify(request); });
    router.Add("POST", "/webhooks/whatsapp",
               [this](const http::Request& request) { return webhooks.Receive(request); });
  }

  adapters::postgres::PgPool pool;
  adapters::redis::RedisJobQueue queue;
  adapters::postgres::PgWebhookStore store;
  http::WebhookRoutes webhooks;
  adapters::postgres::PgAccountStore accounts;
  adapters::postgres::PgApprovalStore approvals;
  adapters::postgres::PgTenantStore tenants;
  adapters::postgres::PgCatalogEditor catalog;
  PanelCatalogFiles catalog_files;
  adapters::postgres::PgInboxStore inbox;
  adapters::postgres::PgChannelStore channels;
  std::unique_ptr<service::ChannelVerifier> channel_verifier;
  adapters::postgres::PgTeamStore team;
  adapters::postgres::PgAuditReader audit;
  adapters::postgres::PgTextAdmin texts;
  adapters::postgres::PgFreightAdmin freight;
  adapters::postgres::PgQuoteLister quotes;
  adapters::postgres::PgPricingAdmin pricing;
  adapters::SystemClock clock;
  adapters::redis::RedisSessionStore sessions;
  adapters::crypto::Argon2PasswordHasher hasher;
  std::unique_ptr<adapters::web::Panel> panel;  // when PANEL_BASE_DOMAIN is set
  http::Router router;
};

http::ServerSettings ServerSettingsFrom(const Config& config) {
  http::ServerSettings settings;
  settings.host = config.http_host;
  settings.port = config.http_port;
  settings.threads = config.http_threads;
  settings.max_body_bytes = config.max_body_bytes;
  settings.larger_bodies = {
      {adapters::web::kCatalogImportPath,
       std::max(config.max_body_bytes, adapters::web::kCatalogImportBodyBytes)}};
  if (auto fd = adapters::systemd::ListenFd()) settings.listen_fd = *fd;
  return settings;
}

}  // namespace

int RunServe(int argc, char** argv) {
  CLI::App cli("Serve HTTP: WhatsApp webhooks, /health, /ready, and the admin panel.",
               "orcazap serve");
  cli.footer(EnvironmentHelp());
  CLI11_PARSE(cli, argc, argv);

  auto config = LoadConfig(ProcessEnv(), Needs::kDatabase | Needs::kRedis | Needs::kWebhook |
                                             Needs::kHttp | Needs::kSecretKey | Needs::kGraph);
  if (!config) {
    std::cerr << "orcazap serve: " << config.error().message() << "\n";
    return 2;
  }
  auto box = adapters::crypto::SecretBox::FromHex(config->secret_key_hex);
  if (!box) {
    std::cerr << "orcazap serve: SECRET_KEY: " << box.error().message() << "\n";
    return 2;
  }
  ConfigureLogging(*config, "serve");
  if (!config->verify_signatures) log::Warn("webhook signature check is OFF (development only)");
  if (!config->check_channels && !config->panel_base_domain.empty()) {
    log::Warn("channel check is OFF (development only): the panel saves WhatsApp channels unasked");
  }

  std::atomic<bool> stopping = false;
  std::unique_ptr<http::Server> server;
  StopSignals signals([&] {
    stopping = true;
    adapters::systemd::NotifyStopping();
    log::Info("stopping: draining in-flight requests");
    if (server) server->Stop();
  });

  ServeApp app(*config, *box);
  const http::ServerSettings settings = ServerSettingsFrom(*config);
  try {
    server = std::make_unique<http::Server>(
        settings, [&app](const http::Request& request) { return app.router.Handle(request); });
  } catch (const std::exception& error) {
    log::Error("cannot listen", {{"error", error.what()}});
    return 1;
  }
  if (auto period = adapters::systemd::WatchdogPingPeriod()) {
    server->SetTick(*period, [] { adapters::systemd::NotifyWatchdog(); });
  }
  log::Info("listening", {{"address", settings.listen_fd >= 0
                                          ? std::string("socket from systemd")
                                          : settings.host + ":" + std::to_string(server->port())}});

  std::thread readiness([&] {
    if (WaitUntilReady(app.pool, app.queue, stopping)) {
      adapters::systemd::NotifyReady("serving");
      log::Info("ready");
    }
  });
  server->Run();
  stopping = true;
  readiness.join();
  log::Info("stopped");
  return 0;
}

}  // namespace orcazap::app
