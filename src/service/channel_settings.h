#pragma once
// The store's WhatsApp channel as the panel shows and edits it (owners only): the phone number
// id Meta sends webhooks for, the WhatsApp Business Account id, the display number, the access
// token (stored encrypted, never shown again) and the webhook verify token.

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
  // Creates or updates the tenant's channel with its audit row (the token never in it), in one
  // transaction. `sealed_token` is the encrypted token, or nullopt to keep the stored one.
  // kConflict when the phone number id belongs to another store.
  virtual core::Status SaveChannel(const std::string& tenant_id, const std::string& user_id,
                                   const ChannelForm& form,
                                   const std::optional<std::string>& sealed_token) = 0;
};

}  // namespace orcazap::service
