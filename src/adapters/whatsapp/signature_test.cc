#include "adapters/whatsapp/signature.h"

#include <gtest/gtest.h>

#include <string>

#include "testing/whatsapp_fixture.h"

namespace orcazap::adapters::whatsapp {
namespace {

constexpr char kBody[] = R"({"object":"whatsapp_business_account","entry":[]})";
// printf %s "$kBody" | openssl dgst -sha256 -hmac s3cret
constexpr char kSignature[] =
    "sha256=76d7cf0d41b1c62907ab63a2ffb509a14ebd4bfe05b33a2e8c6960459868a174";

std::string FixtureWithoutTrailingNewlines(const std::string& name) {
  std::string body = orcazap::testing::WhatsAppFixture(name);
  while (!body.empty() && body.back() == '\n') body.pop_back();  // what "$(cat ...)" does
  return body;
}

TEST(WebhookSignature, MatchesOpensslHmacOfTheBody) {
  EXPECT_EQ(SignBody("s3cret", kBody), kSignature);
}

TEST(WebhookSignature, MatchesTheFixtureReadmeRecipe) {
  // printf %s "$(cat text_message.json)" | openssl dgst -sha256 -hmac s3cret
  EXPECT_EQ(SignBody("s3cret", FixtureWithoutTrailingNewlines("text_message.json")),
            "sha256=d7a339bfb93bb1f3127b794da2e37c7b8154ebd9f285c7a1406e2ee5b6ab1751");
}

TEST(WebhookSignature, AcceptsTheSignatureMetaWouldSend) {
  EXPECT_TRUE(VerifySignature("s3cret", kBody, kSignature));
  EXPECT_TRUE(VerifySignature("s3cret", kBody, SignBody("s3cret", kBody)));
}

TEST(WebhookSignature, RefusesASignatureWithOneHexDigitChanged) {
  for (size_t position : {size_t{7}, size_t{40}, sizeof kSignature - 2}) {
    std::string tampered = kSignature;
    tampered[position] = tampered[position] == '0' ? '1' : '0';
    EXPECT_FALSE(VerifySignature("s3cret", kBody, tampered)) << tampered;
  }
}

TEST(WebhookSignature, RefusesAChangedBody) {
  std::string body = kBody;
  body.back() = ' ';
  EXPECT_FALSE(VerifySignature("s3cret", body, kSignature));
  EXPECT_FALSE(VerifySignature("s3cret", std::string(kBody) + "\n", kSignature));
}

TEST(WebhookSignature, RefusesAnUppercasePrefix) {
  std::string header = kSignature;
  header.replace(0, 6, "SHA256");
  EXPECT_FALSE(VerifySignature("s3cret", kBody, header));
}

TEST(WebhookSignature, RefusesAHeaderWithoutPrefix) {
  EXPECT_FALSE(VerifySignature("s3cret", kBody, std::string(kSignature).substr(7)));
  EXPECT_FALSE(VerifySignature("s3cret", kBody, "sha1=" + std::string(kSignature).substr(7)));
}

TEST(WebhookSignature, RefusesDigestsOfTheWrongLength) {
  const std::string header = kSignature;
  EXPECT_FALSE(VerifySignature("s3cret", kBody, header.substr(0, header.size() - 1)));
  EXPECT_FALSE(VerifySignature("s3cret", kBody, header.substr(0, header.size() - 2)));
  EXPECT_FALSE(VerifySignature("s3cret", kBody, header + "0"));
  EXPECT_FALSE(VerifySignature("s3cret", kBody, header + "00"));
  EXPECT_FALSE(VerifySignature("s3cret", kBody, "sha256="));
}

TEST(WebhookSignature, RefusesAnEmptyHeader) { EXPECT_FALSE(VerifySignature("s3cret", kBody, "")); }

TEST(WebhookSignature, RefusesNonHexDigits) {
  std::string header = kSignature;
  header[10] = 'g';
  EXPECT_FALSE(VerifySignature("s3cret", kBody, header));
}

TEST(WebhookSignature, RefusesASignatureMadeWithAnotherSecret) {
  EXPECT_FALSE(VerifySignature("s3cret2", kBody, kSignature));
  EXPECT_FALSE(VerifySignature("", kBody, kSignature));
  EXPECT_FALSE(VerifySignature("s3cret", kBody, SignBody("other", kBody)));
}

TEST(WebhookSignature, SignsWithSecretsOfAnyLengthAsOpensslDoes) {
  // printf %s "$kBody" | openssl dgst -sha256 -hmac "$key" for keys of 1, 32 and 100 bytes.
  const std::string key1 = "k";
  const std::string key32(32, 'a');
  const std::string key100(100, 'z');
  EXPECT_EQ(SignBody(key1, kBody),
            "sha256=3b7a114ef29d0008d428ab827d432ff0ddecd5d3e8577d744a7963753fbe85eb");
  EXPECT_EQ(SignBody(key32, kBody),
            "sha256=43c7a971b901f22dd865a448ddcdc8724805ac900a9dc12b8908bc5fbfaddbea");
  EXPECT_EQ(SignBody(key100, kBody),
            "sha256=7202da48b62feaa864d46eac512d28306ef36988189598cee848c95f297440c9");
  for (const std::string& key : {key1, key32, key100}) {
    EXPECT_TRUE(VerifySignature(key, kBody, SignBody(key, kBody))) << key.size() << "-byte key";
  }
}

}  // namespace
}  // namespace orcazap::adapters::whatsapp
