#include "adapters/postgres/tenant_store.h"

#include <algorithm>

#include "adapters/postgres/tenant_catalog.h"

namespace orcazap::adapters::postgres {
namespace {

constexpr char kSelectTenant[] = R"sql(
SELECT timezone, quote_validity_hours, COALESCE(settings->>'store_hours', '')
  FROM tenants WHERE id = $1 AND status = 'active')sql";

constexpr char kSelectTemplates[] =
    "SELECT key, body FROM message_templates WHERE tenant_id = $1 ORDER BY key";

}  // namespace

core::Result<service::TenantContext> PgTenantStore::LoadTenant(const std::string& tenant_id) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto tenant = (*conn)->Exec(kSelectTenant, {tenant_id});
  if (!tenant) return tenant.error();
  if (tenant->empty()) return core::Error::Permanent("tenant " + tenant_id + " is not active");
  service::TenantContext context;
  context.timezone = tenant->Get(0, 0);
  context.quote_validity_hours = static_cast<int>(tenant->GetInt(0, 1));
  context.store_hours = tenant->Get(0, 2);
  auto catalog = LoadCatalog(**conn, tenant_id);
  if (!catalog) return catalog.error();
  std::erase_if(catalog->items, [](const core::CatalogItem& item) { return !item.active; });
  context.catalog = std::make_shared<const core::PreparedCatalog>(std::move(catalog).value());
  auto templates = (*conn)->Exec(kSelectTemplates, {tenant_id});
  if (!templates) return templates.error();
  for (int i = 0; i < templates->size(); ++i) {
    context.text_overrides.emplace_back(templates->Get(i, 0), templates->Get(i, 1));
  }
  if (auto committed = (*tx)->Commit(); !committed) return committed.error();
  return context;
}

}  // namespace orcazap::adapters::postgres
