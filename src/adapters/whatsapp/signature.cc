#include "adapters/whatsapp/signature.h"

#include <sodium.h>

namespace orcazap::adapters::whatsapp {
namespace {

void Hmac(std::string_view secret, std::string_view body,
          unsigned char (&digest)[crypto_auth_hmacsha256_BYTES]) {
  // The one-shot API wants 32-byte keys; app secrets have any length.
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  crypto_auth_hmacsha256_final(&state, digest);
}

}  // namespace

std::string SignBody(std::string_view app_secret, std::string_view body) {
  unsigned char digest[crypto_auth_hmacsha256_BYTES];
  Hmac(app_secret, body, digest);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string("sha256=") + hex;
}

bool VerifySignature(std::string_view app_secret, std::string_view body, std::string_view header) {
  constexpr std::string_view kPrefix = "sha256=";
  if (!header.starts_with(kPrefix)) return false;
  const std::string_view hex = header.substr(kPrefix.size());
  unsigned char given[crypto_auth_hmacsha256_BYTES];
  size_t length = 0;
  if (hex.size() != sizeof given * 2 ||
      sodium_hex2bin(given, sizeof given, hex.data(), hex.size(), nullptr, &length, nullptr) != 0 ||
      length != sizeof given) {
    return false;
  }
  unsigned char expected[crypto_auth_hmacsha256_BYTES];
  Hmac(app_secret, body, expected);
  return sodium_memcmp(given, expected, sizeof given) == 0;
}

}  // namespace orcazap::adapters::whatsapp
