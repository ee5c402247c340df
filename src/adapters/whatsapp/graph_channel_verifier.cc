#include "adapters/whatsapp/graph_channel_verifier.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "adapters/http/client.h"
#include "adapters/http/url.h"
#include "adapters/whatsapp/graph_error.h"

namespace orcazap::adapters::whatsapp {
namespace {

using nlohmann::json;
using Outcome = service::NumberCheck::Outcome;

bool IsPermissionOrUnknownObject(int64_t code) {
  return code == 100 || code == 10 || (code >= 200 && code <= 299);
}

bool AllDigits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

service::NumberCheck Verdict(Outcome outcome, std::string detail, int64_t code = 0) {
  return {outcome, "", code, std::move(detail)};
}

core::Result<PhoneNumbersPage> ReadList(const std::string& body,
                                        const std::string& phone_number_id) {
  const json answer = json::parse(body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object() || !answer.contains("data") ||
      !answer["data"].is_array()) {
    return core::Error::Transient("Graph API answered 200 without a list of phone numbers");
  }
  for (const json& number : answer["data"]) {
    if (!number.is_object() || number.value("id", json()) != json(phone_number_id)) continue;
    const json display = number.value("display_phone_number", json());
    return PhoneNumbersPage{service::NumberCheck{
        Outcome::kConfirmed, display.is_string() ? display.get<std::string>() : "", 0, ""}};
  }
  const json paging = answer.value("paging", json::object());
  if (paging.is_object() && paging.contains("next") && paging["next"].is_string()) {
    const json cursors = paging.value("cursors", json::object());
    const json after = cursors.is_object() ? cursors.value("after", json()) : json();
    if (after.is_string() && !after.get<std::string>().empty()) {
      return PhoneNumbersPage{std::nullopt, after.get<std::string>()};
    }
  }
  return PhoneNumbersPage{Verdict(Outcome::kNumberNotInAccount,
                                  "the account lists " + std::to_string(answer["data"].size()) +
                                      " numbers on its last page, not this one")};
}

}  // namespace

core::Result<PhoneNumbersPage> ReadPhoneNumbersPage(long http_status, const std::string& body,
                                                    const std::string& phone_number_id) {
  if (http_status == 200) return ReadList(body, phone_number_id);
  const GraphError error = ReadGraphError(http_status, body);
  const std::string text = DescribeGraphError(http_status, error);
  if (IsTransientGraphError(http_status, error.code)) return core::Error::Transient(text);
  if (error.code == kGraphTokenInvalid || (error.code == 0 && http_status == 401)) {
    return PhoneNumbersPage{Verdict(Outcome::kTokenRefused, text, error.code)};
  }
  if (IsPermissionOrUnknownObject(error.code) ||
      (error.code == 0 && (http_status == 403 || http_status == 404))) {
    return PhoneNumbersPage{Verdict(Outcome::kAccountNotVisible, text, error.code)};
  }
  return PhoneNumbersPage{Verdict(Outcome::kRefused, text, error.code)};
}

core::Result<service::NumberCheck> GraphChannelVerifier::CheckNumber(
    const std::string& phone_number_id, const std::string& waba_id,
    const std::string& access_token) {
  if (!AllDigits(phone_number_id) || !AllDigits(waba_id)) {
    return core::Error::InvalidInput("phone number id and account id must be digits");
  }
  http::Client client(settings_.timeout);
  const std::string list = settings_.base + "/" + settings_.version + "/" + waba_id +
                           "/phone_numbers?fields=id,display_phone_number,verified_name";
  std::string after;
  for (int page = 0; page < kMaxPages; ++page) {
    const std::string url = after.empty() ? list : list + "&after=" + http::PercentEncode(after);
    auto response = client.Send("GET", url, {{"Authorization", "Bearer " + access_token}}, "");
    if (!response) return response.error();
    auto read = ReadPhoneNumbersPage(response->status, response->body, phone_number_id);
    if (!read) return read.error();
    if (read->check) return *read->check;
    after = read->next_after;
  }
  return Verdict(Outcome::kNumberNotInAccount,
                 "not among the first " + std::to_string(kMaxPages) + " pages of the account");
}

}  // namespace orcazap::adapters::whatsapp
