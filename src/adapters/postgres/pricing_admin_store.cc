#include "adapters/postgres/pricing_admin_store.h"

#include "adapters/files/rules_json.h"
#include "adapters/postgres/audit.h"
#include "adapters/postgres/tenant_admin.h"
#include "adapters/postgres/tenant_catalog.h"

namespace orcazap::adapters::postgres {

core::Result<core::PricingRules> PgPricingAdmin::PricingRulesOf(const std::string& tenant_id) {
  if (!IsUuid(tenant_id)) return core::PricingRules{};
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  return LoadPricingRules(**conn, tenant_id);
}

core::Status PgPricingAdmin::SavePricingRules(const std::string& tenant_id,
                                              const std::string& user_id,
                                              const core::PricingRules& rules) {
  if (!IsUuid(tenant_id)) return core::Error::NotFound("tenant " + tenant_id);
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto before = LoadPricingRules(**conn, tenant_id);
  if (!before) return before.error();
  if (auto replaced = ReplacePricingRules(**conn, tenant_id, rules); !replaced) return replaced;
  if (auto audited = WriteAudit(**conn, {tenant_id, user_id, "pricing_rules", tenant_id, "update",
                                         WriteRulesJson(*before), WriteRulesJson(rules)});
      !audited) {
    return audited;
  }
  return (*tx)->Commit();
}

}  // namespace orcazap::adapters::postgres
