#include "adapters/whatsapp/graph_channel_verifier.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "adapters/http/graph_standin.h"
#include "adapters/http/running_server.h"
#include "testing/whatsapp_fixture.h"

namespace orcazap::adapters::whatsapp {
namespace {

using nlohmann::json;
using Outcome = service::NumberCheck::Outcome;

constexpr char kNumber[] = "106540352242922";  // in phone_numbers_response.json

using orcazap::testing::WhatsAppFixture;

std::string GraphError(int code, const std::string& message) {
  return json{{"error", {{"code", code}, {"message", message}, {"type", "OAuthException"}}}}.dump();
}

// The verdict of an answer expected to decide.
service::NumberCheck Verdict(long status, const std::string& body,
                             const std::string& phone_number_id = kNumber) {
  auto page = ReadPhoneNumbersPage(status, body, phone_number_id);
  if (!page.ok()) {
    ADD_FAILURE() << "HTTP " << status << " was taken as no answer: " << page.error().ToString();
    return {};
  }
  if (!page->check) {
    ADD_FAILURE() << "HTTP " << status << " asked for the page after " << page->next_after;
    return {};
  }
  return *page->check;
}

core::ErrorCode FailureCode(long status, const std::string& body) {
  auto page = ReadPhoneNumbersPage(status, body, kNumber);
  if (page.ok()) {
    ADD_FAILURE() << "HTTP " << status << " was taken as an answer";
    return core::ErrorCode::kInvalidInput;
  }
  return page.error().code();
}

TEST(PhoneNumbersPage, ANumberTheAccountListsIsConfirmedWithItsDisplayNumber) {
  const service::NumberCheck check = Verdict(200, WhatsAppFixture("phone_numbers_response.json"));
  EXPECT_EQ(check.outcome, Outcome::kConfirmed);
  EXPECT_EQ(check.display_phone_number, "+55 11 4000-1234");
  EXPECT_EQ(Verdict(200, WhatsAppFixture("phone_numbers_response.json"), "106540352242999")
                .display_phone_number,
            "+55 11 4000-5678");
}

TEST(PhoneNumbersPage, ANumberMissingFromTheLastPageIsNotInTheAccount) {
  EXPECT_EQ(Verdict(200, WhatsAppFixture("phone_numbers_response.json"), "200300400500").outcome,
            Outcome::kNumberNotInAccount);
  EXPECT_EQ(Verdict(200, R"({"data":[]})").outcome, Outcome::kNumberNotInAccount);
  EXPECT_EQ(Verdict(200, R"({"data":[{"id":106540352242922}]})").outcome,
            Outcome::kNumberNotInAccount)
      << "ids are strings; a number is not taken as one";
}

TEST(PhoneNumbersPage, ANumberMissingFromAPageWithMoreToComeAsksForTheNext) {
  json body = json::parse(WhatsAppFixture("phone_numbers_response.json"));
  body["paging"]["next"] = "https://graph.facebook.com/v21.0/900800700/phone_numbers?after=X";
  auto page = ReadPhoneNumbersPage(200, body.dump(), "200300400500");
  ASSERT_TRUE(page.ok()) << page.error().ToString();
  EXPECT_FALSE(page->check);
  EXPECT_EQ(page->next_after, "QVFIUk5hX2FmdGVyZAZDZD");
}

TEST(PhoneNumbersPage, ARefusedTokenIsTokenRefused) {
  const service::NumberCheck expired =
      Verdict(401, WhatsAppFixture("send_error_token_expired.json"));
  EXPECT_EQ(expired.outcome, Outcome::kTokenRefused);
  EXPECT_EQ(expired.graph_code, 190);
  EXPECT_NE(expired.detail.find("Session has expired"), std::string::npos) << expired.detail;
  EXPECT_EQ(Verdict(400, GraphError(190, "Invalid OAuth access token")).outcome,
            Outcome::kTokenRefused);
  EXPECT_EQ(Verdict(401, "Unauthorized").outcome, Outcome::kTokenRefused);
}

TEST(PhoneNumbersPage, AnAccountTheTokenCannotReadIsNotVisible) {
  const service::NumberCheck unknown =
      Verdict(400, WhatsAppFixture("phone_numbers_error_unknown_account.json"));
  EXPECT_EQ(unknown.outcome, Outcome::kAccountNotVisible);
  EXPECT_EQ(unknown.graph_code, 100);
  EXPECT_EQ(Verdict(403, GraphError(10, "Application does not have permission")).outcome,
            Outcome::kAccountNotVisible);
  EXPECT_EQ(Verdict(403, GraphError(200, "Permissions error")).outcome,
            Outcome::kAccountNotVisible);
  EXPECT_EQ(Verdict(404, "").outcome, Outcome::kAccountNotVisible);
}

TEST(PhoneNumbersPage, NoUsableAnswerIsTransient) {
  EXPECT_EQ(FailureCode(500, "Internal Server Error"), core::ErrorCode::kTransient);
  EXPECT_EQ(FailureCode(503, ""), core::ErrorCode::kTransient);
  EXPECT_EQ(FailureCode(429, GraphError(80008, "Too many calls")), core::ErrorCode::kTransient);
  EXPECT_EQ(FailureCode(400, GraphError(4, "Application request limit reached")),
            core::ErrorCode::kTransient);
  EXPECT_EQ(FailureCode(400, GraphError(1, "An unknown error occurred")),
            core::ErrorCode::kTransient);
  EXPECT_EQ(FailureCode(200, "<html>proxy</html>"), core::ErrorCode::kTransient);
  EXPECT_EQ(FailureCode(200, R"({"data":{}})"), core::ErrorCode::kTransient);
}

TEST(PhoneNumbersPage, AnotherRefusalKeepsMetasCode) {
  const service::NumberCheck blocked = Verdict(400, GraphError(368, "Temporarily blocked"));
  EXPECT_EQ(blocked.outcome, Outcome::kRefused);
  EXPECT_EQ(blocked.graph_code, 368);
  EXPECT_NE(blocked.detail.find("Temporarily blocked"), std::string::npos);
}

// Over HTTP, against the stand-in: the request is Meta's, pages are followed.
class GraphChannelVerifierTest : public ::testing::Test {
 protected:
  void Register(const std::string& token, const std::string& waba_id, const std::string& id,
                const std::string& display = "") {
    http::Request request;
    request.method = "POST";
    request.path = "/_standin/numbers";
    request.body = json{
        {"token", token},
        {"waba_id", waba_id},
        {"phone_number_id", id},
        {"display_phone_number",
         display}}.dump();
    ASSERT_EQ(standin_.Handle(request).status, 200);
  }
  service::NumberCheck Check(const std::string& id, const std::string& waba_id,
                             const std::string& token) {
    auto check = verifier_.CheckNumber(id, waba_id, token);
    if (!check.ok()) {
      ADD_FAILURE() << check.error().ToString();
      return {};
    }
    return *check;
  }

  http::GraphStandin standin_;
  http::testing::RunningServer running_{
      {}, [this](const http::Request& request) { return standin_.Handle(request); }};
  GraphChannelVerifier verifier_{
      GraphSettings{running_.Url(""), "v21.0", std::chrono::milliseconds(5000)}};
};

TEST_F(GraphChannelVerifierTest, ConfirmsANumberOnALaterPage) {
  for (int i = 0; i < 30; ++i) Register("tok-a", "900800700", std::to_string(200300400500 + i));
  Register("tok-a", "900800700", "200300400599", "+55 11 4000-0099");
  const service::NumberCheck check = Check("200300400599", "900800700", "tok-a");
  EXPECT_EQ(check.outcome, Outcome::kConfirmed);
  EXPECT_EQ(check.display_phone_number, "+55 11 4000-0099");
}

TEST_F(GraphChannelVerifierTest, TellsTheRefusalsApart) {
  Register("tok-a", "900800700", "200300400500");
  Register("tok-b", "111222333", "444555666");
  EXPECT_EQ(Check("200300400500", "900800700", "tok-x").outcome, Outcome::kTokenRefused);
  EXPECT_EQ(Check("200300400500", "111222333", "tok-a").outcome, Outcome::kAccountNotVisible);
  EXPECT_EQ(Check("444555666", "900800700", "tok-a").outcome, Outcome::kNumberNotInAccount);
}

TEST_F(GraphChannelVerifierTest, AServerErrorOrNoServerIsTransient) {
  Register("tok-a", "900800700", "200300400500");
  http::Request faults;
  faults.method = "POST";
  faults.path = "/_standin/faults";
  faults.body = R"({"mode":"http_500","count":1,"route":"phone_numbers"})";
  ASSERT_EQ(standin_.Handle(faults).status, 200);
  auto failed = verifier_.CheckNumber("200300400500", "900800700", "tok-a");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code(), core::ErrorCode::kTransient);
  EXPECT_EQ(failed.error().message().find("tok-a"), std::string::npos) << "never the token";

  running_.StopAndWait();
  auto unreachable = verifier_.CheckNumber("200300400500", "900800700", "tok-a");
  ASSERT_FALSE(unreachable.ok());
  EXPECT_EQ(unreachable.error().code(), core::ErrorCode::kTransient);
}

TEST_F(GraphChannelVerifierTest, IdsThatAreNotDigitsAreNeverPutInTheUrl) {
  auto refused = verifier_.CheckNumber("200300400500", "900800700/../x", "tok-a");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace orcazap::adapters::whatsapp
