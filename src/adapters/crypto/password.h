#pragma once
// Password hashing with argon2id (libsodium, interactive limits: ~100 ms and 64 MiB per hash,
// so callers must bound concurrent hashing).

#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"
#include "service/accounts.h"

namespace orcazap::adapters::crypto {

core::Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& hash);

// The panel's PasswordHasher: one hash at a time per process (64 MiB each on a 1 GB server).
class Argon2PasswordHasher : public service::PasswordHasher {
 public:
  core::Result<std::string> Hash(const std::string& password) override {
    std::lock_guard lock(mutex_);
    return HashPassword(password);
  }
  bool Verify(const std::string& password, const std::string& hash) override {
    std::lock_guard lock(mutex_);
    return VerifyPassword(password, hash);
  }

 private:
  std::mutex mutex_;  // guards the memory hashing takes, not data
};

}  // namespace orcazap::adapters::crypto
