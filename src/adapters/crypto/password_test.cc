#include "adapters/crypto/password.h"

#include <gtest/gtest.h>

#include <string>

namespace orcazap::adapters::crypto {
namespace {

// argon2id takes ~100 ms per hash: two hashes for the whole suite.

TEST(Password, TheRightPasswordVerifiesAndOthersDoNot) {
  auto hash = HashPassword("correct horse battery staple");
  ASSERT_TRUE(hash.ok()) << hash.error().ToString();
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_EQ(hash->find("correct horse"), std::string::npos) << "the password is visible";
  EXPECT_TRUE(VerifyPassword("correct horse battery staple", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse battery stapl", *hash));
  EXPECT_FALSE(VerifyPassword("Correct horse battery staple", *hash));
  EXPECT_FALSE(VerifyPassword("", *hash));
}

TEST(Password, TheSamePasswordHashesDifferentlyEachTime) {
  auto first = HashPassword("senha123");
  auto second = HashPassword("senha123");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(*first, *second);
  EXPECT_TRUE(VerifyPassword("senha123", *second));
}

TEST(Password, AMalformedHashVerifiesNothing) {
  EXPECT_FALSE(VerifyPassword("senha123", ""));
  EXPECT_FALSE(VerifyPassword("senha123", "senha123"));
  EXPECT_FALSE(VerifyPassword("", "$argon2id$v=19$m=65536,t=2,p=1$garbage"));
}

}  // namespace
}  // namespace orcazap::adapters::crypto
