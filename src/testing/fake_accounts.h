#pragma once
// In-memory implementations of the account ports (service/accounts.h), for tests without
// servers. Passwords "hash" to "hash:<password>". Not thread-safe.

#include <map>
#include <string>
#include <vector>

#include "service/accounts.h"

namespace orcazap::testing {

class FakeAccountStore : public service::AccountStore {
 public:
  core::Result<std::optional<service::StoreAccount>> FindStore(const std::string& slug) override;
  core::Result<std::optional<service::PanelUser>> FindUser(const std::string& tenant_id,
                                                           const std::string& email) override;
  core::Result<service::StoreAccount> CreateStore(const core::SignUpForm& form,
                                                  const std::string& password_hash) override;
  core::Status SetPasswordHash(const std::string& tenant_id, const std::string& user_id,
                               const std::string& password_hash) override;
  const std::vector<service::PanelUser>& users() const { return users_; }

 private:
  std::vector<service::StoreAccount> stores_;
  std::vector<service::PanelUser> users_;
};

class FakeSessionStore : public service::SessionStore {
 public:
  core::Result<service::Session> Create(const service::PanelUser& user) override;
  core::Result<std::optional<service::Session>> Find(const std::string& token) override;
  core::Status EndOtherSessions(const service::Session& keep) override;
  core::Status Delete(const std::string& token) override;
  size_t size() const { return sessions_.size(); }

 private:
  std::map<std::string, service::Session> sessions_;
  int created_ = 0;
};

// Counts never expire (the window is the test).
class FakeLoginThrottle : public service::LoginThrottle {
 public:
  core::Result<service::LoginFailures> CountAttempt(const std::string& address,
                                                    const std::string& account) override;
  core::Status ForgiveAttempt(const std::string& address, const std::string& account) override;
  core::Result<int> CountSignUp(const std::string& address) override;

 private:
  std::map<std::string, int> by_address_;
  std::map<std::string, int> by_account_;
  std::map<std::string, int> by_account_from_address_;  // key: account + "|" + address
  std::map<std::string, int> sign_ups_;
};

class FakePasswordHasher : public service::PasswordHasher {
 public:
  core::Result<std::string> Hash(const std::string& password) override {
    ++hashes_;
    return "hash:" + password;
  }
  bool Verify(const std::string& password, const std::string& hash) override {
    ++verifications_;
    return hash == "hash:" + password;
  }
  int verifications() const { return verifications_; }
  int hashes() const { return hashes_; }

 private:
  int verifications_ = 0;
  int hashes_ = 0;
};

}  // namespace orcazap::testing
