#include "adapters/redis/redis.h"

#include <hiredis/hiredis.h>

#include <cstring>

namespace orcazap::adapters::redis {
namespace {

timeval ToTimeval(std::chrono::milliseconds ms) {
  return {static_cast<time_t>(ms.count() / 1000), static_cast<suseconds_t>((ms.count() % 1000) * 1000)};
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

// Fields of a stream entry [id, [k1, v1, k2, v2...]] into a Delivery.
std::optional<Delivery> ToDelivery(const Reply& entry) {
  if (entry.type != Reply::Type::kArray || entry.elements.size() < 2) return std::nullopt;
  Delivery delivery;
  delivery.entry_id = entry.elements[0].str;
  const auto& fields = entry.elements[1].elements;
  for (size_t i = 0; i + 1 < fields.size(); i += 2) {
    const std::string& key = fields[i].str;
    const std::string& value = fields[i + 1].str;
    if (key == "kind") delivery.job.kind = value;
    else if (key == "tenant_id") delivery.job.tenant_id = value;
    else if (key == "message_id") delivery.job.message_id = value;
    else if (key == "request_id") delivery.job.request_id = value;
  }
  return delivery;
}

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
    for (auto& a : argv) { args.push_back(a.data()); lengths.push_back(a.size()); }
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
    if (auto ok = command({"AUTH", settings_.password}); !ok) { Drop(); return ok; }
  }
  if (settings_.db != 0) {
    if (auto ok = command({"SELECT", std::to_string(settings_.db)}); !ok) { Drop(); return ok; }
  }
  return core::Ok();
}

core::Result<Reply> RedisConnection::Command(const std::vector<std::string>& argv) {
  if (auto ok = EnsureConnected(); !ok) return ok.error();
  std::vector<const char*> args;
  std::vector<size_t> lengths;
  for (const auto& a : argv) { args.push_back(a.data()); lengths.push_back(a.size()); }
  auto* raw = static_cast<redisReply*>(
      redisCommandArgv(context_, static_cast<int>(args.size()), args.data(), lengths.data()));
  if (raw == nullptr) {
    std::string why = context_->errstr;
    Drop();
    return core::Error::Transient("Redis " + argv[0] + " failed: " + why);
  }
  if (raw->type == REDIS_REPLY_ERROR) {
    std::string why(raw->str, raw->len);
    freeReplyObject(raw);
    if (why.starts_with("LOADING") || why.starts_with("BUSY ") || why.starts_with("TRYAGAIN")) {
      return core::Error::Transient("Redis " + argv[0] + ": " + why);
    }
    return core::Error::Permanent("Redis " + argv[0] + ": " + why);
  }
  Reply reply = Flatten(raw);
  freeReplyObject(raw);
  return reply;
}

RedisJobQueue::RedisJobQueue(RedisSettings settings, QueueSettings queue)
    : connection_(std::move(settings)), queue_(std::move(queue)) {}

core::Status RedisJobQueue::Enqueue(const service::Job& job) {
  std::lock_guard lock(mutex_);
  auto added = connection_.Command({"XADD", queue_.stream, "*", "kind", job.kind, "tenant_id", job.tenant_id, "message_id",
                                    job.message_id, "request_id", job.request_id});
  if (!added) return added.error();
  return core::Ok();
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
  auto created = connection_.Command({"XGROUP", "CREATE", queue_.stream, queue_.group, "0", "MKSTREAM"});
  if (!created && created.error().message().find("BUSYGROUP") == std::string::npos) {
    return created.error();
  }
  group_ready_ = true;
  return core::Ok();
}

core::Result<std::optional<Delivery>> RedisJobConsumer::ClaimStale() {
  auto claimed = connection_.Command({"XAUTOCLAIM", queue_.stream, queue_.group, queue_.consumer,
                                      std::to_string(queue_.claim_idle.count()), "0-0", "COUNT", "1"});
  if (!claimed) return claimed.error();
  if (claimed->elements.size() < 2 || claimed->elements[1].elements.empty()) {
    return std::optional<Delivery>();
  }
  auto delivery = ToDelivery(claimed->elements[1].elements[0]);
  if (delivery) delivery->delivery_count = 2;
  return delivery;
}

core::Result<std::optional<Delivery>> RedisJobConsumer::Next() {
  if (!group_ready_) {
    if (auto ok = EnsureGroup(); !ok) return ok.error();
  }
  auto stale = ClaimStale();
  if (!stale) {
    if (stale.error().message().find("NOGROUP") != std::string::npos) group_ready_ = false;
    return stale.error();
  }
  if (*stale) return stale;
  auto read = connection_.Command({"XREADGROUP", "GROUP", queue_.group, queue_.consumer, "COUNT", "1",
                                   "BLOCK", std::to_string(queue_.block.count()), "STREAMS",
                                   queue_.stream, ">"});
  if (!read) {
    if (read.error().message().find("NOGROUP") != std::string::npos) group_ready_ = false;
    return read.error();
  }
  // [[stream, [[id, fields]]]] or nil on timeout.
  if (read->type != Reply::Type::kArray || read->elements.empty()) return std::optional<Delivery>();
  const auto& entries = read->elements[0].elements.size() > 1 ? read->elements[0].elements[1].elements
                                                              : std::vector<Reply>{};
  if (entries.empty()) return std::optional<Delivery>();
  return ToDelivery(entries[0]);
}

core::Status RedisJobConsumer::Ack(const std::string& entry_id) {
  auto acked = connection_.Command({"XACK", queue_.stream, queue_.group, entry_id});
  if (!acked) return acked.error();
  return core::Ok();
}

}  // namespace orcazap::adapters::redis
