#include "adapters/crypto/secret_box.h"

#include <sodium.h>

#include <vector>

namespace orcazap::adapters::crypto {

core::Result<SecretBox> SecretBox::FromHex(std::string_view key_hex) {
  if (sodium_init() < 0) return core::Error::Permanent("libsodium failed to initialise");
  SecretBox box;
  size_t length = 0;
  if (key_hex.size() != kKeyBytes * 2 ||
      sodium_hex2bin(box.key_.data(), box.key_.size(), key_hex.data(), key_hex.size(), nullptr,
                     &length, nullptr) != 0 ||
      length != kKeyBytes) {
    return core::Error::InvalidInput("expected 64 hexadecimal characters (32 bytes)");
  }
  return box;
}

std::string SecretBox::SealToBytea(std::string_view plaintext) const {
  std::vector<unsigned char> sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                    plaintext.size());
  unsigned char* nonce = sealed.data();
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(sealed.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        nonce, key_.data());
  std::string hex(sealed.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), sealed.data(), sealed.size());
  hex.pop_back();
  return "\\x" + hex;
}

core::Result<std::string> SecretBox::OpenBytea(std::string_view bytea_text) const {
  if (!bytea_text.starts_with("\\x"))
    return core::Error::Permanent("encrypted secret is malformed");
  const std::string_view hex = bytea_text.substr(2);
  std::vector<unsigned char> sealed(hex.size() / 2);
  size_t length = 0;
  if (sodium_hex2bin(sealed.data(), sealed.size(), hex.data(), hex.size(), nullptr, &length,
                     nullptr) != 0 ||
      length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return core::Error::Permanent("encrypted secret is malformed");
  }
  std::string plain(length - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 sealed.data() + crypto_secretbox_NONCEBYTES,
                                 length - crypto_secretbox_NONCEBYTES, sealed.data(),
                                 key_.data()) != 0) {
    return core::Error::Permanent("encrypted secret cannot be opened (wrong SECRET_KEY?)");
  }
  return plain;
}

std::string RandomHex(size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  hex.pop_back();
  return hex;
}

}  // namespace orcazap::adapters::crypto
