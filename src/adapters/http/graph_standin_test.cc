#include "adapters/http/graph_standin.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>
#include <nlohmann/json.hpp>

#include "adapters/http/client.h"
#include "adapters/http/running_server.h"
#include "testing/whatsapp_fixture.h"

namespace orcazap::adapters::http {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

Request SendRequest(const std::string& to, const std::string& body,
                    const std::string& authorization = "Bearer tok-1") {
  Request request;
  request.method = "POST";
  request.path = "/v21.0/1234567890/messages";
  if (!authorization.empty()) request.headers.emplace_back("authorization", authorization);
  request.body = json{{"messaging_product", "whatsapp"},
                      {"to", to},
                      {"type", "text"},
                      {"text", {{"body", body}}}}
                     .dump();
  return request;
}

Request Call(const std::string& method, const std::string& path, const std::string& body = "",
             std::vector<std::pair<std::string, std::string>> query = {}) {
  Request request;
  request.method = method;
  request.path = path;
  request.body = body;
  request.query = std::move(query);
  return request;
}

json Body(const Response& response) { return json::parse(response.body); }

class GraphStandinTest : public ::testing::Test {
 protected:
  GraphStandin standin_{{}, [] { return int64_t{1700000000000}; }};
};

TEST_F(GraphStandinTest, SendIsRecordedAndAnsweredLikeMeta) {
  Response response = standin_.Handle(SendRequest("5511987654321", "Olá, orçamento"));
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json");
  json expected = json::parse(orcazap::testing::WhatsAppFixture("send_success_response.json"));
  expected["messages"][0]["id"] = "wamid.standin.1";
  EXPECT_EQ(Body(response), expected);

  json list = Body(standin_.Handle(Call("GET", "/_standin/messages")));
  json expected_message = {{"seq", 1},
                           {"id", "wamid.standin.1"},
                           {"phone_number_id", "1234567890"},
                           {"to", "5511987654321"},
                           {"body", "Olá, orçamento"},
                           {"token", "tok-1"},
                           {"reference", ""},
                           {"received_at_ms", 1700000000000}};
  EXPECT_EQ(list, json({{"messages", json::array({expected_message})}}));
}

TEST_F(GraphStandinTest, TheCallbackReferenceIsKeptAndHandedToTheListener) {
  std::vector<StandinMessage> recorded;
  standin_.OnRecorded([&](const StandinMessage& message) { recorded.push_back(message); });
  Request request = SendRequest("5511987654321", "Olá");
  json body = json::parse(request.body);
  body["biz_opaque_callback_data"] = "outbox-7";
  request.body = body.dump();
  ASSERT_EQ(standin_.Handle(request).status, 200);
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].reference, "outbox-7");
  EXPECT_EQ(Body(standin_.Handle(Call("GET", "/_standin/messages")))["messages"][0]["reference"],
            "outbox-7");

  body["biz_opaque_callback_data"] = std::string(513, 'x');  // Meta's limit is 512
  request.body = body.dump();
  EXPECT_EQ(standin_.Handle(request).status, 400);
}

TEST_F(GraphStandinTest, MissingOrMalformedBearerIs401WithCode190) {
  for (std::string authorization : {"", "Basic abc", "Bearer ", "bearer tok"}) {
    Response response = standin_.Handle(SendRequest("5511", "hi", authorization));
    EXPECT_EQ(response.status, 401) << authorization;
    EXPECT_EQ(Body(response)["error"]["code"], 190);
  }
  EXPECT_EQ(Body(standin_.Handle(Call("GET", "/_standin/messages")))["messages"].size(), 0u);
}

TEST_F(GraphStandinTest, MalformedBodyIs400WithCode100) {
  Request not_json = SendRequest("5511", "hi");
  not_json.body = "{nope";
  Request wrong_product = SendRequest("5511", "hi");
  wrong_product.body =
      R"({"messaging_product":"sms","to":"5511","type":"text","text":{"body":"x"}})";
  std::vector<Request> bad = {not_json, wrong_product, SendRequest("+55 11", "hi"),
                              SendRequest("5511", ""), SendRequest("5511", std::string(4097, 'a'))};
  for (const Request& request : bad) {
    Response response = standin_.Handle(request);
    EXPECT_EQ(response.status, 400) << request.body;
    EXPECT_EQ(Body(response)["error"]["code"], 100);
  }
  EXPECT_EQ(standin_.Handle(SendRequest("5511", std::string(4096, 'a'))).status, 200);
}

TEST_F(GraphStandinTest, InjectedFaultsFailLikeMetaForCountSendsThenRecover) {
  struct Case {
    std::string mode;
    int status;
    int code;
  };
  for (const Case& c : {Case{"http_429", 429, 130429}, Case{"http_500", 500, 131000},
                        Case{"error_131047", 400, 131047}, Case{"error_190", 401, 190},
                        Case{"error_130429", 400, 130429}}) {
    Response set = standin_.Handle(
        Call("POST", "/_standin/faults", json{{"mode", c.mode}, {"count", 2}}.dump()));
    ASSERT_EQ(set.status, 200) << set.body;
    for (int i = 0; i < 2; ++i) {
      Response failed = standin_.Handle(SendRequest("5511", "hi"));
      EXPECT_EQ(failed.status, c.status) << c.mode;
      EXPECT_EQ(Body(failed)["error"]["code"], c.code) << c.mode;
    }
    EXPECT_EQ(standin_.Handle(SendRequest("5511", "hi")).status, 200) << c.mode;
  }
  json stats = Body(standin_.Handle(Call("GET", "/_standin/stats")));
  EXPECT_EQ(stats, json({{"attempts", 15}, {"delivered", 5}, {"failed", 10}}));
  json list = Body(standin_.Handle(Call("GET", "/_standin/messages")));
  ASSERT_EQ(list["messages"].size(), 5u);
  EXPECT_EQ(list["messages"][4]["id"], "wamid.standin.5");
}

TEST_F(GraphStandinTest, FaultWithoutCountLastsUntilReset) {
  standin_.Handle(Call("POST", "/_standin/faults", R"({"mode":"http_500"})"));
  for (int i = 0; i < 5; ++i) EXPECT_EQ(standin_.Handle(SendRequest("5511", "hi")).status, 500);
  standin_.Handle(Call("POST", "/_standin/faults", R"({"mode":"none"})"));
  EXPECT_EQ(standin_.Handle(SendRequest("5511", "hi")).status, 200);
}

TEST_F(GraphStandinTest, BadFaultSettingIsRejected) {
  for (std::string body :
       {R"({"mode":"explode"})", R"({"count":1})", R"({"mode":"none","count":-1})", "not json"}) {
    EXPECT_EQ(standin_.Handle(Call("POST", "/_standin/faults", body)).status, 400) << body;
  }
}

TEST_F(GraphStandinTest, MessagesFilterByRecipientAndSequence) {
  standin_.Handle(SendRequest("111", "a"));
  standin_.Handle(SendRequest("222", "b"));
  standin_.Handle(SendRequest("111", "c"));
  json to_111 = Body(standin_.Handle(Call("GET", "/_standin/messages", "", {{"to", "111"}})));
  ASSERT_EQ(to_111["messages"].size(), 2u);
  EXPECT_EQ(to_111["messages"][1]["body"], "c");
  json after = Body(
      standin_.Handle(Call("GET", "/_standin/messages", "", {{"to", "111"}, {"after_seq", "1"}})));
  ASSERT_EQ(after["messages"].size(), 1u);
  EXPECT_EQ(after["messages"][0]["seq"], 3);

  standin_.Handle(Call("DELETE", "/_standin/messages"));
  EXPECT_EQ(Body(standin_.Handle(Call("GET", "/_standin/messages")))["messages"].size(), 0u);
  EXPECT_EQ(Body(standin_.Handle(Call("GET", "/_standin/stats")))["attempts"], 0);
  // Ids stay unique after a clear.
  EXPECT_EQ(Body(standin_.Handle(SendRequest("111", "d")))["messages"][0]["id"], "wamid.standin.4");
  standin_.Handle(SendRequest("222", "e"));
  auto after_seq = [this](const char* seq) {
    return Body(standin_.Handle(Call("GET", "/_standin/messages", "", {{"after_seq", seq}})));
  };
  EXPECT_EQ(after_seq("0")["messages"].size(), 2u);
  ASSERT_EQ(after_seq("4")["messages"].size(), 1u);
  EXPECT_EQ(after_seq("4")["messages"][0]["body"], "e");
  EXPECT_EQ(after_seq("5")["messages"].size(), 0u);
  EXPECT_EQ(after_seq("99")["messages"].size(), 0u);
}

TEST_F(GraphStandinTest, LongPollReturnsWhenAMatchingMessageArrives) {
  auto poll = std::async(std::launch::async, [this] {
    return standin_.Handle(
        Call("GET", "/_standin/messages", "", {{"to", "333"}, {"wait_ms", "30000"}}));
  });
  std::this_thread::sleep_for(50ms);
  standin_.Handle(SendRequest("444", "other recipient"));
  standin_.Handle(SendRequest("333", "for you"));
  json list = Body(poll.get());
  ASSERT_EQ(list["messages"].size(), 1u);
  EXPECT_EQ(list["messages"][0]["body"], "for you");
}

TEST_F(GraphStandinTest, ShutdownWakesALongPoll) {
  auto poll = std::async(std::launch::async, [this] {
    return standin_.Handle(Call("GET", "/_standin/messages", "", {{"wait_ms", "60000"}}));
  });
  std::this_thread::sleep_for(50ms);
  standin_.Shutdown();
  EXPECT_EQ(poll.wait_for(20s), std::future_status::ready);
  EXPECT_EQ(Body(poll.get())["messages"].size(), 0u);
}

Request ListNumbers(const std::string& waba_id, const std::string& token,
                    std::vector<std::pair<std::string, std::string>> query = {}) {
  Request request = Call("GET", "/v21.0/" + waba_id + "/phone_numbers", "", std::move(query));
  if (!token.empty()) request.headers.emplace_back("authorization", "Bearer " + token);
  request.headers.emplace_back("host", "127.0.0.1:18090");
  return request;
}

json Number(const std::string& token, const std::string& waba_id, const std::string& id,
            const std::string& display = "") {
  json number = {{"token", token}, {"waba_id", waba_id}, {"phone_number_id", id}};
  if (!display.empty()) number["display_phone_number"] = display;
  return number;
}

class GraphStandinNumbersTest : public GraphStandinTest {
 protected:
  void Register(const json& number) {
    Response registered = standin_.Handle(Call("POST", "/_standin/numbers", number.dump()));
    ASSERT_EQ(registered.status, 200) << registered.body;
  }
  std::vector<std::string> Ids(const Response& response) {
    std::vector<std::string> ids;
    const json body = Body(response);
    for (const json& number : body["data"]) ids.push_back(number["id"]);
    return ids;
  }
};

TEST_F(GraphStandinNumbersTest, AListHasTheNumbersRegisteredForThatTokenAndAccountLikeMeta) {
  Register(Number("tok-a", "111", "5001", "+55 11 4000-0001"));
  Register(Number("tok-a", "222", "5002"));
  Register(Number("tok-b", "111", "5003"));
  Register(Number("tok-a", "111", "5004", "+55 11 4000-0004"));
  Response listed = standin_.Handle(ListNumbers("111", "tok-a"));
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.content_type, "application/json");
  const json expected = {{"data",
                          {{{"verified_name", "Loja (stand-in)"},
                            {"display_phone_number", "+55 11 4000-0001"},
                            {"quality_rating", "GREEN"},
                            {"id", "5001"}},
                           {{"verified_name", "Loja (stand-in)"},
                            {"display_phone_number", "+55 11 4000-0004"},
                            {"quality_rating", "GREEN"},
                            {"id", "5004"}}}},
                         {"paging", {{"cursors", {{"before", "0"}, {"after", "2"}}}}}};
  EXPECT_EQ(Body(listed), expected);
  EXPECT_EQ(Ids(standin_.Handle(ListNumbers("111", "tok-b"))), std::vector<std::string>{"5003"});
}

TEST_F(GraphStandinNumbersTest, ATokenWithNoNumberIsRefusedWithCode190) {
  Response nothing_registered = standin_.Handle(ListNumbers("111", "tok-a"));
  EXPECT_EQ(nothing_registered.status, 401);
  EXPECT_EQ(Body(nothing_registered)["error"]["code"], 190);
  Register(Number("tok-a", "111", "5001"));
  Response unknown = standin_.Handle(ListNumbers("111", "tok-x"));
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(Body(unknown)["error"]["code"], 190);
  Response no_bearer = standin_.Handle(ListNumbers("111", ""));
  EXPECT_EQ(no_bearer.status, 401);
  EXPECT_EQ(Body(no_bearer)["error"]["code"], 190);
}

TEST_F(GraphStandinNumbersTest, AnAccountTheTokenHasNoNumberInIsCode100LikeAnUnknownObject) {
  Register(Number("tok-a", "111", "5001"));
  Register(Number("tok-b", "222", "5002"));
  Response other = standin_.Handle(ListNumbers("222", "tok-a"));
  EXPECT_EQ(other.status, 400);
  EXPECT_EQ(Body(other)["error"]["code"], 100);
  EXPECT_EQ(Body(other)["error"]["error_subcode"], 33);
  EXPECT_THAT(Body(other)["error"]["message"].get<std::string>(), HasSubstr("'222'"));
}

TEST_F(GraphStandinNumbersTest, LongListsComeInPagesWithCursors) {
  for (const char* id : {"5001", "5002", "5003"}) Register(Number("tok-a", "111", id));
  Response first = standin_.Handle(ListNumbers("111", "tok-a", {{"limit", "2"}}));
  EXPECT_EQ(Ids(first), (std::vector<std::string>{"5001", "5002"}));
  EXPECT_EQ(Body(first)["paging"]["next"],
            "http://127.0.0.1:18090/v21.0/111/phone_numbers?limit=2&after=2");
  const std::string after = Body(first)["paging"]["cursors"]["after"];
  Response last = standin_.Handle(ListNumbers("111", "tok-a", {{"limit", "2"}, {"after", after}}));
  EXPECT_EQ(Ids(last), std::vector<std::string>{"5003"});
  EXPECT_FALSE(Body(last)["paging"].contains("next"));
  EXPECT_EQ(standin_.Handle(ListNumbers("111", "tok-a", {{"after", "x"}})).status, 400);
}

TEST_F(GraphStandinNumbersTest, RegisteringANumberAgainReplacesItsNamesAndDeleteForgetsAll) {
  Register(Number("tok-a", "111", "5001", "+55 11 4000-0001"));
  Register(Number("tok-a", "111", "5001", "+55 11 4000-0009"));
  Response listed = standin_.Handle(ListNumbers("111", "tok-a"));
  ASSERT_EQ(Body(listed)["data"].size(), 1u);
  EXPECT_EQ(Body(listed)["data"][0]["display_phone_number"], "+55 11 4000-0009");
  EXPECT_EQ(standin_.Handle(Call("DELETE", "/_standin/numbers")).status, 200);
  EXPECT_EQ(standin_.Handle(ListNumbers("111", "tok-a")).status, 401);
}

TEST_F(GraphStandinNumbersTest, ABadRegistrationIsRejected) {
  for (const json& body :
       {Number("", "111", "5001"), Number("tok a", "111", "5001"), Number("tok-a", "11x", "5001"),
        Number("tok-a", "111", ""), json{{"token", "tok-a"}, {"waba_id", "111"}}, json::array()}) {
    EXPECT_EQ(standin_.Handle(Call("POST", "/_standin/numbers", body.dump())).status, 400) << body;
  }
  EXPECT_EQ(standin_.Handle(Call("POST", "/_standin/numbers", "not json")).status, 400);
}

TEST_F(GraphStandinNumbersTest, FaultsFailOnlyTheRouteTheyAreSetFor) {
  Register(Number("tok-a", "111", "5001"));
  ASSERT_EQ(standin_
                .Handle(Call("POST", "/_standin/faults",
                             R"({"mode":"http_500","count":1,"route":"phone_numbers"})"))
                .status,
            200);
  EXPECT_EQ(standin_.Handle(SendRequest("5511", "hi")).status, 200) << "sends are left alone";
  Response failed = standin_.Handle(ListNumbers("111", "tok-a"));
  EXPECT_EQ(failed.status, 500);
  EXPECT_EQ(Body(failed)["error"]["code"], 131000);
  EXPECT_EQ(standin_.Handle(ListNumbers("111", "tok-a")).status, 200) << "count 1 is spent";

  standin_.Handle(Call("POST", "/_standin/faults", R"({"mode":"http_429"})"));
  EXPECT_EQ(standin_.Handle(ListNumbers("111", "tok-a")).status, 200) << "lists are left alone";
  EXPECT_EQ(standin_.Handle(SendRequest("5511", "hi")).status, 429);
}

TEST_F(GraphStandinNumbersTest, AFaultForAnotherRouteOrOnlyOfSendsIsRejected) {
  for (std::string body : {R"({"mode":"http_500","route":"everything"})",
                           R"({"mode":"error_131047","route":"phone_numbers"})"}) {
    EXPECT_EQ(standin_.Handle(Call("POST", "/_standin/faults", body)).status, 400) << body;
  }
}

TEST_F(GraphStandinTest, UnknownRouteIs404) {
  EXPECT_EQ(standin_.Handle(Call("GET", "/v21.0/123/messages")).status, 404);
  EXPECT_EQ(standin_.Handle(Call("GET", "/_standin/nothing")).status, 404);
}

TEST(GraphStandinOverHttp, ClientSendsAndReadsBack) {
  GraphStandin standin;
  testing::RunningServer running({},
                                 [&](const Request& request) { return standin.Handle(request); });
  Client client;
  auto sent =
      client.Send("POST", running.Url("/v21.0/555/messages"),
                  {{"Authorization", "Bearer secret"}, {"Content-Type", "application/json"}},
                  R"({"messaging_product":"whatsapp","to":"5511","type":"text",)"
                  R"("text":{"body":"Oi"}})");
  ASSERT_TRUE(sent.ok()) << sent.error().ToString();
  EXPECT_EQ(sent->status, 200);
  EXPECT_THAT(sent->body, HasSubstr("wamid.standin.1"));
  auto listed = client.Get(running.Url("/_standin/messages?to=5511&wait_ms=1000"));
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(json::parse(listed->body)["messages"][0]["token"], "secret");
}

TEST(GraphStandinIds, TakeTheGivenPrefixSoARestartedStandInNeverRepeatsOne) {
  GraphStandin first({}, {}, "wamid.standin.1700000000000.");
  GraphStandin restarted({}, {}, "wamid.standin.1700000099000.");
  const std::string a = Body(first.Handle(SendRequest("111", "oi")))["messages"][0]["id"];
  const std::string b = Body(restarted.Handle(SendRequest("111", "oi")))["messages"][0]["id"];
  EXPECT_EQ(a, "wamid.standin.1700000000000.1");
  EXPECT_EQ(b, "wamid.standin.1700000099000.1");
}

}  // namespace
}  // namespace orcazap::adapters::http
