#pragma once
// The panel's catalog reads and price edits (service/catalog_admin.h), scoped by tenant.

#include "adapters/postgres/connection.h"
#include "service/catalog_admin.h"

namespace orcazap::adapters::postgres {

class PgCatalogEditor : public service::CatalogEditor {
 public:
  explicit PgCatalogEditor(PgPool& pool) : pool_(pool) {}
  core::Result<std::vector<service::CatalogRow>> SearchItems(const std::string& tenant_id,
                                                             const std::string& query,
                                                             int limit) override;
  core::Result<std::optional<service::CatalogRow>> SetPrice(const std::string& tenant_id,
                                                            const std::string& user_id,
                                                            const std::string& sku,
                                                            core::Money price) override;
  core::Result<int> ChangePrices(const std::string& tenant_id, const std::string& user_id,
                                 const std::string& query, int basis_points) override;

 private:
  PgPool& pool_;
};

}  // namespace orcazap::adapters::postgres
