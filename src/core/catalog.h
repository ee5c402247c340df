#pragma once
// The store's catalog and commercial rules as plain values (no I/O). Loaded by adapters from
// PostgreSQL or from CSV/JSON files; consumed by extraction, matching and pricing.

#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/quantity.h"

namespace orcazap::core {

struct CatalogItem {
  std::string id;   // database id (uuid) when loaded from PostgreSQL; may be empty offline
  std::string sku;  // unique per tenant
  std::string name;
  std::string unit;                   // "un", "saco", "m³", "kg", "m", "milheiro", ...
  Money price;                        // per unit
  std::optional<Money> cost;          // per unit
  std::optional<Quantity> weight_kg;  // per unit
  std::vector<std::string> aliases;   // other names customers use
  bool active = true;
};

// A volume discount: from min_quantity on, pct_basis_points off the unit price
// (300 = 3 %). An empty sku applies to every item (a global rule).
struct VolumeDiscount {
  std::optional<std::string> sku;
  Quantity min_quantity;
  int pct_basis_points = 0;
};

// Either a bairro or an 8-digit CEP range (inclusive) is set.
struct FreightRule {
  std::optional<std::string> bairro;
  std::optional<std::string> cep_start;
  std::optional<std::string> cep_end;
  Money base;
  std::optional<Money> per_kg;
  std::optional<Money> free_above;  // goods subtotal from which freight is zero
};

struct PricingRules {
  int pix_discount_basis_points = 0;           // 500 = 5 %
  std::optional<int> min_margin_basis_points;  // approval when margin is below
  std::optional<Money> approval_total_above;   // approval when total is above
  std::vector<VolumeDiscount> volume_discounts;
};

struct Catalog {
  std::vector<CatalogItem> items;
  std::vector<FreightRule> freight_rules;
  PricingRules rules;
};

}  // namespace orcazap::core
