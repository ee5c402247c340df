#pragma once
// A hiredis connection that reconnects by itself, and the Redis Streams job queue.
//
// Contract:
// 1. RedisConnection is not thread-safe; RedisJobQueue is (it serialises on a mutex).
// 2. Any I/O failure frees the context; the next command reconnects. Failures are kTransient.
// 3. Queue semantics: XADD to a stream; consumers in one group read with XREADGROUP and XACK
//    only after the job's effects are committed; entries of a dead consumer are reclaimed
//    with XAUTOCLAIM after `claim_idle`.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

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
};

// The producer side (webhook): thread-safe.
class RedisJobQueue : public service::JobQueue {
 public:
  RedisJobQueue(RedisSettings settings, QueueSettings queue);
  core::Status Enqueue(const service::Job& job) override;
  core::Status Ping();

 private:
  std::mutex mutex_;  // guards connection_
  RedisConnection connection_;
  QueueSettings queue_;
};

struct Delivery {
  std::string entry_id;  // stream entry id, for Ack
  service::Job job;
  long long delivery_count = 1;
};

// The consumer side (worker): one per thread.
class RedisJobConsumer {
 public:
  RedisJobConsumer(RedisSettings settings, QueueSettings queue);
  // Creates the stream and group when missing.
  core::Status EnsureGroup();
  // Next job: first a stale entry of a dead consumer, else a new entry (blocks up to `block`).
  core::Result<std::optional<Delivery>> Next();
  core::Status Ack(const std::string& entry_id);

 private:
  core::Result<std::optional<Delivery>> ClaimStale();
  RedisConnection connection_;
  QueueSettings queue_;
  bool group_ready_ = false;
};

}  // namespace orcazap::adapters::redis
