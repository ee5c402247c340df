#include "app/readiness.h"

#include <nlohmann/json.hpp>
#include <thread>

#include "adapters/log/log.h"
#include "adapters/postgres/migrations.h"
#include "adapters/systemd/systemd.h"

namespace orcazap::app {

std::string Readiness::PublicJson() const {
  auto word = [](const std::string& state, const char* good) {
    return state == good ? good : "unavailable";
  };
  const char* migrated = migrations == "current"             ? "current"
                         : migrations.starts_with("pending") ? "pending"
                                                             : "unknown";
  return nlohmann::json{{"ready", ready},
                        {"postgres", word(postgres, "ok")},
                        {"migrations", migrated},
                        {"redis", word(redis, "ok")}}
      .dump();
}

std::string Readiness::Summary() const {
  return "postgres: " + postgres + "; migrations: " + migrations + "; redis: " + redis;
}

Readiness CheckReadiness(adapters::postgres::PgPool& pool, adapters::redis::RedisJobQueue& queue) {
  Readiness readiness;
  if (auto conn = pool.Acquire(); !conn) {
    readiness.postgres = conn.error().message();
  } else if (auto current =
                 adapters::postgres::MigrationsCurrent(**conn, adapters::EmbeddedMigrations());
             !current) {
    readiness.postgres = current.error().message();
  } else {
    readiness.postgres = "ok";
    readiness.migrations = *current ? "current" : "pending (run: orcazap migrate up)";
  }
  if (auto pong = queue.Ping(); !pong) {
    readiness.redis = pong.error().message();
  } else {
    readiness.redis = "ok";
  }
  readiness.ready =
      readiness.postgres == "ok" && readiness.migrations == "current" && readiness.redis == "ok";
  return readiness;
}

bool WaitUntilReady(adapters::postgres::PgPool& pool, adapters::redis::RedisJobQueue& queue,
                    const std::atomic<bool>& stop) {
  std::string last_summary;
  while (!stop) {
    const Readiness readiness = CheckReadiness(pool, queue);
    if (readiness.ready) return true;
    if (readiness.Summary() != last_summary) {
      last_summary = readiness.Summary();
      adapters::log::Warn("not ready yet", {{"postgres", readiness.postgres},
                                            {"migrations", readiness.migrations},
                                            {"redis", readiness.redis}});
      adapters::systemd::NotifyStatus("waiting: " + last_summary);
    }
    for (int i = 0; i < 10 && !stop; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

void OpenConnectionsAhead(adapters::postgres::PgPool& pool, int count) {
  if (auto opened = pool.Open(count); !opened) {
    adapters::log::Warn("could not open the database connections ahead; they open on demand",
                        {{"error", opened.error().ToString()}});
  }
}

}  // namespace orcazap::app
