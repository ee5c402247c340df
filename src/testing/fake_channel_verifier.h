#pragma once
// An in-memory service::ChannelVerifier, for tests without WhatsApp: numbers are registered per
// (access token, WhatsApp Business Account), and a check answers like the Graph API would for
// them. Not thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "service/channel_settings.h"

namespace orcazap::testing {

class FakeChannelVerifier : public service::ChannelVerifier {
 public:
  struct Number {
    std::string access_token;
    std::string waba_id;
    std::string phone_number_id;
    std::string display_phone_number;
  };
  struct Call {
    std::string phone_number_id;
    std::string waba_id;
    std::string access_token;
  };

  void Register(Number number) { numbers_.push_back(std::move(number)); }
  // Every check fails with `error` until cleared with nullopt (WhatsApp unreachable).
  void FailWith(std::optional<core::Error> error) { failure_ = std::move(error); }
  const std::vector<Call>& calls() const { return calls_; }

  // kTokenRefused for a token with no number, kAccountNotVisible for an account the token has
  // no number in, kNumberNotInAccount for a number the account does not have.
  core::Result<service::NumberCheck> CheckNumber(const std::string& phone_number_id,
                                                 const std::string& waba_id,
                                                 const std::string& access_token) override {
    using Outcome = service::NumberCheck::Outcome;
    calls_.push_back({phone_number_id, waba_id, access_token});
    if (failure_) return *failure_;
    Outcome outcome = Outcome::kTokenRefused;
    for (const Number& number : numbers_) {
      if (number.access_token != access_token) continue;
      if (outcome == Outcome::kTokenRefused) outcome = Outcome::kAccountNotVisible;
      if (number.waba_id != waba_id) continue;
      outcome = Outcome::kNumberNotInAccount;
      if (number.phone_number_id == phone_number_id) {
        return service::NumberCheck{Outcome::kConfirmed, number.display_phone_number, 0, ""};
      }
    }
    return service::NumberCheck{outcome, "", outcome == Outcome::kTokenRefused ? 190 : 100,
                                "fake refusal"};
  }

 private:
  std::vector<Number> numbers_;
  std::vector<Call> calls_;
  std::optional<core::Error> failure_;
};

}  // namespace orcazap::testing
