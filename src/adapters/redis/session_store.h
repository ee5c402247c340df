#pragma once
// The admin panel's sessions and login failure counts, in Redis.
//
// Contract:
// 1. A session is a hash at <prefix>session:<SHA-256 of the token> (the token itself is never
//    stored) that expires after `idle` without use; Find() restarts that timer.
// 2. Failure counters are <prefix>login-fail:addr:<address> and :acct:<account>, each expiring
//    `window` after its first failure (a locked account opens again by itself).
// 3. Thread-safe: one connection serialised on a mutex.

#include <chrono>
#include <mutex>
#include <string>

#include "adapters/redis/redis.h"
#include "service/accounts.h"

namespace orcazap::adapters::redis {

struct SessionSettings {
  std::string key_prefix = "orcazap:";
  std::chrono::seconds idle{2 * 60 * 60};
  std::chrono::seconds failure_window{15 * 60};
};

class RedisSessionStore : public service::SessionStore, public service::LoginThrottle {
 public:
  RedisSessionStore(RedisSettings redis, SessionSettings settings);

  core::Result<service::Session> Create(const service::PanelUser& user) override;
  core::Result<std::optional<service::Session>> Find(const std::string& token) override;
  core::Status Delete(const std::string& token) override;
  // Each user's sessions are listed in a set (their keys), which expires with the newest of them;
  // this ends all but `keep`'s.
  core::Status EndOtherSessions(const service::Session& keep) override;

  // Both counts in one Lua script: incremented, and given the window's expiry by their first
  // attempt, together (a count is never left without one).
  core::Result<service::LoginFailures> CountAttempt(const std::string& address,
                                                    const std::string& account) override;
  core::Status ForgiveAttempt(const std::string& address, const std::string& account) override;
  core::Result<int> CountSignUp(const std::string& address) override;

 private:
  std::string SessionKey(const std::string& token) const;
  std::string UserSessionsKey(const std::string& user_id) const;
  std::string AddressFailuresKey(const std::string& address) const;
  std::string AccountFailuresKey(const std::string& account) const;
  std::string AccountFromAddressFailuresKey(const std::string& account,
                                            const std::string& address) const;
  core::Result<Reply> Command(const std::vector<std::string>& argv);

  const SessionSettings settings_;
  std::mutex mutex_;  // guards connection_
  RedisConnection connection_;
};

}  // namespace orcazap::adapters::redis
