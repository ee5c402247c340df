#include "app/config.h"

#include <charconv>
#include <cstdlib>
#include <vector>

namespace orcazap::app {
namespace {

struct Variable {
  const char* name;
  const char* expects;
  const char* fallback;  // nullptr = required when needed
};

constexpr Variable kVariables[] = {
    {"ORCAZAP_ENV", "\"production\" or \"development\" (development: readable logs)", "production"},
    {"LOG_LEVEL", "debug, info, warn or error", "info"},
    {"DATABASE_URL", "a PostgreSQL URL, e.g. postgresql://orcazap:PASSWORD@127.0.0.1:5432/orcazap",
     nullptr},
    {"DATABASE_POOL_SIZE", "serve: connections to PostgreSQL, 1..64", "16"},
    {"REDIS_URL", "a Redis URL, e.g. redis://:PASSWORD@127.0.0.1:6379/0", nullptr},
    {"REDIS_KEY_PREFIX", "prefix of every Redis key, to share one Redis between environments",
     "orcazap:"},
    {"WHATSAPP_APP_SECRET", "the Meta app secret that signs webhooks", nullptr},
    {"WEBHOOK_SIGNATURE_CHECK", "\"on\", or \"off\" (development only)", "on"},
    {"SECRET_KEY", "64 hex characters (32 random bytes) that encrypt access tokens at rest",
     nullptr},
    {"GRAPH_API_BASE", "base URL of the WhatsApp Graph API (a local stand-in in development)",
     "https://graph.facebook.com"},
    {"GRAPH_API_VERSION", "Graph API version path segment, e.g. v21.0", "v21.0"},
    {"PERIODIC_JOBS_SECONDS",
     "worker: seconds between runs of the periodic jobs (unprocessed messages and unsent replies "
     "queued again, quotes past their validity expired), 1..3600",
     "30"},
    {"RECONCILE_AFTER_SECONDS",
     "worker: stored messages unprocessed for this many seconds are queued again, 1..86400", "30"},
    {"SEND_CONFIRM_SECONDS",
     "worker: a reply whose sender died mid-send is sent again only if WhatsApp reported no "
     "status for it within this many seconds, 1..3600",
     "60"},
    {"JOB_MAX_ATTEMPTS", "worker: attempts before a job goes to the dead-letter queue, 1..100",
     "8"},
    {"JOB_RETRY_BASE_MS",
     "worker: first retry delay in ms, doubled per attempt (max 5 min), 10..600000", "1000"},
    {"WORKER_THREADS",
     "worker: jobs processed at once, 1..32, with two PostgreSQL connections each (one "
     "customer's messages stay one at a time)",
     "8"},
    {"JOB_CLAIM_IDLE_SECONDS",
     "worker: a job unacknowledged this long (its worker died) is taken over, 1..3600", "60"},
    {"HTTP_LISTEN", "HOST:PORT for serve when not socket-activated by systemd", "127.0.0.1:8000"},
    {"HTTP_THREADS", "request threads for serve, 1..64 (each may wait on PostgreSQL)", "32"},
    {"PANEL_BASE_DOMAIN",
     "domain of the admin panel: the apex/www host serves sign-up and login, {slug}.DOMAIN a "
     "store's panel (\"localhost\" in development); empty: no panel",
     ""},
    {"SESSION_IDLE_MINUTES", "admin panel: minutes of inactivity that end a session, 5..10080",
     "120"},
    {"CHANNEL_CHECK",
     "admin panel: \"on\" (a WhatsApp channel is saved only once the Graph API confirms that its "
     "access token sees the phone number id in the WhatsApp Business Account), or \"off\" "
     "(development only: saved unasked)",
     "on"},
    {"WEBHOOK_RATE_PER_SECOND",
     "webhook requests per second per client address, 1..100000 "
     "(over it: 429)",
     "50"},
    {"WEBHOOK_RATE_BURST", "webhook requests a client may send at once, 1..100000", "200"},
    {"MAX_BODY_BYTES", "largest accepted request body in bytes, 1024..67108864 (larger: 413)",
     "262144"},
};

const Variable& Find(std::string_view name) {
  for (const auto& variable : kVariables) {
    if (name == variable.name) return variable;
  }
  std::abort();  // a programming error: every name used below is in the table
}

class Reader {
 public:
  Reader(const EnvLookup& env) : env_(env) {}

  std::string Get(const char* name, bool required) {
    const Variable& variable = Find(name);
    auto value = env_(name);
    if (value && !value->empty()) return *value;
    if (required && variable.fallback == nullptr) {
      problems_.push_back(std::string(name) + " is missing: expected " + variable.expects);
      return "";
    }
    return variable.fallback ? variable.fallback : "";
  }

  int GetInt(const char* name, int min, int max) {
    const std::string text = Get(name, true);
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
      Problem(name, text);
      return min;
    }
    return value;
  }

  void Problem(const char* name, const std::string& value) {
    problems_.push_back(std::string(name) + "=\"" + value + "\" is malformed: expected " +
                        Find(name).expects);
  }
  void ProblemSecret(const char* name) {
    problems_.push_back(std::string(name) + " is malformed: expected " + Find(name).expects);
  }

  core::Status Finish() const {
    if (problems_.empty()) return core::Ok();
    std::string message = "configuration error:";
    for (const auto& problem : problems_) message += "\n  - " + problem;
    return core::Error::InvalidInput(message);
  }

 private:
  const EnvLookup& env_;
  std::vector<std::string> problems_;
};

bool IsHex(const std::string& text) {
  for (char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::optional<std::pair<std::string, uint16_t>> ParseHostPort(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  int port = 0;
  const char* begin = text.data() + colon + 1;
  auto [end, error] = std::from_chars(begin, text.data() + text.size(), port);
  if (error != std::errc() || end != text.data() + text.size() || port < 0 || port > 65535) {
    return std::nullopt;
  }
  return std::make_pair(text.substr(0, colon), static_cast<uint16_t>(port));
}

}  // namespace

EnvLookup ProcessEnv() {
  return [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

core::Result<adapters::redis::RedisSettings> ParseRedisUrl(const std::string& url) {
  constexpr std::string_view kScheme = "redis://";
  if (!url.starts_with(kScheme)) return core::Error::InvalidInput("not a redis:// URL");
  std::string rest = url.substr(kScheme.size());
  adapters::redis::RedisSettings settings;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    std::string credentials = rest.substr(0, at);
    rest = rest.substr(at + 1);
    const auto colon = credentials.find(':');
    settings.password = colon == std::string::npos ? credentials : credentials.substr(colon + 1);
  }
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    const std::string db = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
    if (!db.empty()) {
      auto [end, error] = std::from_chars(db.data(), db.data() + db.size(), settings.db);
      if (error != std::errc() || end != db.data() + db.size() || settings.db < 0) {
        return core::Error::InvalidInput("database number \"" + db + "\" is not a number");
      }
    }
  }
  if (rest.empty()) return core::Error::InvalidInput("host is missing");
  if (auto host_port = ParseHostPort(rest)) {
    settings.host = host_port->first;
    settings.port = host_port->second;
  } else if (rest.find(':') != std::string::npos) {
    return core::Error::InvalidInput("port is not a number 0..65535");
  } else {
    settings.host = rest;
  }
  return settings;
}

core::Result<Config> LoadConfig(const EnvLookup& env, Needs needs) {
  Reader reader(env);
  Config config;
  const std::string mode = reader.Get("ORCAZAP_ENV", true);
  if (mode != "production" && mode != "development") reader.Problem("ORCAZAP_ENV", mode);
  config.production = mode != "development";
  config.log_format =
      config.production ? adapters::log::Format::kJson : adapters::log::Format::kText;
  const std::string level = reader.Get("LOG_LEVEL", true);
  if (auto parsed = adapters::log::ParseLevel(level))
    config.log_level = *parsed;
  else
    reader.Problem("LOG_LEVEL", level);

  if (Has(needs, Needs::kDatabase)) {
    config.database_url = reader.Get("DATABASE_URL", true);
    if (!config.database_url.empty() && !config.database_url.starts_with("postgresql://") &&
        !config.database_url.starts_with("postgres://")) {
      reader.ProblemSecret("DATABASE_URL");  // the URL may hold a password
    }
    config.database_pool_size = reader.GetInt("DATABASE_POOL_SIZE", 1, 64);
  }
  if (Has(needs, Needs::kRedis)) {
    const std::string url = reader.Get("REDIS_URL", true);
    if (!url.empty()) {
      if (auto parsed = ParseRedisUrl(url))
        config.redis = *parsed;
      else
        reader.ProblemSecret("REDIS_URL");
    }
    config.redis_key_prefix = reader.Get("REDIS_KEY_PREFIX", true);
  }
  if (Has(needs, Needs::kWebhook)) {
    const std::string check = reader.Get("WEBHOOK_SIGNATURE_CHECK", true);
    if (check != "on" && check != "off") reader.Problem("WEBHOOK_SIGNATURE_CHECK", check);
    config.verify_signatures = check != "off";
    if (!config.verify_signatures && config.production) {
      reader.Problem("WEBHOOK_SIGNATURE_CHECK", check + "\" with ORCAZAP_ENV=\"production");
    }
    config.app_secret = reader.Get("WHATSAPP_APP_SECRET", config.verify_signatures);
  }
  if (Has(needs, Needs::kSecretKey)) {
    config.secret_key_hex = reader.Get("SECRET_KEY", true);
    if (!config.secret_key_hex.empty() &&
        (config.secret_key_hex.size() != 64 || !IsHex(config.secret_key_hex))) {
      reader.ProblemSecret("SECRET_KEY");
    }
  }
  if (Has(needs, Needs::kGraph)) {
    config.graph.base = reader.Get("GRAPH_API_BASE", true);
    if (!config.graph.base.starts_with("http://") && !config.graph.base.starts_with("https://")) {
      reader.Problem("GRAPH_API_BASE", config.graph.base);
    }
    while (config.graph.base.ends_with("/")) config.graph.base.pop_back();
    config.graph.version = reader.Get("GRAPH_API_VERSION", true);
  }
  if (Has(needs, Needs::kWorker)) {
    config.periodic_jobs_seconds = reader.GetInt("PERIODIC_JOBS_SECONDS", 1, 3600);
    config.reconcile_after_seconds = reader.GetInt("RECONCILE_AFTER_SECONDS", 1, 86400);
    config.send_confirm_seconds = reader.GetInt("SEND_CONFIRM_SECONDS", 1, 3600);
    config.job_max_attempts = reader.GetInt("JOB_MAX_ATTEMPTS", 1, 100);
    config.job_retry_base_ms = reader.GetInt("JOB_RETRY_BASE_MS", 10, 600000);
    config.job_claim_idle_seconds = reader.GetInt("JOB_CLAIM_IDLE_SECONDS", 1, 3600);
    config.worker_threads = reader.GetInt("WORKER_THREADS", 1, 32);
  }
  if (Has(needs, Needs::kHttp)) {
    const std::string listen = reader.Get("HTTP_LISTEN", true);
    if (auto host_port = ParseHostPort(listen)) {
      config.http_host = host_port->first;
      config.http_port = host_port->second;
    } else {
      reader.Problem("HTTP_LISTEN", listen);
    }
    config.http_threads = reader.GetInt("HTTP_THREADS", 1, 64);
    config.max_body_bytes = static_cast<size_t>(reader.GetInt("MAX_BODY_BYTES", 1024, 64 << 20));
    config.webhook_rate_per_second = reader.GetInt("WEBHOOK_RATE_PER_SECOND", 1, 100000);
    config.webhook_rate_burst = reader.GetInt("WEBHOOK_RATE_BURST", 1, 100000);
    config.panel_base_domain = reader.Get("PANEL_BASE_DOMAIN", false);
    for (char c : config.panel_base_domain) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
      if (!ok) {
        reader.Problem("PANEL_BASE_DOMAIN", config.panel_base_domain);
        break;
      }
    }
    config.session_idle_minutes = reader.GetInt("SESSION_IDLE_MINUTES", 5, 10080);
    const std::string check = reader.Get("CHANNEL_CHECK", true);
    if (check != "on" && check != "off") reader.Problem("CHANNEL_CHECK", check);
    config.check_channels = check != "off";
    if (!config.check_channels && config.production) {
      reader.Problem("CHANNEL_CHECK", check + "\" with ORCAZAP_ENV=\"production");
    }
  }
  if (auto ok = reader.Finish(); !ok) return ok.error();
  return config;
}

std::string EnvironmentHelp() {
  std::string help = "Environment variables:\n";
  for (const auto& variable : kVariables) {
    help += "  " + std::string(variable.name) + "\n      " + variable.expects;
    help += variable.fallback ? std::string(" (default: ") + variable.fallback + ")\n"
                              : " (required)\n";
  }
  return help;
}

adapters::redis::QueueSettings QueueSettingsFor(const Config& config, std::string consumer) {
  adapters::redis::QueueSettings settings;
  settings.stream = config.redis_key_prefix + "jobs";
  settings.group = "workers";
  settings.consumer = std::move(consumer);
  settings.max_attempts = config.job_max_attempts;
  settings.base_backoff = std::chrono::milliseconds(config.job_retry_base_ms);
  settings.claim_idle = std::chrono::seconds(config.job_claim_idle_seconds);
  settings.block = std::chrono::milliseconds(1000);
  return settings;
}

void ConfigureLogging(const Config& config, const std::string& process) {
  adapters::log::Settings settings;
  settings.format = config.log_format;
  settings.min_level = config.log_level;
  settings.process = process;
  settings.journal = adapters::log::RunningUnderJournal();
  adapters::log::Configure(settings);
}

}  // namespace orcazap::app
