#include "adapters/postgres/tenant_store.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "adapters/postgres/tenant_catalog.h"

namespace orcazap::adapters::postgres {
namespace {

constexpr char kRepeatableRead[] = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

constexpr char kSelectVersion[] = "SELECT catalog_version FROM tenants WHERE id = $1";

constexpr char kSelectTemplates[] =
    "SELECT key, body FROM message_templates WHERE tenant_id = $1 ORDER BY key";

}  // namespace

const char kSelectTenantSettings[] = R"sql(
SELECT timezone, quote_validity_hours, COALESCE(settings->>'store_hours', ''), catalog_version
  FROM tenants WHERE id = $1 AND status = 'active')sql";

std::optional<service::TenantSettings> TenantSettingsFromRows(const Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return service::TenantSettings{.timezone = std::string(rows.Get(0, 0)),
                                 .quote_validity_hours = static_cast<int>(rows.GetInt(0, 1)),
                                 .store_hours = std::string(rows.Get(0, 2)),
                                 .catalog_version = rows.GetInt(0, 3)};
}

core::Result<service::TenantContext> PgTenantStore::LoadTenant(const std::string& tenant_id) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto rows = (*conn)->Exec(kSelectTenantSettings, {tenant_id});
  if (!rows) return rows.error();
  const auto settings = TenantSettingsFromRows(*rows);
  if (!settings) return core::Error::Permanent("tenant " + tenant_id + " is not active");
  return WithCatalog(tenant_id, *settings, &**conn);
}

core::Result<service::TenantContext> PgTenantStore::TenantWith(
    const std::string& tenant_id, const service::TenantSettings& settings) {
  return WithCatalog(tenant_id, settings, nullptr);
}

core::Result<service::TenantContext> PgTenantStore::WithCatalog(
    const std::string& tenant_id, const service::TenantSettings& settings, PgConnection* conn) {
  service::TenantContext context;
  context.timezone = settings.timezone;
  context.quote_validity_hours = settings.quote_validity_hours;
  context.store_hours = settings.store_hours;
  const auto fill = [&](const Cached& cached) {
    context.catalog = cached.catalog;
    context.texts = cached.texts;
  };
  std::shared_ptr<std::mutex> load_lock;
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(tenant_id);
        it != cache_.end() && it->second.version == settings.catalog_version) {
      fill(it->second);
      return context;
    }
    std::shared_ptr<std::mutex>& slot = load_locks_[tenant_id];
    if (slot == nullptr) slot = std::make_shared<std::mutex>();
    load_lock = slot;
  }
  // One load per tenant at a time (invariant 4): a job that waited for another's load takes
  // what it cached when that is the version it needs or newer.
  std::lock_guard loading(*load_lock);
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(tenant_id);
        it != cache_.end() && it->second.version >= settings.catalog_version) {
      fill(it->second);
      return context;
    }
  }
  std::optional<PgPool::Lease> leased;  // when the caller has no connection to lend
  if (conn == nullptr) {
    auto lease = pool_.Acquire();
    if (!lease) return lease.error();
    leased.emplace(std::move(lease).value());
    conn = &**leased;
  }
  auto loaded = Reload(*conn, tenant_id);
  if (!loaded) return loaded.error();
  fill(*loaded);
  std::lock_guard lock(mutex_);
  if (cache_.size() >= kMaxCachedTenants) {
    cache_.clear();
    load_locks_.clear();  // those held stay alive with their holders
  }
  Cached& cached = cache_[tenant_id];
  // Another thread may have cached a newer version meanwhile.
  if (cached.catalog == nullptr || cached.version < loaded->version) cached = std::move(*loaded);
  return context;
}

core::Result<PgTenantStore::Cached> PgTenantStore::Reload(PgConnection& conn,
                                                          const std::string& tenant_id) {
  ++loads_;
  auto tx = Transaction::Begin(conn);
  if (!tx) return tx.error();
  if (auto isolated = conn.Exec(kRepeatableRead); !isolated) return isolated.error();
  auto version = conn.Exec(kSelectVersion, {tenant_id});
  if (!version) return version.error();
  if (version->empty()) return core::Error::Permanent("tenant " + tenant_id + " is not active");
  Cached cached;
  cached.version = version->GetInt(0, 0);
  auto catalog = LoadCatalog(conn, tenant_id);
  if (!catalog) return catalog.error();
  std::erase_if(catalog->items, [](const core::CatalogItem& item) { return !item.active; });
  cached.catalog = std::make_shared<const core::PreparedCatalog>(std::move(catalog).value());
  auto templates = conn.Exec(kSelectTemplates, {tenant_id});
  if (!templates) return templates.error();
  std::vector<std::pair<std::string, std::string>> overrides;
  for (int i = 0; i < templates->size(); ++i) {
    overrides.emplace_back(templates->Get(i, 0), templates->Get(i, 1));
  }
  cached.texts = std::make_shared<const core::Texts>(core::TextsWithOverrides(overrides));
  if (auto committed = (*tx)->Commit(); !committed) return committed.error();
  return cached;
}

}  // namespace orcazap::adapters::postgres
