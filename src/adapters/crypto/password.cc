#include "adapters/crypto/password.h"

#include <sodium.h>

namespace orcazap::adapters::crypto {

core::Result<std::string> HashPassword(std::string_view password) {
  if (sodium_init() < 0) return core::Error::Permanent("libsodium failed to initialise");
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return core::Error::Transient("out of memory while hashing a password");
  }
  return std::string(hash);
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace orcazap::adapters::crypto
