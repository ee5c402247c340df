#pragma once
// The panel's text overrides (service/text_admin.h): text_store.h plus the audit row, in one
// transaction, scoped by tenant.

#include "adapters/postgres/connection.h"
#include "service/text_admin.h"

namespace orcazap::adapters::postgres {

class PgTextAdmin : public service::TextAdmin {
 public:
  explicit PgTextAdmin(PgPool& pool) : pool_(pool) {}
  core::Result<std::map<std::string, std::string>> TextOverrides(
      const std::string& tenant_id) override;
  core::Status SaveText(const std::string& tenant_id, const std::string& user_id,
                        const std::string& key, const std::string& body) override;
  core::Result<bool> ResetText(const std::string& tenant_id, const std::string& user_id,
                               const std::string& key) override;

 private:
  PgPool& pool_;
};

}  // namespace orcazap::adapters::postgres
