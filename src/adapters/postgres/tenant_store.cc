#include "adapters/postgres/tenant_store.h"

#include <algorithm>

#include "adapters/postgres/tenant_catalog.h"

namespace orcazap::adapters::postgres {
namespace {

constexpr char kSelectTenant[] = R"sql(
SELECT timezone, quote_validity_hours, COALESCE(settings->>'store_hours', ''), catalog_version
  FROM tenants WHERE id = $1 AND status = 'active')sql";

constexpr char kRepeatableRead[] = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

constexpr char kSelectVersion[] = "SELECT catalog_version FROM tenants WHERE id = $1";

constexpr char kSelectTemplates[] =
    "SELECT key, body FROM message_templates WHERE tenant_id = $1 ORDER BY key";

}  // namespace

core::Result<service::TenantContext> PgTenantStore::LoadTenant(const std::string& tenant_id) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tenant = (*conn)->Exec(kSelectTenant, {tenant_id});
  if (!tenant) return tenant.error();
  if (tenant->empty()) return core::Error::Permanent("tenant " + tenant_id + " is not active");
  service::TenantContext context;
  context.timezone = tenant->Get(0, 0);
  context.quote_validity_hours = static_cast<int>(tenant->GetInt(0, 1));
  context.store_hours = tenant->Get(0, 2);
  const int64_t version = tenant->GetInt(0, 3);
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(tenant_id); it != cache_.end() && it->second.version == version) {
      context.catalog = it->second.catalog;
      context.texts = it->second.texts;
      return context;
    }
  }
  auto loaded = Reload(**conn, tenant_id);
  if (!loaded) return loaded.error();
  context.catalog = loaded->catalog;
  context.texts = loaded->texts;
  std::lock_guard lock(mutex_);
  if (cache_.size() >= kMaxCachedTenants) cache_.clear();
  Cached& cached = cache_[tenant_id];
  // Another thread may have cached a newer version meanwhile.
  if (cached.catalog == nullptr || cached.version < loaded->version) cached = std::move(*loaded);
  return context;
}

core::Result<PgTenantStore::Cached> PgTenantStore::Reload(PgConnection& conn,
                                                          const std::string& tenant_id) {
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
