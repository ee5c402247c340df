#pragma once
// The RULES file (JSON) with a store's pricing rules:
//
//   {"pix_discount_pct": 5, "min_margin_pct": 12, "approval_total_above": "5000.00",
//    "volume_discounts": [{"sku": "CIM-CPII-50", "min_quantity": 50, "pct": 3},
//                         {"sku": null, "min_quantity": 100, "pct": 2.5}]}
//
// Contract:
// 1. Percentages have at most two decimals (2.5 → 250 basis points), from 0 to 100; quantities
//    at most three decimals; money is reais as a string or number ("5000.00", 5000). Numbers are
//    read from their decimal text, never through binary floating point arithmetic.
// 2. Every field is optional: pix_discount_pct defaults to 0, the thresholds to none, the
//    volume discounts to none. A null sku (or none) makes a global rule.
// 3. Unknown fields are refused (a typo must not silently drop a rule). Errors name the field,
//    e.g. "volume_discounts[1].pct: 120 is not a percentage from 0 to 100".

#include <string>
#include <string_view>

#include "core/catalog.h"
#include "core/result.h"

namespace orcazap::adapters {

core::Result<core::PricingRules> ParseRulesJson(std::string_view text);

// The same format, which ParseRulesJson reads back to equal rules: percentages and quantities
// as JSON numbers written from their exact decimals ("12.5"), money as a string ("5000.00"),
// absent thresholds as null, volume discounts in their order, one per line.
std::string WriteRulesJson(const core::PricingRules& rules);

}  // namespace orcazap::adapters
