#pragma once
// Whether a process can do its work: PostgreSQL answers, migrations are current, Redis answers.

#include <atomic>
#include <string>

#include "adapters/postgres/connection.h"
#include "adapters/redis/redis.h"

namespace orcazap::app {

// One thing a process needs, as a state with the reason it is not good.
struct ReadinessPart {
  enum class State { kUnknown, kGood, kPending, kUnavailable };
  State state = State::kUnknown;
  std::string reason;  // why it is not good (kPending, kUnavailable): for the log only

  // One word: `good` ("ok", "current"), "pending", "unavailable" or "unknown".
  std::string Word(const char* good) const;
  // The word, with the reason after it when there is one.
  std::string Detail(const char* good) const;
};

struct Readiness {
  bool ready = false;
  ReadinessPart postgres;    // good: "ok"
  ReadinessPart migrations;  // good: "current"; pending, or unknown while PostgreSQL is not ok
  ReadinessPart redis;       // good: "ok"
  // The answer of the public GET /ready: each part as one word. The reasons stay out of it (a
  // connection error names hosts and users, a malformed URL may be echoed whole): they go to the
  // log.
  std::string PublicJson() const;
  // Every part with its reason, for the log and systemd's status line.
  std::string Summary() const;
  // The log fields of Summary, one per part.
  std::string PostgresDetail() const { return postgres.Detail("ok"); }
  std::string MigrationsDetail() const { return migrations.Detail("current"); }
  std::string RedisDetail() const { return redis.Detail("ok"); }
};

Readiness CheckReadiness(adapters::postgres::PgPool& pool, adapters::redis::RedisJobQueue& queue);

// Checks every `period` until ready or `stop` is set; logs what is missing while waiting.
// Returns whether it became ready.
bool WaitUntilReady(adapters::postgres::PgPool& pool, adapters::redis::RedisJobQueue& queue,
                    const std::atomic<bool>& stop);

// Opens `count` of the pool's connections now rather than under the first load after a start
// (a new PostgreSQL backend costs milliseconds of both processes' CPU, which the first messages
// would otherwise wait for). A failure is logged; the rest then open on demand.
void OpenConnectionsAhead(adapters::postgres::PgPool& pool, int count);

}  // namespace orcazap::app
