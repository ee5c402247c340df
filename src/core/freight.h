#pragma once
// Freight by region and weight: the pricing rule for freight (core/pricing.h, invariant 6).
//
// Contract:
// 1. The rule for the bairro wins (compared accent- and case-insensitively, surrounding spaces
//    ignored); else the first rule, in catalog order, whose inclusive CEP range holds the CEP.
// 2. Freight = base + per_kg × total weight, rounded half-up to the centavo once, on the exact
//    product.
// 3. Freight is zero when the goods subtotal (after volume discounts, before the payment
//    discount) is at least the rule's free_above.
// 4. No matching rule (or no location at all) ⇒ nullopt: freight unknown, the quote needs a
//    person. So is freight too large for Money (an absurd weight or per-kg price): it is never
//    wrapped.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/extraction.h"
#include "core/money.h"

namespace orcazap::core {

// Exact weight: kg per unit (thousandths) × quantity (thousandths) = millionths of a kg (mg).
struct Weight {
  int64_t milligrams = 0;
  bool operator==(const Weight&) const = default;
};

// The rule that applies to a location, or nullptr when none does. The pointer refers into
// `rules`.
const FreightRule* FindFreightRule(const std::vector<FreightRule>& rules, const Location& location);

// True when `a` and `b` name the same bairro (accents, case and outer spaces ignored).
bool SameBairro(std::string_view a, std::string_view b);

// Freight for an order under `rule` (contract points 2 and 3); nullopt when it does not fit in
// Money (point 4).
std::optional<Money> FreightUnderRule(const FreightRule& rule, Money goods_subtotal,
                                      Weight total_weight);

// The whole freight pricing rule: nullopt when no rule applies.
std::optional<Money> ComputeFreight(const std::vector<FreightRule>& rules,
                                    const std::optional<Location>& location, Money goods_subtotal,
                                    Weight total_weight);

}  // namespace orcazap::core
