#include "adapters/whatsapp/graph_messenger.h"

#include <gtest/gtest.h>

#include <string>

#include "adapters/whatsapp/graph_error.h"
#include "testing/whatsapp_fixture.h"

namespace orcazap::adapters::whatsapp {
namespace {

using orcazap::testing::WhatsAppFixture;

core::ErrorCode FailureCode(long http_status, const std::string& body) {
  auto result = InterpretSendAnswer(http_status, body).sent;
  if (result.ok()) {
    ADD_FAILURE() << "HTTP " << http_status << " was taken as sent: " << *result;
    return core::ErrorCode::kInvalidInput;
  }
  return result.error().code();
}

std::string GraphError(int code, const std::string& message) {
  return R"({"error":{"code":)" + std::to_string(code) + R"(,"message":")" + message +
         R"(","type":"OAuthException"}})";
}

TEST(GraphSendResponse, ASuccessYieldsTheProviderMessageId) {
  auto sent = InterpretSendAnswer(200, WhatsAppFixture("send_success_response.json")).sent;
  ASSERT_TRUE(sent.ok()) << sent.error().ToString();
  EXPECT_EQ(*sent, "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjVCNzE0QjY2NjEzMjA1QUVGOAA=");
}

TEST(GraphSendResponse, A200WithoutMessageIdIsRetried) {
  EXPECT_EQ(FailureCode(200, R"({"messaging_product":"whatsapp","messages":[]})"),
            core::ErrorCode::kTransient);
  EXPECT_EQ(FailureCode(200, R"({"messaging_product":"whatsapp"})"), core::ErrorCode::kTransient);
  EXPECT_EQ(FailureCode(200, R"({"messages":[{"id":42}]})"), core::ErrorCode::kTransient);
}

TEST(GraphSendResponse, ARateLimitIsRetriedAndKeepsMetasMessage) {
  auto result = InterpretSendAnswer(429, WhatsAppFixture("send_error_rate_limit.json")).sent;
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), core::ErrorCode::kTransient);
  EXPECT_NE(result.error().message().find("130429"), std::string::npos) << result.error().message();
  EXPECT_NE(result.error().message().find("Rate limit hit"), std::string::npos);
}

TEST(GraphSendResponse, RateLimitCodesAreRetriedEvenWithoutHttp429) {
  EXPECT_EQ(FailureCode(400, GraphError(130429, "Rate limit hit")), core::ErrorCode::kTransient);
  EXPECT_EQ(FailureCode(400, GraphError(131056, "Pair rate limit")), core::ErrorCode::kTransient);
  // The Graph API's own limits (application, user, page, business account) hold a send back as
  // much as WhatsApp's: the reply waits and goes, it is not recorded failed.
  for (int code : {4, 17, 32, 613, 80007, 80008}) {
    EXPECT_EQ(FailureCode(400, GraphError(code, "Too many calls")), core::ErrorCode::kTransient)
        << code;
  }
}

TEST(GraphSendResponse, MetasTemporaryErrorsAreRetried) {
  for (int code : {1, 2, 131000, 131016, 133004}) {
    EXPECT_EQ(FailureCode(400, GraphError(code, "Service unavailable")),
              core::ErrorCode::kTransient)
        << code;
  }
}

TEST(GraphSendResponse, ServerErrorsAreRetried) {
  EXPECT_EQ(FailureCode(500, "Internal Server Error"), core::ErrorCode::kTransient);
  EXPECT_EQ(FailureCode(503, ""), core::ErrorCode::kTransient);
  EXPECT_EQ(FailureCode(502, GraphError(1, "unknown")), core::ErrorCode::kTransient);
}

TEST(GraphSendResponse, AnExpiredTokenIsPermanent) {
  auto result = InterpretSendAnswer(401, WhatsAppFixture("send_error_token_expired.json")).sent;
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), core::ErrorCode::kPermanent);
  EXPECT_NE(result.error().message().find("190"), std::string::npos) << result.error().message();
  EXPECT_NE(result.error().message().find("Session has expired"), std::string::npos);
}

TEST(GraphSendResponse, TheAnswerCarriesMetasCodeForTheMessengerToReadARefusedToken) {
  const SendAnswer refused =
      InterpretSendAnswer(401, WhatsAppFixture("send_error_token_expired.json"));
  EXPECT_EQ(refused.graph_code, kGraphTokenInvalid);
  EXPECT_FALSE(refused.sent.ok());
  EXPECT_EQ(InterpretSendAnswer(400, GraphError(131047, "Re-engagement message")).graph_code,
            131047);
  EXPECT_EQ(InterpretSendAnswer(401, "Unauthorized").graph_code, 0);
  EXPECT_EQ(InterpretSendAnswer(200, WhatsAppFixture("send_success_response.json")).graph_code, 0);
}

TEST(GraphSendResponse, TheTwentyFourHourWindowErrorIsPermanent) {
  EXPECT_EQ(FailureCode(400, GraphError(131047, "Re-engagement message")),
            core::ErrorCode::kPermanent);
}

TEST(GraphSendResponse, AClientErrorWithoutJsonIsPermanentAndNamesTheStatus) {
  auto result = InterpretSendAnswer(400, "<html>Bad Request</html>").sent;
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), core::ErrorCode::kPermanent);
  EXPECT_NE(result.error().message().find("HTTP 400"), std::string::npos)
      << result.error().message();
}

}  // namespace
}  // namespace orcazap::adapters::whatsapp
