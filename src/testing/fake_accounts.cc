#include "testing/fake_accounts.h"

namespace orcazap::testing {

core::Result<std::optional<service::StoreAccount>> FakeAccountStore::FindStore(
    const std::string& slug) {
  for (const auto& store : stores_) {
    if (store.slug == slug) return std::optional(store);
  }
  return std::optional<service::StoreAccount>();
}

core::Result<std::optional<service::PanelUser>> FakeAccountStore::FindUser(
    const std::string& tenant_id, const std::string& email) {
  for (const auto& user : users_) {
    if (user.tenant_id == tenant_id && user.email == email) return std::optional(user);
  }
  return std::optional<service::PanelUser>();
}

core::Result<service::StoreAccount> FakeAccountStore::CreateStore(
    const core::SignUpForm& form, const std::string& password_hash) {
  for (const auto& store : stores_) {
    if (store.slug == form.slug) return core::Error::Conflict("slug taken");
  }
  service::StoreAccount store{"tenant-" + std::to_string(stores_.size() + 1), form.slug,
                              form.store_name};
  stores_.push_back(store);
  users_.push_back({"user-" + std::to_string(users_.size() + 1), store.tenant_id, form.email,
                    form.owner_name, "owner", password_hash, true});
  return store;
}

core::Status FakeAccountStore::SetPasswordHash(const std::string& tenant_id,
                                               const std::string& user_id,
                                               const std::string& password_hash) {
  for (auto& user : users_) {
    if (user.tenant_id == tenant_id && user.id == user_id) {
      user.password_hash = password_hash;
      return core::Ok();
    }
  }
  return core::Error::NotFound("user " + user_id);
}

core::Result<service::Session> FakeSessionStore::Create(const service::PanelUser& user) {
  ++created_;
  service::Session session{"token-" + std::to_string(created_),
                           "csrf-" + std::to_string(created_),
                           user.id,
                           user.tenant_id,
                           user.name,
                           user.role,
                           user.email};
  sessions_[session.token] = session;
  return session;
}

core::Result<std::optional<service::Session>> FakeSessionStore::Find(const std::string& token) {
  auto found = sessions_.find(token);
  if (found == sessions_.end()) return std::optional<service::Session>();
  return std::optional(found->second);
}

core::Status FakeSessionStore::EndOtherSessions(const service::Session& keep) {
  std::erase_if(sessions_, [&](const auto& entry) {
    return entry.second.user_id == keep.user_id && entry.first != keep.token;
  });
  return core::Ok();
}

core::Status FakeSessionStore::Delete(const std::string& token) {
  sessions_.erase(token);
  return core::Ok();
}

core::Result<service::LoginFailures> FakeLoginThrottle::CountAttempt(const std::string& address,
                                                                     const std::string& account) {
  return service::LoginFailures{++by_address_[address],
                                ++by_account_from_address_[account + "|" + address],
                                ++by_account_[account]};
}

core::Result<int> FakeLoginThrottle::CountSignUp(const std::string& address) {
  return ++sign_ups_[address];
}

core::Status FakeLoginThrottle::ForgiveAttempt(const std::string& address,
                                               const std::string& account) {
  if (by_address_[address] > 0) --by_address_[address];
  by_account_from_address_.erase(account + "|" + address);
  if (by_account_[account] > 0) --by_account_[account];
  return core::Ok();
}

}  // namespace orcazap::testing
