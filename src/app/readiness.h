#pragma once
// Whether a process can do its work: PostgreSQL answers, migrations are current, Redis answers.

#include <atomic>
#include <string>

#include "adapters/postgres/connection.h"
#include "adapters/redis/redis.h"

namespace orcazap::app {

struct Readiness {
  bool ready = false;
  std::string postgres = "unknown";    // "ok" or why not
  std::string migrations = "unknown";  // "current" or why not
  std::string redis = "unknown";       // "ok" or why not
  // The answer of the public GET /ready: each part as one word ("ok", "unavailable";
  // migrations "current", "pending" or "unknown"). The reasons stay out of it (a connection
  // error names hosts and users, a malformed URL may be echoed whole): they go to the log.
  std::string PublicJson() const;
  // Every part with its reason, for the log and systemd's status line.
  std::string Summary() const;
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
