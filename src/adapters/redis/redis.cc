#include "adapters/redis/redis.h"

#include <hiredis/hiredis.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

namespace orcazap::adapters::redis {
namespace {

timeval ToTimeval(std::chrono::milliseconds ms) {
  return {static_cast<time_t>(ms.count() / 1000),
          static_cast<suseconds_t>((ms.count() % 1000) * 1000)};
}

Reply Flatten(const redisReply* raw) {
  Reply reply;
  switch (raw->type) {
    case REDIS_REPLY_STRING:
      reply.type = Reply::Type::kString;
      reply.str.assign(raw->str, raw->len);
      break;
    case REDIS_REPLY_STATUS:
      reply.type = Reply::Type::kStatus;
      reply.str.assign(raw->str, raw->len);
      break;
    case REDIS_REPLY_INTEGER:
      reply.type = Reply::Type::kInteger;
      reply.integer = raw->integer;
      break;
    case REDIS_REPLY_ARRAY:
      reply.type = Reply::Type::kArray;
      for (size_t i = 0; i < raw->elements; ++i) reply.elements.push_back(Flatten(raw->element[i]));
      break;
    default:
      reply.type = Reply::Type::kNil;
  }
  return reply;
}

struct EntryFields {
  service::Job job;
  int attempt = 1;
  std::string last_error;
  std::string failed_at;
};

// Fields of a stream entry [id, [k1, v1, k2, v2...]].
EntryFields FieldsOf(const Reply& entry) {
  EntryFields fields;
  if (entry.elements.size() < 2) return fields;
  const auto& pairs = entry.elements[1].elements;
  for (size_t i = 0; i + 1 < pairs.size(); i += 2) {
    const std::string& key = pairs[i].str;
    const std::string& value = pairs[i + 1].str;
    if (key == "kind")
      fields.job.kind = value;
    else if (key == "tenant_id")
      fields.job.tenant_id = value;
    else if (key == "message_id")
      fields.job.subject_id = value;
    else if (key == "request_id")
      fields.job.request_id = value;
    else if (key == "attempt")
      fields.attempt = std::max(1, std::atoi(value.c_str()));
    else if (key == "last_error")
      fields.last_error = value;
    else if (key == "failed_at")
      fields.failed_at = value;
  }
  return fields;
}

std::optional<Delivery> ToDelivery(const Reply& entry) {
  if (entry.type != Reply::Type::kArray || entry.elements.size() < 2) return std::nullopt;
  EntryFields fields = FieldsOf(entry);
  return Delivery{entry.elements[0].str, std::move(fields.job), fields.attempt, false};
}

// A job's stream fields; subject_id goes as "message_id" (service::Job).
std::vector<std::string> JobFields(const service::Job& job, int attempt) {
  return {"kind",         job.kind,     "tenant_id",    job.tenant_id, "message_id",
          job.subject_id, "request_id", job.request_id, "attempt",     std::to_string(attempt)};
}

long long NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Moves due members of the retry set back to the stream, atomically.
constexpr char kPromoteScript[] = R"lua(
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 100)
for _, member in ipairs(due) do
  local job = cjson.decode(member)
  redis.call('XADD', KEYS[2], '*', 'kind', job.kind, 'tenant_id', job.tenant_id,
             'message_id', job.message_id, 'request_id', job.request_id,
             'attempt', tostring(job.attempt), 'last_error', job.last_error)
  redis.call('ZREM', KEYS[1], member)
end
return #due)lua";

}  // namespace

RedisConnection::RedisConnection(RedisSettings settings) : settings_(std::move(settings)) {}
RedisConnection::~RedisConnection() { Drop(); }

void RedisConnection::Drop() {
  if (context_) redisFree(context_);
  context_ = nullptr;
}

core::Status RedisConnection::EnsureConnected() {
  if (context_) return core::Ok();
  context_ = redisConnectWithTimeout(settings_.host.c_str(), settings_.port,
                                     ToTimeval(settings_.connect_timeout));
  if (context_ == nullptr || context_->err) {
    std::string why = context_ ? context_->errstr : "out of memory";
    Drop();
    return core::Error::Transient("cannot connect to Redis at " + settings_.host + ":" +
                                  std::to_string(settings_.port) + ": " + why);
  }
  redisSetTimeout(context_, ToTimeval(settings_.command_timeout));
  auto command = [&](std::vector<std::string> argv) -> core::Status {
    std::vector<const char*> args;
    std::vector<size_t> lengths;
    for (auto& a : argv) {
      args.push_back(a.data());
      lengths.push_back(a.size());
    }
    auto* raw = static_cast<redisReply*>(
        redisCommandArgv(context_, static_cast<int>(args.size()), args.data(), lengths.data()));
    if (raw == nullptr) return core::Error::Transient("Redis connection lost during setup");
    const bool failed = raw->type == REDIS_REPLY_ERROR;
    std::string why = failed ? std::string(raw->str, raw->len) : "";
    freeReplyObject(raw);
    if (failed) return core::Error::Permanent("Redis refused " + argv[0] + ": " + why);
    return core::Ok();
  };
  if (!settings_.password.empty()) {
    if (auto ok = command({"AUTH", settings_.password}); !ok) {
      Drop();
      return ok;
    }
  }
  if (settings_.db != 0) {
    if (auto ok = command({"SELECT", std::to_string(settings_.db)}); !ok) {
      Drop();
      return ok;
    }
  }
  return core::Ok();
}

core::Result<Reply> RedisConnection::Command(const std::vector<std::string>& argv) {
  auto replies = Pipeline(std::span(&argv, 1));
  return std::move(replies.front());
}

namespace {

// A reply as a result: Redis's error replies become errors (kTransient for the ones a retry
// may outlive), anything else is flattened.
core::Result<Reply> ReplyOrError(const std::string& command, redisReply* raw) {
  if (raw->type == REDIS_REPLY_ERROR) {
    std::string why(raw->str, raw->len);
    freeReplyObject(raw);
    if (why.starts_with("LOADING") || why.starts_with("BUSY ") || why.starts_with("TRYAGAIN")) {
      return core::Error::Transient("Redis " + command + ": " + why);
    }
    return core::Error::Permanent("Redis " + command + ": " + why);
  }
  Reply reply = Flatten(raw);
  freeReplyObject(raw);
  return reply;
}

}  // namespace

std::vector<core::Result<Reply>> RedisConnection::Pipeline(
    std::span<const std::vector<std::string>> commands) {
  std::vector<core::Result<Reply>> replies;
  replies.reserve(commands.size());
  if (auto ok = EnsureConnected(); !ok) {
    for (size_t i = 0; i < commands.size(); ++i) replies.emplace_back(ok.error());
    return replies;
  }
  std::vector<const char*> args;
  std::vector<size_t> lengths;
  for (const auto& argv : commands) {
    args.clear();
    lengths.clear();
    for (const auto& a : argv) {
      args.push_back(a.data());
      lengths.push_back(a.size());
    }
    // Only buffers the command (out of memory is the only failure); the first read writes all.
    redisAppendCommandArgv(context_, static_cast<int>(args.size()), args.data(), lengths.data());
  }
  for (const auto& argv : commands) {
    void* raw = nullptr;
    if (context_ == nullptr || redisGetReply(context_, &raw) != REDIS_OK || raw == nullptr) {
      std::string why = context_ ? context_->errstr : "connection lost earlier in the pipeline";
      Drop();
      replies.emplace_back(core::Error::Transient("Redis " + argv.front() + " failed: " + why));
      continue;
    }
    replies.push_back(ReplyOrError(argv.front(), static_cast<redisReply*>(raw)));
  }
  return replies;
}

RedisJobQueue::RedisJobQueue(RedisSettings settings, QueueSettings queue, int max_batch)
    : connection_(std::move(settings)),
      queue_(std::move(queue)),
      enqueues_(max_batch, 1, [this](const std::vector<const service::Job*>& jobs) {
        return WriteEnqueues(jobs);
      }) {}

std::chrono::milliseconds BackoffFor(const QueueSettings& queue, int next_attempt,
                                     double unit_random) {
  long long wait = queue.base_backoff.count();
  for (int i = 2; i < next_attempt && wait < queue.max_backoff.count(); ++i) wait *= 2;
  wait = std::min(wait, static_cast<long long>(queue.max_backoff.count()));
  return std::chrono::milliseconds(wait / 2 + static_cast<long long>(unit_random * (wait / 2)));
}

core::Status RedisJobQueue::Enqueue(const service::Job& job) { return enqueues_.Submit(job); }

RedisJobQueue::Enqueues::Results RedisJobQueue::WriteEnqueues(
    const std::vector<const service::Job*>& jobs) {
  std::vector<std::vector<std::string>> commands;
  commands.reserve(jobs.size());
  for (const service::Job* job : jobs) {
    std::vector<std::string> argv = {"XADD", queue_.stream, "*"};
    for (auto& field : JobFields(*job, 1)) argv.push_back(std::move(field));
    commands.push_back(std::move(argv));
  }
  std::lock_guard lock(mutex_);
  Enqueues::Results results;
  results.reserve(jobs.size());
  for (auto& added : connection_.Pipeline(commands)) {
    results.push_back(added ? core::Ok() : core::Status(added.error()));
  }
  return results;
}

core::Status RedisJobQueue::Ping() {
  std::lock_guard lock(mutex_);
  auto pong = connection_.Command({"PING"});
  if (!pong) return pong.error();
  return core::Ok();
}

RedisJobConsumer::RedisJobConsumer(RedisSettings settings, QueueSettings queue)
    : connection_(std::move(settings)), queue_(std::move(queue)) {}

core::Status RedisJobConsumer::EnsureGroup() {
  auto created =
      connection_.Command({"XGROUP", "CREATE", queue_.stream, queue_.group, "0", "MKSTREAM"});
  if (!created && created.error().message().find("BUSYGROUP") == std::string::npos) {
    return created.error();
  }
  group_ready_ = true;
  return core::Ok();
}

core::Result<std::optional<Delivery>> RedisJobConsumer::ClaimStale() {
  auto claimed = Run({"XAUTOCLAIM", queue_.stream, queue_.group, queue_.consumer,
                      std::to_string(queue_.claim_idle.count()), "0-0", "COUNT", "1"});
  if (!claimed) return claimed.error();
  if (claimed->elements.size() < 2 || claimed->elements[1].elements.empty()) {
    return std::optional<Delivery>();
  }
  auto delivery = ToDelivery(claimed->elements[1].elements[0]);
  if (delivery) delivery->reclaimed = true;
  return delivery;
}

core::Result<std::optional<Delivery>> RedisJobConsumer::Next() {
  if (!group_ready_) {
    if (auto ok = EnsureGroup(); !ok) return ok.error();
  }
  // Stale entries are at least claim_idle old: looking for them a few times per claim_idle (and
  // at most every second) reclaims them nearly as soon, without a round trip per job.
  const auto now = std::chrono::steady_clock::now();
  if (now >= next_claim_check_) {
    auto stale = ClaimStale();
    if (!stale) {
      if (stale.error().message().find("NOGROUP") != std::string::npos) group_ready_ = false;
      return stale.error();
    }
    if (*stale) return stale;  // there may be more: look again next time
    next_claim_check_ = now + std::min<std::chrono::steady_clock::duration>(std::chrono::seconds(1),
                                                                            queue_.claim_idle / 4);
  }
  auto read = Run({"XREADGROUP", "GROUP", queue_.group, queue_.consumer, "COUNT", "1", "BLOCK",
                   std::to_string(queue_.block.count()), "STREAMS", queue_.stream, ">"});
  if (!read) {
    if (read.error().message().find("NOGROUP") != std::string::npos) group_ready_ = false;
    return read.error();
  }
  // [[stream, [[id, fields]]]] or nil on timeout.
  if (read->type != Reply::Type::kArray || read->elements.empty()) return std::optional<Delivery>();
  const auto& entries = read->elements[0].elements.size() > 1
                            ? read->elements[0].elements[1].elements
                            : std::vector<Reply>{};
  if (entries.empty()) return std::optional<Delivery>();
  return ToDelivery(entries[0]);
}

core::Status RedisJobConsumer::Ack(const std::string& entry_id) {
  AckWithNextCommand(entry_id);
  return FlushAcks();
}

void RedisJobConsumer::AckWithNextCommand(const std::string& entry_id) {
  acks_due_.push_back(entry_id);
}

core::Status RedisJobConsumer::FlushAcks() {
  if (acks_due_.empty()) return core::Ok();
  auto replies = connection_.Pipeline(AckCommandsDue());
  for (auto& reply : replies) {
    if (!reply) {
      KeepAcksDueIfUnsent(replies);
      return reply.error();
    }
  }
  acks_due_.clear();
  return core::Ok();
}

core::Result<Reply> RedisJobConsumer::Run(std::vector<std::string> argv) {
  if (acks_due_.empty()) return connection_.Command(argv);
  std::vector<std::vector<std::string>> commands = AckCommandsDue();
  commands.push_back(std::move(argv));
  auto replies = connection_.Pipeline(commands);
  auto own = std::move(replies.back());
  replies.pop_back();
  KeepAcksDueIfUnsent(replies);
  return own;
}

std::vector<std::vector<std::string>> RedisJobConsumer::AckCommandsDue() const {
  // Done entries leave the stream, so its length is what is still to do.
  std::vector<std::vector<std::string>> commands;
  commands.reserve(2 * acks_due_.size() + 1);
  for (const std::string& entry_id : acks_due_) {
    commands.push_back({"XACK", queue_.stream, queue_.group, entry_id});
    commands.push_back({"XDEL", queue_.stream, entry_id});
  }
  return commands;
}

void RedisJobConsumer::KeepAcksDueIfUnsent(const std::vector<core::Result<Reply>>& replies) {
  // Kept when Redis could not be reached; one Redis refused (the group is gone) would be refused
  // again.
  const bool unsent = std::any_of(replies.begin(), replies.end(), [](const auto& reply) {
    return !reply && reply.error().is_transient();
  });
  if (!unsent) acks_due_.clear();
}

core::Result<bool> RedisJobConsumer::Retry(const Delivery& delivery, const std::string& error) {
  const int next = delivery.attempt + 1;
  if (next > queue_.max_attempts) {
    if (auto buried = Bury(delivery, error); !buried) return buried.error();
    return true;
  }
  const double unit = randombytes_uniform(1000000) / 1000000.0;
  const long long due = NowMs() + BackoffFor(queue_, next, unit).count();
  const nlohmann::json member = {{"kind", delivery.job.kind},
                                 {"tenant_id", delivery.job.tenant_id},
                                 {"message_id", delivery.job.subject_id},
                                 {"request_id", delivery.job.request_id},
                                 {"attempt", next},
                                 {"last_error", error},
                                 {"entry", delivery.entry_id}};
  auto scheduled = Run({"ZADD", queue_.delayed(), std::to_string(due), member.dump()});
  if (!scheduled) return scheduled.error();
  if (auto acked = Ack(delivery.entry_id); !acked) return acked.error();
  return false;
}

core::Status RedisJobConsumer::Bury(const Delivery& delivery, const std::string& error) {
  std::vector<std::string> argv = {"XADD", queue_.dead(), "*"};
  for (auto& field : JobFields(delivery.job, delivery.attempt)) argv.push_back(std::move(field));
  argv.insert(argv.end(), {"last_error", error, "failed_at", std::to_string(NowMs())});
  auto added = Run(std::move(argv));
  if (!added) return added.error();
  return Ack(delivery.entry_id);
}

core::Result<int> RedisJobConsumer::PromoteDue() {
  auto moved =
      Run({"EVAL", kPromoteScript, "2", queue_.delayed(), queue_.stream, std::to_string(NowMs())});
  if (!moved) return moved.error();
  return static_cast<int>(moved->integer);
}

QueueAdmin::QueueAdmin(RedisSettings settings, QueueSettings queue)
    : connection_(std::move(settings)), queue_(std::move(queue)) {}

core::Result<QueueStats> QueueAdmin::Stats() {
  QueueStats stats;
  auto length = connection_.Command({"XLEN", queue_.stream});
  if (!length) return length.error();
  auto pending = connection_.Command({"XPENDING", queue_.stream, queue_.group});
  if (pending) {
    if (!pending->elements.empty()) stats.in_flight = pending->elements[0].integer;
    auto oldest = connection_.Command({"XPENDING", queue_.stream, queue_.group, "-", "+", "100"});
    if (oldest) {
      for (const auto& entry : oldest->elements) {
        if (entry.elements.size() >= 3) {
          stats.oldest_in_flight_ms =
              std::max(stats.oldest_in_flight_ms, entry.elements[2].integer);
        }
      }
    }
  } else if (pending.error().message().find("NOGROUP") == std::string::npos) {
    return pending.error();
  }
  stats.waiting = std::max(0LL, length->integer - stats.in_flight);
  auto groups = connection_.Command({"XINFO", "GROUPS", queue_.stream});
  std::string last_delivered = "0-0";
  if (groups) {
    for (const auto& group : groups->elements) {
      for (size_t i = 0; i + 1 < group.elements.size(); i += 2) {
        if (group.elements[i].str == "last-delivered-id")
          last_delivered = group.elements[i + 1].str;
      }
    }
  }
  auto first_waiting =
      connection_.Command({"XRANGE", queue_.stream, "(" + last_delivered, "+", "COUNT", "1"});
  if (first_waiting && !first_waiting->elements.empty()) {
    const std::string& id = first_waiting->elements[0].elements[0].str;
    stats.oldest_waiting_ms = NowMs() - std::atoll(id.substr(0, id.find('-')).c_str());
  }
  auto delayed = connection_.Command({"ZCARD", queue_.delayed()});
  if (!delayed) return delayed.error();
  stats.delayed = delayed->integer;
  auto dead = connection_.Command({"XLEN", queue_.dead()});
  if (!dead) return dead.error();
  stats.dead = dead->integer;
  return stats;
}

core::Result<std::vector<DeadJob>> QueueAdmin::Dead(int limit) {
  auto entries =
      connection_.Command({"XRANGE", queue_.dead(), "-", "+", "COUNT", std::to_string(limit)});
  if (!entries) return entries.error();
  std::vector<DeadJob> dead;
  for (const auto& entry : entries->elements) {
    EntryFields fields = FieldsOf(entry);
    dead.push_back({entry.elements[0].str, std::move(fields.job), fields.attempt,
                    std::move(fields.last_error), std::move(fields.failed_at)});
  }
  return dead;
}

core::Status QueueAdmin::RetryDead(const std::string& entry_id) {
  auto entries = connection_.Command({"XRANGE", queue_.dead(), entry_id, entry_id});
  if (!entries) return entries.error();
  if (entries->elements.empty()) return core::Error::NotFound("no dead job with id " + entry_id);
  EntryFields fields = FieldsOf(entries->elements[0]);
  std::vector<std::string> argv = {"XADD", queue_.stream, "*"};
  for (auto& field : JobFields(fields.job, 1)) argv.push_back(std::move(field));
  if (auto added = connection_.Command(argv); !added) return added.error();
  auto deleted = connection_.Command({"XDEL", queue_.dead(), entry_id});
  if (!deleted) return deleted.error();
  return core::Ok();
}

core::Result<int> QueueAdmin::RetryAllDead() {
  int retried = 0;
  while (true) {
    auto batch = Dead(100);
    if (!batch) return batch.error();
    if (batch->empty()) return retried;
    for (const auto& job : *batch) {
      if (auto ok = RetryDead(job.entry_id); !ok) return ok.error();
      ++retried;
    }
  }
}

core::Result<int> QueueAdmin::PurgeDead() {
  auto length = connection_.Command({"XLEN", queue_.dead()});
  if (!length) return length.error();
  auto deleted = connection_.Command({"DEL", queue_.dead()});
  if (!deleted) return deleted.error();
  return static_cast<int>(length->integer);
}

}  // namespace orcazap::adapters::redis
