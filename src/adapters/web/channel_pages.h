#pragma once
// The panel's WhatsApp channel settings (owners only): phone number id, WABA id,
// display number, access token (stored encrypted, never shown) and webhook verify token.
//
// Routes (store host, logged in as the owner): GET /canal, POST /canal. An attendant gets 403.
//
// POST /canal answers 200 and saves; 422 with the fields at fault when the form is invalid or
// WhatsApp refuses it (service::ConfirmChannel: the token must see the phone number id in the
// WhatsApp Business Account), 409 when another store has the number, 503 when WhatsApp could
// not be asked. Only a 200 changes anything.

#include <optional>

#include "adapters/crypto/secret_box.h"
#include "adapters/web/page.h"
#include "service/channel_settings.h"

namespace orcazap::adapters::web {

class ChannelPages {
 public:
  ChannelPages(service::ChannelStore& store, service::ChannelVerifier& verifier,
               const crypto::SecretBox& box)
      : store_(store), verifier_(verifier), box_(box) {}
  std::optional<http::Response> Handle(const StoreRequest& request);

 private:
  http::Response Show(const StoreRequest& request, const service::ChannelForm& form,
                      const std::vector<core::FieldError>& errors, const std::string& error,
                      const std::string& notice, int status);
  http::Response Save(const StoreRequest& request);
  // The answer when WhatsApp does not confirm `form` (503 when it could not be asked); nullopt
  // when the form may be saved, its display number filled in from WhatsApp when left empty.
  std::optional<http::Response> Unconfirmed(const StoreRequest& request,
                                            const std::optional<service::ChannelSettings>& current,
                                            service::ChannelForm& form);
  // The stored access token of the request's store, decrypted.
  core::Result<std::string> StoredToken(const StoreRequest& request);

  service::ChannelStore& store_;
  service::ChannelVerifier& verifier_;
  const crypto::SecretBox& box_;
};

}  // namespace orcazap::adapters::web
