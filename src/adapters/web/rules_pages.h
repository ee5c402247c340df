#pragma once
// The panel's pricing rules and volume discounts: PIX discount, minimum margin
// and total above which a person approves, and discounts by quantity (for one SKU or all).
// Everyone reads; only owners change them; each change is audited (before/after).
//
// Routes (store host, logged in): GET /regras, POST /regras, POST /regras/descontos,
// POST /regras/descontos/{index}/excluir.

#include <optional>

#include "adapters/web/page.h"
#include "service/pricing_admin.h"

namespace orcazap::adapters::web {

class RulesPages {
 public:
  explicit RulesPages(service::PricingAdmin& pricing) : pricing_(pricing) {}
  std::optional<http::Response> Handle(const StoreRequest& request);

 private:
  http::Response Show(const StoreRequest& request, const core::PricingRules& rules,
                      const std::string& notice, const std::string& error, int status);
  http::Response Save(const StoreRequest& request, core::PricingRules rules,
                      const std::string& notice);

  service::PricingAdmin& pricing_;
};

// "5", "5,5", "12.25" percent as basis points (550, 1225); nullopt otherwise. Negative allowed
// only with allow_negative.
std::optional<int> ParsePercentBasisPoints(std::string_view text, bool allow_negative = false);
std::string PercentPtBr(int basis_points);

}  // namespace orcazap::adapters::web
