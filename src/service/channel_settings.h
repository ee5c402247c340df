#pragma once
// The store's WhatsApp channel as the panel shows and edits it (owners only): the phone number
// id Meta sends webhooks for, the WhatsApp Business Account id, the display number, the access
// token (stored encrypted, never shown again) and the webhook verify token.
//
// Contract:
// 1. Webhooks are routed to a store by phone number id, so a store may claim a number only once
//    WhatsApp confirms that the access token sees it among the numbers of the WhatsApp Business
//    Account given (ConfirmChannel): for a new channel, another phone number id or account id,
//    or a new token. Saving the display number or the verify token alone asks nothing.
// 2. A token is never logged, never shown again and never kept in a refusal's text.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/account_rules.h"
#include "core/result.h"

namespace orcazap::service {

struct ChannelSettings {
  std::string phone_number_id;
  std::string waba_id;
  std::string display_phone_number;
  std::string verify_token;
  bool has_token = false;        // read only
  bool needs_new_token = false;  // read only: Meta refused the token (error 190)
};

struct ChannelForm {
  std::string phone_number_id;
  std::string waba_id;
  std::string display_phone_number;
  std::string verify_token;
  std::string access_token;  // empty: keep the stored one
};

// Problems of the form, by field; `has_channel` says whether a token is already stored.
std::vector<core::FieldError> ValidateChannelForm(const ChannelForm& form, bool has_channel);

class ChannelStore {
 public:
  virtual ~ChannelStore() = default;
  virtual core::Result<std::optional<ChannelSettings>> LoadChannel(
      const std::string& tenant_id) = 0;
  // The stored access token of the tenant's channel, still encrypted (PostgreSQL's bytea text);
  // kNotFound when the tenant has no channel.
  virtual core::Result<std::string> LoadSealedToken(const std::string& tenant_id) = 0;
  // Creates or updates the tenant's channel with its audit row (the token never in it), in one
  // transaction. `sealed_token` is the encrypted token, or nullopt to keep the stored one.
  // kConflict when the phone number id belongs to another store.
  virtual core::Status SaveChannel(const std::string& tenant_id, const std::string& user_id,
                                   const ChannelForm& form,
                                   const std::optional<std::string>& sealed_token) = 0;
};

// What WhatsApp answered when asked whether an access token sees a phone number among the
// numbers of a WhatsApp Business Account.
struct NumberCheck {
  enum class Outcome {
    kConfirmed,           // the account lists the number
    kTokenRefused,        // the token is invalid or expired (Graph error 190)
    kAccountNotVisible,   // this token cannot read that account (error 100, permissions)
    kNumberNotInAccount,  // the account's numbers do not include this one
    kRefused,             // another refusal; `graph_code` says which
  };
  Outcome outcome = Outcome::kConfirmed;
  std::string display_phone_number;  // kConfirmed: as WhatsApp shows it, may be empty
  long long graph_code = 0;          // the Graph error code of a refusal, 0 when none
  std::string detail;                // what WhatsApp said, for the log; never the token
};

class ChannelVerifier {
 public:
  virtual ~ChannelVerifier() = default;
  // Asks WhatsApp whether `access_token` sees `phone_number_id` among the numbers of the WhatsApp
  // Business Account `waba_id`. kTransient when WhatsApp gave no answer to go by (unreachable,
  // timeout, rate limit, 5xx): nothing is known then.
  virtual core::Result<NumberCheck> CheckNumber(const std::string& phone_number_id,
                                                const std::string& waba_id,
                                                const std::string& access_token) = 0;
};

// Whether the form must be confirmed with WhatsApp before it is saved over `current`: a new
// channel, another phone number id or account id, or a new access token.
bool NeedsNumberCheck(const std::optional<ChannelSettings>& current, const ChannelForm& form);

// Why a channel form may not be saved after asking WhatsApp: problems by field and the message
// above the form, in Portuguese for the store owner.
struct ChannelRefusal {
  std::vector<core::FieldError> fields;
  std::string summary;
  std::string detail;  // what WhatsApp said, for the log
};

// What the owner is told about WhatsApp's answer; nullopt when it confirmed the number.
std::optional<ChannelRefusal> RefusalOf(const NumberCheck& check);

// Confirms `form` with WhatsApp when NeedsNumberCheck says so, with the token typed in the form
// or, when the field is empty, the stored one (`stored_token` is called only then). On
// confirmation an empty display number is filled in from WhatsApp's answer (when it fits the
// form's 30 characters). Returns the refusal to show (nullopt: the form may be saved); an error
// when nothing could be asked or WhatsApp did not answer (kTransient), with `stored_token`'s
// error when that failed.
core::Result<std::optional<ChannelRefusal>> ConfirmChannel(
    ChannelVerifier& verifier, const std::optional<ChannelSettings>& current, ChannelForm& form,
    const std::function<core::Result<std::string>()>& stored_token);

}  // namespace orcazap::service
