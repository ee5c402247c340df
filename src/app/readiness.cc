#include "app/readiness.h"

#include <nlohmann/json.hpp>
#include <thread>

#include "adapters/log/log.h"
#include "adapters/postgres/migrations.h"
#include "adapters/systemd/systemd.h"

namespace orcazap::app {

std::string ReadinessPart::Word(const char* good) const {
  switch (state) {
    case State::kGood:
      return good;
    case State::kPending:
      return "pending";
    case State::kUnavailable:
      return "unavailable";
    case State::kUnknown:
      break;
  }
  return "unknown";
}

std::string ReadinessPart::Detail(const char* good) const {
  if (state == State::kUnavailable) return reason;  // the reason says it all
  return reason.empty() ? Word(good) : Word(good) + " (" + reason + ")";
}

std::string Readiness::PublicJson() const {
  return nlohmann::json{{"ready", ready},
                        {"postgres", postgres.Word("ok")},
                        {"migrations", migrations.Word("current")},
                        {"redis", redis.Word("ok")}}
      .dump();
}

std::string Readiness::Summary() const {
  return "postgres: " + PostgresDetail() + "; migrations: " + MigrationsDetail() +
         "; redis: " + RedisDetail();
}

Readiness CheckReadiness(adapters::postgres::PgPool& pool, adapters::redis::RedisJobQueue& queue) {
  using State = ReadinessPart::State;
  Readiness readiness;
  if (auto conn = pool.Acquire(); !conn) {
    readiness.postgres = {State::kUnavailable, conn.error().message()};
  } else if (auto current =
                 adapters::postgres::MigrationsCurrent(**conn, adapters::EmbeddedMigrations());
             !current) {
    readiness.postgres = {State::kUnavailable, current.error().message()};
  } else {
    readiness.postgres = {State::kGood, ""};
    readiness.migrations = *current ? ReadinessPart{State::kGood, ""}
                                    : ReadinessPart{State::kPending, "run: orcazap migrate up"};
  }
  if (auto pong = queue.Ping(); !pong) {
    readiness.redis = {State::kUnavailable, pong.error().message()};
  } else {
    readiness.redis = {State::kGood, ""};
  }
  readiness.ready = readiness.postgres.state == State::kGood &&
                    readiness.migrations.state == State::kGood &&
                    readiness.redis.state == State::kGood;
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
      adapters::log::Warn("not ready yet", {{"postgres", readiness.PostgresDetail()},
                                            {"migrations", readiness.MigrationsDetail()},
                                            {"redis", readiness.RedisDetail()}});
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
