#pragma once
// Password hashing with argon2id (libsodium, interactive limits: ~100 ms and 64 MiB per hash,
// so callers must bound concurrent hashing).

#include <string>
#include <string_view>

#include "adapters/concurrency/priority_gate.h"
#include "core/result.h"
#include "service/accounts.h"

namespace orcazap::adapters::crypto {

core::Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& hash);

// The panel's PasswordHasher: one hash at a time per process (64 MiB each on a 1 GB server). A
// password check (a login, the current password at /senha) goes before waiting new hashes
// (sign-ups, password changes), so a burst of sign-ups does not hold logins up.
class Argon2PasswordHasher : public service::PasswordHasher {
 public:
  core::Result<std::string> Hash(const std::string& password) override {
    return gate_.Hold(PriorityGate::Priority::kOrdinary, [&] { return HashPassword(password); });
  }
  bool Verify(const std::string& password, const std::string& hash) override {
    return gate_.Hold(PriorityGate::Priority::kUrgent,
                      [&] { return VerifyPassword(password, hash); });
  }

 private:
  PriorityGate gate_;  // guards the memory hashing takes, not data
};

}  // namespace orcazap::adapters::crypto
