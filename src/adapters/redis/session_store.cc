#include "adapters/redis/session_store.h"

#include <sodium.h>

#include "adapters/crypto/secret_box.h"

namespace orcazap::adapters::redis {
namespace {

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

int IntegerOf(const Reply& reply) {
  if (reply.type == Reply::Type::kInteger) return static_cast<int>(reply.integer);
  if (reply.type == Reply::Type::kString) return std::atoi(reply.str.c_str());
  return 0;
}

}  // namespace

RedisSessionStore::RedisSessionStore(RedisSettings redis, SessionSettings settings)
    : settings_(std::move(settings)), connection_(std::move(redis)) {}

std::string RedisSessionStore::SessionKey(const std::string& token) const {
  return settings_.key_prefix + "session:" + Sha256Hex(token);
}

std::string RedisSessionStore::UserSessionsKey(const std::string& user_id) const {
  return settings_.key_prefix + "user-sessions:" + user_id;
}

std::string RedisSessionStore::AddressFailuresKey(const std::string& address) const {
  return settings_.key_prefix + "login-fail:addr:" + address;
}

std::string RedisSessionStore::AccountFailuresKey(const std::string& account) const {
  return settings_.key_prefix + "login-fail:acct:" + account;
}

std::string RedisSessionStore::AccountFromAddressFailuresKey(const std::string& account,
                                                             const std::string& address) const {
  return settings_.key_prefix + "login-fail:acct-addr:" + account + "|" + address;
}

core::Result<Reply> RedisSessionStore::Command(const std::vector<std::string>& argv) {
  std::lock_guard lock(mutex_);
  return connection_.Command(argv);
}

core::Result<service::Session> RedisSessionStore::Create(const service::PanelUser& user) {
  service::Session session{
      crypto::RandomHex(32), crypto::RandomHex(32), user.id, user.tenant_id, user.name, user.role};
  const std::string key = SessionKey(session.token);
  auto stored =
      Command({"HSET", key, "csrf", session.csrf_token, "user_id", user.id, "tenant_id",
               user.tenant_id, "user_name", user.name, "role", user.role, "email", user.email});
  if (!stored) return stored.error();
  // KEYS: the session, the user's set of sessions; ARGV[1]: the idle timeout in seconds.
  static const std::string kIndex = R"lua(
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], KEYS[1])
redis.call('EXPIRE', KEYS[2], ARGV[1])
return 1)lua";
  auto indexed = Command(
      {"EVAL", kIndex, "2", key, UserSessionsKey(user.id), std::to_string(settings_.idle.count())});
  if (!indexed) return indexed.error();
  return session;
}

core::Result<std::optional<service::Session>> RedisSessionStore::Find(const std::string& token) {
  if (token.size() != 64) return std::optional<service::Session>();
  const std::string key = SessionKey(token);
  auto fields =
      Command({"HMGET", key, "csrf", "user_id", "tenant_id", "user_name", "role", "email"});
  if (!fields) return fields.error();
  if (fields->elements.size() != 6 || fields->elements[0].type == Reply::Type::kNil) {
    return std::optional<service::Session>();
  }
  const auto& f = fields->elements;
  // The session's inactivity timer restarts; its user's set lives as long as it.
  static const std::string kTouch = R"lua(
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[1])
return 1)lua";
  auto touched = Command({"EVAL", kTouch, "2", key, UserSessionsKey(f[1].str),
                          std::to_string(settings_.idle.count())});
  if (!touched) return touched.error();
  return std::optional(
      service::Session{token, f[0].str, f[1].str, f[2].str, f[3].str, f[4].str, f[5].str});
}

core::Status RedisSessionStore::Delete(const std::string& token) {
  // KEYS[1]: the session; ARGV[1]: the prefix of the users' sets.
  static const std::string kDelete = R"lua(
local user = redis.call('HGET', KEYS[1], 'user_id')
redis.call('DEL', KEYS[1])
if user then redis.call('SREM', ARGV[1] .. user, KEYS[1]) end
return 1)lua";
  auto deleted =
      Command({"EVAL", kDelete, "1", SessionKey(token), settings_.key_prefix + "user-sessions:"});
  if (!deleted) return deleted.error();
  return core::Ok();
}

core::Status RedisSessionStore::EndOtherSessions(const service::Session& keep) {
  // KEYS: the user's set of sessions, the session kept.
  static const std::string kEndOthers = R"lua(
for _, session in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if session ~= KEYS[2] then
    redis.call('DEL', session)
    redis.call('SREM', KEYS[1], session)
  end
end
return 1)lua";
  auto ended =
      Command({"EVAL", kEndOthers, "2", UserSessionsKey(keep.user_id), SessionKey(keep.token)});
  if (!ended) return ended.error();
  return core::Ok();
}

namespace {

// Increments each of KEYS, giving a new count the window's expiry (ARGV[1], seconds) in the same
// step; returns the counts in KEYS' order.
constexpr char kCountInWindow[] = R"lua(
local counts = {}
for i, key in ipairs(KEYS) do
  counts[i] = redis.call('INCR', key)
  if counts[i] == 1 then redis.call('EXPIRE', key, ARGV[1]) end
end
return counts)lua";

}  // namespace

core::Result<service::LoginFailures> RedisSessionStore::CountAttempt(const std::string& address,
                                                                     const std::string& account) {
  auto counts =
      Command({"EVAL", kCountInWindow, "3", AddressFailuresKey(address),
               AccountFromAddressFailuresKey(account, address), AccountFailuresKey(account),
               std::to_string(settings_.failure_window.count())});
  if (!counts) return counts.error();
  if (counts->elements.size() != 3) return core::Error::Transient("unexpected EVAL reply");
  return service::LoginFailures{IntegerOf(counts->elements[0]), IntegerOf(counts->elements[1]),
                                IntegerOf(counts->elements[2])};
}

core::Result<int> RedisSessionStore::CountSignUp(const std::string& address) {
  auto counts =
      Command({"EVAL", kCountInWindow, "1", settings_.key_prefix + "signup:addr:" + address,
               std::to_string(settings_.failure_window.count())});
  if (!counts) return counts.error();
  if (counts->elements.size() != 1) return core::Error::Transient("unexpected EVAL reply");
  return IntegerOf(counts->elements[0]);
}

core::Status RedisSessionStore::ForgiveAttempt(const std::string& address,
                                               const std::string& account) {
  // KEYS: the address's, the account's from the address, and the account's counts.
  static const std::string kForgive = R"lua(
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
redis.call('DEL', KEYS[2])
if tonumber(redis.call('GET', KEYS[3]) or '0') > 0 then redis.call('DECR', KEYS[3]) end
return 1)lua";
  auto forgiven =
      Command({"EVAL", kForgive, "3", AddressFailuresKey(address),
               AccountFromAddressFailuresKey(account, address), AccountFailuresKey(account)});
  if (!forgiven) return forgiven.error();
  return core::Ok();
}

}  // namespace orcazap::adapters::redis
