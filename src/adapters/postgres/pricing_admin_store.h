#pragma once
// The panel's pricing rules (service/pricing_admin.h), scoped by tenant, audited.

#include "adapters/postgres/connection.h"
#include "service/pricing_admin.h"

namespace orcazap::adapters::postgres {

class PgPricingAdmin : public service::PricingAdmin {
 public:
  explicit PgPricingAdmin(PgPool& pool) : pool_(pool) {}
  core::Result<core::PricingRules> PricingRulesOf(const std::string& tenant_id) override;
  core::Status SavePricingRules(const std::string& tenant_id, const std::string& user_id,
                                const core::PricingRules& rules) override;

 private:
  PgPool& pool_;
};

}  // namespace orcazap::adapters::postgres
