#pragma once
// service::TenantStore on PostgreSQL: a tenant's settings, active catalog, rules and text
// overrides, read in one transaction. Thread-safe (each call leases a pooled connection).

#include "adapters/postgres/connection.h"
#include "service/ports.h"

namespace orcazap::adapters::postgres {

class PgTenantStore : public service::TenantStore {
 public:
  explicit PgTenantStore(PgPool& pool) : pool_(pool) {}
  core::Result<service::TenantContext> LoadTenant(const std::string& tenant_id) override;

 private:
  PgPool& pool_;
};

}  // namespace orcazap::adapters::postgres
