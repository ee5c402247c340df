#pragma once
// A hiredis connection that reconnects by itself, and the Redis Streams job queue.
//
// Contract:
// 1. RedisConnection is not thread-safe; RedisJobQueue is (it serialises on a mutex).
// 2. Any I/O failure frees the context; the next command reconnects. Failures are kTransient.
// 3. Queue semantics: XADD to a stream; consumers in one group read with XREADGROUP and XACK
//    only after the job's effects are committed (a done job's XACK normally travels with the
//    read of the next job); entries of a dead consumer are reclaimed with XAUTOCLAIM after
//    `claim_idle`.
// 4. A job that failed transiently is rescheduled (a sorted set scored by due time, moved back
//    to the stream by PromoteDue) with exponential backoff and jitter; after `max_attempts`
//    it goes to the dead-letter stream with its last error. Rescheduling writes the new entry
//    before acknowledging the old one, so a crash in between can only duplicate a job (jobs
//    are idempotent), never lose it.

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "adapters/concurrency/group_commit.h"
#include "core/result.h"
#include "service/ports.h"

struct redisContext;
struct redisReply;

namespace orcazap::adapters::redis {

struct RedisSettings {
  std::string host = "127.0.0.1";
  uint16_t port = 6379;
  std::string password;  // empty = no AUTH
  int db = 0;
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds command_timeout{5000};  // must exceed any BLOCK
};

// A reply flattened to what OrcaZap reads: nested arrays of strings/integers/nil.
struct Reply {
  enum class Type { kNil, kString, kInteger, kArray, kStatus } type = Type::kNil;
  std::string str;
  long long integer = 0;
  std::vector<Reply> elements;
};

class RedisConnection {
 public:
  explicit RedisConnection(RedisSettings settings);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Runs one command. A Redis error reply is kPermanent (with Redis's text), I/O is kTransient.
  core::Result<Reply> Command(const std::vector<std::string>& argv);
  // Runs the commands in one round trip (pipelining): one reply or error per command, in order.
  // An I/O failure fails every command whose reply was not read yet (kTransient: it may or may
  // not have run) and drops the connection.
  std::vector<core::Result<Reply>> Pipeline(std::span<const std::vector<std::string>> commands);
  std::vector<core::Result<Reply>> Pipeline(
      std::initializer_list<std::vector<std::string>> commands) {
    return Pipeline(std::span(commands.begin(), commands.size()));
  }

 private:
  core::Status EnsureConnected();
  void Drop();
  RedisSettings settings_;
  redisContext* context_ = nullptr;
};

struct QueueSettings {
  std::string stream = "orcazap:jobs";
  std::string group = "workers";
  std::string consumer;  // unique per worker process
  std::chrono::milliseconds block{2000};
  std::chrono::milliseconds claim_idle{60000};
  int max_attempts = 8;
  std::chrono::milliseconds base_backoff{1000};  // attempt n waits base × 2^(n-1), jittered
  std::chrono::milliseconds max_backoff{300000};

  std::string delayed() const { return stream + ":delayed"; }
  std::string dead() const { return stream + ":dead"; }
};

// The wait before attempt `next_attempt` (2, 3, ...): base × 2^(n-2) capped at max, then a
// uniformly random point in its upper half (`unit_random` in [0, 1)).
std::chrono::milliseconds BackoffFor(const QueueSettings& queue, int next_attempt,
                                     double unit_random);

// The producer side (webhook): thread-safe. Jobs enqueued by several threads at once are
// written together (group commit, adapters/concurrency/group_commit.h): the XADDs that arrive
// while others are in flight go in one pipelined round trip, each caller still getting its own
// job's outcome once Redis answered it.
class RedisJobQueue : public service::JobQueue {
 public:
  RedisJobQueue(RedisSettings settings, QueueSettings queue, int max_batch = 64);
  core::Status Enqueue(const service::Job& job) override;
  core::Status Ping();

  using Enqueues = GroupCommit<service::Job, void>;
  Enqueues::Stats enqueue_stats() { return enqueues_.stats(); }

 private:
  Enqueues::Results WriteEnqueues(const std::vector<const service::Job*>& jobs);

  std::mutex mutex_;  // guards connection_
  RedisConnection connection_;
  QueueSettings queue_;
  Enqueues enqueues_;
};

struct Delivery {
  std::string entry_id;  // stream entry id, for Ack
  service::Job job;
  int attempt = 1;         // 1 for the first try
  bool reclaimed = false;  // taken over from a consumer that stopped answering
};

struct DeadJob {
  std::string entry_id;
  service::Job job;
  int attempts = 0;
  std::string last_error;
  std::string failed_at;  // unix ms
};

struct QueueStats {
  long long waiting = 0;    // in the stream, not yet delivered
  long long in_flight = 0;  // delivered, not acknowledged
  long long delayed = 0;    // waiting for a retry
  long long dead = 0;
  long long oldest_in_flight_ms = 0;  // idle time of the oldest unacknowledged job
  long long oldest_waiting_ms = 0;    // age of the oldest job not yet delivered
};

// The consumer side (worker): one per thread.
class RedisJobConsumer {
 public:
  RedisJobConsumer(RedisSettings settings, QueueSettings queue);
  // Creates the stream and group when missing.
  core::Status EnsureGroup();
  // Next job: first a stale entry of a dead consumer (looked for at most every second, or every
  // claim_idle / 4 when shorter), else a new entry (blocks up to `block`).
  core::Result<std::optional<Delivery>> Next();
  // Acknowledges (XACK + XDEL) a job now, with the acknowledgements still due.
  core::Status Ack(const std::string& entry_id);
  // Acknowledges a done job with the next command this consumer sends, normally the read of
  // the next job (Next), so that it costs no round trip of its own. Until then the job stays
  // pending in the group: a crash in between only redelivers it (jobs are idempotent).
  void AckWithNextCommand(const std::string& entry_id);
  // Sends the acknowledgements still due: before work that may take a while, and when stopping.
  core::Status FlushAcks();
  // Reschedules a transiently failed job (or buries it after max_attempts). Returns true when
  // it was buried in the dead-letter stream.
  core::Result<bool> Retry(const Delivery& delivery, const std::string& error);
  // Moves a job that can never succeed to the dead-letter stream.
  core::Status Bury(const Delivery& delivery, const std::string& error);
  // Moves due retries back to the stream; returns how many.
  core::Result<int> PromoteDue();

 private:
  core::Result<std::optional<Delivery>> ClaimStale();
  // `argv` sent after the acknowledgements still due, in one round trip; its own reply.
  // Acknowledgements that failed for want of Redis stay due.
  core::Result<Reply> Run(std::vector<std::string> argv);
  std::vector<std::vector<std::string>> AckCommandsDue() const;  // XACK and XDEL of each
  // Clears the acknowledgements due unless `replies` (to AckCommandsDue) say Redis was unreachable.
  void KeepAcksDueIfUnsent(const std::vector<core::Result<Reply>>& replies);
  RedisConnection connection_;
  std::vector<std::string> acks_due_;  // entry ids of done jobs not yet acknowledged
  QueueSettings queue_;
  bool group_ready_ = false;
  std::chrono::steady_clock::time_point next_claim_check_{};  // when Next() looks for stale jobs
};

// What the operator sees and does (orcazap queue ...).
class QueueAdmin {
 public:
  QueueAdmin(RedisSettings settings, QueueSettings queue);
  core::Result<QueueStats> Stats();
  core::Result<std::vector<DeadJob>> Dead(int limit);
  // Puts a dead job back on the stream as a first attempt; kNotFound for an unknown id.
  core::Status RetryDead(const std::string& entry_id);
  core::Result<int> RetryAllDead();
  core::Result<int> PurgeDead();

 private:
  RedisConnection connection_;
  QueueSettings queue_;
};

}  // namespace orcazap::adapters::redis
