#pragma once
// service::TenantStore on PostgreSQL: a tenant's settings, active catalog, rules and text
// overrides. Thread-safe (each call leases a pooled connection).
//
// Invariants:
// 1. The catalog, rules and text overrides are cached per tenant with the tenant's
//    catalog_version (migrations/0003: bumped by a trigger in the transaction of every change
//    to them). Every call reads the version and the tenant's settings in one statement and
//    reloads when the version differs, so nothing changed by a committed transaction is ever
//    served from the cache.
// 2. A reload reads the version first, in the same snapshot as the data (REPEATABLE READ), so
//    the cached data is exactly that version's.
// 3. At most kMaxCachedTenants tenants are cached; beyond that the cache starts over.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "adapters/postgres/connection.h"
#include "service/ports.h"

namespace orcazap::adapters::postgres {

class PgTenantStore : public service::TenantStore {
 public:
  static constexpr size_t kMaxCachedTenants = 256;

  explicit PgTenantStore(PgPool& pool) : pool_(pool) {}
  core::Result<service::TenantContext> LoadTenant(const std::string& tenant_id) override;

 private:
  struct Cached {
    int64_t version = 0;
    std::shared_ptr<const core::PreparedCatalog> catalog;
    std::shared_ptr<const core::Texts> texts;
  };
  core::Result<Cached> Reload(PgConnection& conn, const std::string& tenant_id);

  PgPool& pool_;
  std::mutex mutex_;  // guards cache_
  std::map<std::string, Cached> cache_;
};

}  // namespace orcazap::adapters::postgres
