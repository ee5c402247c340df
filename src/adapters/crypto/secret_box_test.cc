#include "adapters/crypto/secret_box.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

namespace orcazap::adapters::crypto {
namespace {

constexpr char kKey[] = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr char kOtherKey[] = "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

SecretBox Box(const char* key_hex) {
  auto box = SecretBox::FromHex(key_hex);
  EXPECT_TRUE(box.ok()) << box.error().ToString();
  return std::move(box).value();
}

TEST(SecretBox, OpensWhatItSealed) {
  const SecretBox box = Box(kKey);
  const std::string token = "EAAGm0PX4ZCpsBAKZC-access-token";
  const std::string sealed = box.SealToBytea(token);
  EXPECT_TRUE(sealed.starts_with("\\x")) << sealed;
  EXPECT_EQ(sealed.find(token), std::string::npos) << "the plaintext is visible";
  auto opened = box.OpenBytea(sealed);
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  EXPECT_EQ(*opened, token);
}

TEST(SecretBox, OpensAnEmptySecret) {
  const SecretBox box = Box(kKey);
  auto opened = box.OpenBytea(box.SealToBytea(""));
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  EXPECT_EQ(*opened, "");
}

TEST(SecretBox, ABoxWithTheSameKeyOpensIt) {
  auto opened = Box(kKey).OpenBytea(Box(kKey).SealToBytea("token"));
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  EXPECT_EQ(*opened, "token");
}

TEST(SecretBox, TwoSealsOfTheSameTextDiffer) {
  const SecretBox box = Box(kKey);
  EXPECT_NE(box.SealToBytea("same token"), box.SealToBytea("same token"));
}

TEST(SecretBox, RefusesToOpenWithAnotherKeySayingSo) {
  const std::string sealed = Box(kKey).SealToBytea("token");
  auto opened = Box(kOtherKey).OpenBytea(sealed);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code(), core::ErrorCode::kPermanent);
  EXPECT_NE(opened.error().message().find("SECRET_KEY"), std::string::npos)
      << opened.error().message();
}

TEST(SecretBox, RefusesTamperedCiphertext) {
  const SecretBox box = Box(kKey);
  const std::string sealed = box.SealToBytea("token");
  // One hex digit in the nonce, one in the MAC/ciphertext, the last one.
  for (size_t position : {size_t{2}, sealed.size() / 2, sealed.size() - 1}) {
    std::string tampered = sealed;
    tampered[position] = tampered[position] == '0' ? '1' : '0';
    auto opened = box.OpenBytea(tampered);
    EXPECT_FALSE(opened.ok()) << "tampered at " << position;
    if (!opened.ok()) {
      EXPECT_EQ(opened.error().code(), core::ErrorCode::kPermanent);
    }
  }
}

TEST(SecretBox, RefusesMalformedStoredText) {
  const SecretBox box = Box(kKey);
  const std::string sealed = box.SealToBytea("token");
  for (const std::string& text :
       {std::string(""), std::string("\\x"), sealed.substr(2), sealed.substr(0, 20),
        sealed.substr(0, sealed.size() - 1), "\\xzz" + sealed.substr(4)}) {
    auto opened = box.OpenBytea(text);
    EXPECT_FALSE(opened.ok()) << "\"" << text << "\" was opened";
    if (!opened.ok()) {
      EXPECT_EQ(opened.error().code(), core::ErrorCode::kPermanent);
    }
  }
}

TEST(SecretBoxKey, RefusesKeysOfTheWrongLengthOrNotHex) {
  const std::string key = kKey;
  for (const std::string& bad :
       {std::string(""), key.substr(0, 63), key.substr(0, 62), key + "0", key + "00",
        "g" + key.substr(1), key.substr(0, 63) + "-", std::string(64, ' ')}) {
    auto box = SecretBox::FromHex(bad);
    ASSERT_FALSE(box.ok()) << "\"" << bad << "\" was accepted";
    EXPECT_EQ(box.error().code(), core::ErrorCode::kInvalidInput);
    EXPECT_NE(box.error().message().find("64 hexadecimal"), std::string::npos)
        << box.error().message();
  }
}

TEST(SecretBoxKey, AcceptsUppercaseHex) {
  std::string upper = kKey;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto opened = Box(upper.c_str()).OpenBytea(Box(kKey).SealToBytea("token"));
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  EXPECT_EQ(*opened, "token");
}

TEST(RandomHex, GivesTwoLowercaseHexDigitsPerByteAndNeverRepeats) {
  const std::string first = RandomHex(16);
  EXPECT_EQ(first.size(), 32u);
  EXPECT_EQ(first.find_first_not_of("0123456789abcdef"), std::string::npos) << first;
  EXPECT_NE(first, RandomHex(16));
}

}  // namespace
}  // namespace orcazap::adapters::crypto
