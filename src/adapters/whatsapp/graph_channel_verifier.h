#pragma once
// service::ChannelVerifier over the WhatsApp Cloud (Graph) API:
// GET {base}/{version}/{waba_id}/phone_numbers with the access token as bearer, following Meta's
// cursor pages (`after`) until the number shows up, at most kMaxPages pages.
//
// Contract:
// 1. A number is confirmed only when the account's list names its phone number id; every answer
//    is classified by ReadPhoneNumbersPage.
// 2. The token goes only to settings.base, in the Authorization header; it is never logged nor
//    put in an error or a NumberCheck.
// 3. Thread-safe: each check has its own HTTP client (checks are rare: a channel being saved).

#include <optional>
#include <string>

#include "adapters/whatsapp/graph_messenger.h"
#include "service/channel_settings.h"

namespace orcazap::adapters::whatsapp {

// What one answer of the phone number list says about `phone_number_id`: either `check` (a
// verdict), or, when this page does not name the number and Meta says another page follows,
// `next_after`, the cursor to ask for it.
struct PhoneNumbersPage {
  std::optional<service::NumberCheck> check;
  std::string next_after;
};

// The classification, exposed for tests:
// - 200 with a "data" list naming the number: kConfirmed, with its display_phone_number;
//   not naming it: the next page's cursor (paging.next and paging.cursors.after), or
//   kNumberNotInAccount on the last page;
// - code 190, or HTTP 401 without a code: kTokenRefused;
// - code 100, 10 or 200..299 (the account does not exist for this token, or the token lacks the
//   permission), or HTTP 403/404 without a code: kAccountNotVisible;
// - what IsTransientGraphError (graph_error.h) calls transient, as for sends, or a 200 that is
//   not a list: kTransient;
// - anything else: kRefused with Meta's code.
core::Result<PhoneNumbersPage> ReadPhoneNumbersPage(long http_status, const std::string& body,
                                                    const std::string& phone_number_id);

class GraphChannelVerifier : public service::ChannelVerifier {
 public:
  static constexpr int kMaxPages = 20;

  explicit GraphChannelVerifier(GraphSettings settings) : settings_(std::move(settings)) {}
  // kInvalidInput for ids that are not digits (they go into the URL's path).
  core::Result<service::NumberCheck> CheckNumber(const std::string& phone_number_id,
                                                 const std::string& waba_id,
                                                 const std::string& access_token) override;

 private:
  GraphSettings settings_;
};

}  // namespace orcazap::adapters::whatsapp
