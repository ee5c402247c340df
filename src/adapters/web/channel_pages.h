#pragma once
// The panel's WhatsApp channel settings (owners only): phone number id, WABA id,
// display number, access token (stored encrypted, never shown) and webhook verify token.
//
// Routes (store host, logged in as the owner): GET /canal, POST /canal. An attendant gets 403.

#include <optional>

#include "adapters/crypto/secret_box.h"
#include "adapters/web/page.h"
#include "service/channel_settings.h"

namespace orcazap::adapters::web {

class ChannelPages {
 public:
  ChannelPages(service::ChannelStore& store, const crypto::SecretBox& box)
      : store_(store), box_(box) {}
  std::optional<http::Response> Handle(const StoreRequest& request);

 private:
  http::Response Show(const StoreRequest& request, const service::ChannelForm& form,
                      const std::vector<core::FieldError>& errors, const std::string& error,
                      const std::string& notice, int status);
  http::Response Save(const StoreRequest& request);

  service::ChannelStore& store_;
  const crypto::SecretBox& box_;
};

}  // namespace orcazap::adapters::web
