#pragma once
// The store's WhatsApp channel for the panel (service/channel_settings.h), scoped by tenant.

#include "adapters/postgres/connection.h"
#include "service/channel_settings.h"

namespace orcazap::adapters::postgres {

class PgChannelStore : public service::ChannelStore {
 public:
  explicit PgChannelStore(PgPool& pool) : pool_(pool) {}
  core::Result<std::optional<service::ChannelSettings>> LoadChannel(
      const std::string& tenant_id) override;
  core::Result<std::string> LoadSealedToken(const std::string& tenant_id) override;
  core::Status SaveChannel(const std::string& tenant_id, const std::string& user_id,
                           const service::ChannelForm& form,
                           const std::optional<std::string>& sealed_token) override;

 private:
  PgPool& pool_;
};

}  // namespace orcazap::adapters::postgres
