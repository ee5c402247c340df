#pragma once
// Encryption at rest for secrets in the database (WhatsApp access tokens): libsodium
// secretbox (XSalsa20-Poly1305) with a random nonce per message.
// Stored form: "\x" + hex(nonce || ciphertext), PostgreSQL's bytea text form.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace orcazap::adapters::crypto {

class SecretBox {
 public:
  static constexpr size_t kKeyBytes = 32;
  // key_hex: 64 hex characters.
  static core::Result<SecretBox> FromHex(std::string_view key_hex);

  std::string SealToBytea(std::string_view plaintext) const;
  // kPermanent when the data is malformed or was sealed with another key.
  core::Result<std::string> OpenBytea(std::string_view bytea_text) const;

 private:
  std::array<unsigned char, kKeyBytes> key_{};
};

// Random bytes as lowercase hex (tokens, passwords, keys).
std::string RandomHex(size_t bytes);

}  // namespace orcazap::adapters::crypto
