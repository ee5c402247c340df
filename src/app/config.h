#pragma once
// Configuration from environment variables, validated at start. Only app/ reads it; adapters
// receive plain settings structs built from it.
//
// Contract: LoadConfig reports every missing or malformed variable at once, each naming the
// variable and what it expects; a process that gets an error must not start.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "adapters/log/log.h"
#include "adapters/redis/redis.h"
#include "adapters/whatsapp/graph_messenger.h"
#include "core/result.h"

namespace orcazap::app {

// What a command needs; decides which variables are required.
enum class Needs : unsigned {
  kDatabase = 1,
  kRedis = 2,
  kWebhook = 4,  // app secret
  kSecretKey = 8,
  kGraph = 16,  // the Graph API's address
  kHttp = 32,
  kWorker = 64,  // the worker's jobs and retries
};
constexpr Needs operator|(Needs a, Needs b) {
  return static_cast<Needs>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}
constexpr bool Has(Needs set, Needs flag) {
  return (static_cast<unsigned>(set) & static_cast<unsigned>(flag)) != 0;
}

struct Config {
  bool production = true;
  adapters::log::Format log_format = adapters::log::Format::kJson;
  adapters::log::Level log_level = adapters::log::Level::kInfo;
  std::string database_url;
  int database_pool_size = 16;
  adapters::redis::RedisSettings redis;
  std::string redis_key_prefix = "orcazap:";  // namespaces every Redis key (queues)
  std::string app_secret;                     // WHATSAPP_APP_SECRET
  bool verify_signatures = true;              // off only in development, explicitly
  // serve: ask WhatsApp before the panel saves a channel (CHANNEL_CHECK); off only in development
  bool check_channels = true;
  std::string secret_key_hex;  // SECRET_KEY
  adapters::whatsapp::GraphSettings graph;
  std::string http_host = "127.0.0.1";
  uint16_t http_port = 8000;
  int http_threads = 32;  // docs/operations.md, Capacity: why 32
  size_t max_body_bytes = 256 * 1024;
  int webhook_rate_per_second = 50;  // per client address
  int webhook_rate_burst = 200;
  std::string panel_base_domain;     // serve: admin panel on this domain's hosts; empty: no panel
  int session_idle_minutes = 120;    // serve: a panel session unused this long ends
  int periodic_jobs_seconds = 30;    // worker: how often reconciliation and quote expiry run
  int reconcile_after_seconds = 30;  // worker: unprocessed messages older than this are re-enqueued
  int send_confirm_seconds = 60;     // worker: wait for the status of a send that died midway
  int worker_threads = 8;            // worker: jobs processed at once
  int job_max_attempts = 8;
  int job_retry_base_ms = 1000;
  int job_claim_idle_seconds = 60;  // jobs of a worker silent this long are taken over
};

using EnvLookup = std::function<std::optional<std::string>(const char* name)>;
EnvLookup ProcessEnv();

core::Result<Config> LoadConfig(const EnvLookup& env, Needs needs);
// Builds Redis settings from "redis://[:password@]host[:port][/db]".
core::Result<adapters::redis::RedisSettings> ParseRedisUrl(const std::string& url);

// The table of variables, for --help.
std::string EnvironmentHelp();

// Queue names under the configured prefix; `consumer` names this process in the group.
adapters::redis::QueueSettings QueueSettingsFor(const Config& config, std::string consumer = "");

// Configures logging from the config for a process ("serve", "worker", ...).
void ConfigureLogging(const Config& config, const std::string& process);

}  // namespace orcazap::app
