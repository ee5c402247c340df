#pragma once
// service::TenantStore on PostgreSQL: a tenant's settings, active catalog, rules and text
// overrides. Thread-safe (each call leases a pooled connection).
//
// Invariants:
// 1. The catalog, rules and text overrides are cached per tenant with the tenant's
//    catalog_version (migrations/0003: bumped by a trigger in the transaction of every change
//    to them). LoadTenant reads the version and the tenant's settings in one statement
//    (kSelectTenantSettings); TenantWith is given them, read by its caller with that statement
//    when its job began (PgConversationStore::LockCustomerOf). Both reload when the cached
//    version differs, so nothing changed by a transaction committed before the settings were
//    read is ever served from the cache.
// 2. A reload reads the version first, in the same snapshot as the data (REPEATABLE READ), so
//    the cached data is exactly that version's.
// 3. At most kMaxCachedTenants tenants are cached; beyond that the cache (and its load locks)
//    starts over.
// 4. One load per tenant at a time: a job that misses the cache while another thread loads
//    the tenant's catalog waits for that load and takes what it cached when that is the version
//    it needs or newer, instead of loading the same catalog again (after a failed load, the
//    next waiter loads). After a start or a catalog change the job threads would otherwise each
//    read and prepare the whole catalog at once.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/postgres/connection.h"
#include "service/ports.h"

namespace orcazap::adapters::postgres {

// A tenant's settings (service::TenantSettings), one row or none when the tenant is not active.
// $1: the tenant's id.
extern const char kSelectTenantSettings[];
std::optional<service::TenantSettings> TenantSettingsFromRows(const Rows& rows);

class PgTenantStore : public service::TenantStore {
 public:
  static constexpr size_t kMaxCachedTenants = 256;

  explicit PgTenantStore(PgPool& pool) : pool_(pool) {}
  core::Result<service::TenantContext> LoadTenant(const std::string& tenant_id) override;
  core::Result<service::TenantContext> TenantWith(const std::string& tenant_id,
                                                  const service::TenantSettings& settings) override;

  // How many times a catalog was read from the database so far (the worker logs it when it
  // stops).
  int64_t loads() const { return loads_; }

 private:
  struct Cached {
    int64_t version = 0;
    std::shared_ptr<const core::PreparedCatalog> catalog;
    std::shared_ptr<const core::Texts> texts;
  };
  // The context of `settings` with the cached catalog of their version, else one reloaded on
  // `conn` (or on a connection of the pool when null).
  core::Result<service::TenantContext> WithCatalog(const std::string& tenant_id,
                                                   const service::TenantSettings& settings,
                                                   PgConnection* conn);
  core::Result<Cached> Reload(PgConnection& conn, const std::string& tenant_id);

  PgPool& pool_;
  std::mutex mutex_;  // guards cache_ and load_locks_
  std::map<std::string, Cached> cache_;
  // Held by the thread loading a tenant's catalog (invariant 4), per tenant.
  std::map<std::string, std::shared_ptr<std::mutex>> load_locks_;
  std::atomic<int64_t> loads_ = 0;
};

}  // namespace orcazap::adapters::postgres
