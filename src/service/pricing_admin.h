#pragma once
// The store's pricing rules and volume discounts as the panel edits them (owners only): read
// whole, replaced whole with the audit row (before/after) in one transaction. Scoped by tenant.

#include <string>

#include "core/catalog.h"
#include "core/result.h"

namespace orcazap::service {

class PricingAdmin {
 public:
  virtual ~PricingAdmin() = default;
  virtual core::Result<core::PricingRules> PricingRulesOf(const std::string& tenant_id) = 0;
  // kNotFound when a discount names a SKU the store has no item for; nothing changes then.
  virtual core::Status SavePricingRules(const std::string& tenant_id, const std::string& user_id,
                                        const core::PricingRules& rules) = 0;
};

}  // namespace orcazap::service
