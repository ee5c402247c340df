#pragma once
// Stores, their people and the dashboard's figures, in PostgreSQL (service/accounts.h,
// service/dashboard.h). Every query is scoped by tenant except FindStore, which maps a host's
// slug to its tenant.

#include "adapters/postgres/connection.h"
#include "service/accounts.h"
#include "service/dashboard.h"

namespace orcazap::adapters::postgres {

class PgAccountStore : public service::AccountStore, public service::DashboardReader {
 public:
  explicit PgAccountStore(PgPool& pool) : pool_(pool) {}

  core::Result<std::optional<service::StoreAccount>> FindStore(const std::string& slug) override;
  core::Result<std::optional<service::PanelUser>> FindUser(const std::string& tenant_id,
                                                           const std::string& email) override;
  core::Result<service::StoreAccount> CreateStore(const core::SignUpForm& form,
                                                  const std::string& password_hash) override;
  core::Status SetPasswordHash(const std::string& tenant_id, const std::string& user_id,
                               const std::string& password_hash) override;
  core::Result<service::DashboardFigures> Dashboard(const std::string& tenant_id) override;

 private:
  PgPool& pool_;
};

}  // namespace orcazap::adapters::postgres
