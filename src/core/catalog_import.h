#pragma once
// What importing a catalog file does to a tenant's items, decided without I/O.
//
// Contract:
// 1. Items are matched by SKU (exact bytes). A file item with no match is created; one whose
//    name, unit, price, cost, weight or aliases differ, or that was inactive, is updated (and
//    active again); the rest are unchanged and must not be written.
// 2. With `deactivate_missing`, active items absent from the file are deactivated (never
//    deleted: quotes may still name them). Inactive absent items are left alone.
// 3. The plan keeps the file's order for created and updated items and SKU order for
//    deactivated ones; `id`s of existing items are carried over.

#include <string>
#include <vector>

#include "core/catalog.h"

namespace orcazap::core {

struct CatalogImportPlan {
  std::vector<CatalogItem> created;
  std::vector<CatalogItem> updated;
  std::vector<CatalogItem> deactivated;  // active = false
  int unchanged = 0;
};

CatalogImportPlan PlanCatalogImport(const std::vector<CatalogItem>& current,
                                    const std::vector<CatalogItem>& file_items,
                                    bool deactivate_missing);

// True when every field but `id` is equal.
bool SameItem(const CatalogItem& a, const CatalogItem& b);

// One message per volume discount whose SKU is not among `items` (active or not), naming it as
// the rules file does: volume_discounts[1].sku: "XYZ" is not in the catalog.
std::vector<std::string> UnknownDiscountSkus(const PricingRules& rules,
                                             const std::vector<CatalogItem>& items);

}  // namespace orcazap::core
