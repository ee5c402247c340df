#pragma once
// Password hashing with argon2id (libsodium, interactive limits: ~100 ms and 64 MiB per hash,
// so callers must bound concurrent hashing).

#include <string>
#include <string_view>

#include "core/result.h"

namespace orcazap::adapters::crypto {

core::Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& hash);

}  // namespace orcazap::adapters::crypto
