#include "core/catalog_import.h"

#include <map>
#include <set>

namespace orcazap::core {

bool SameItem(const CatalogItem& a, const CatalogItem& b) {
  return a.sku == b.sku && a.name == b.name && a.unit == b.unit && a.price == b.price &&
         a.cost == b.cost && a.weight_kg == b.weight_kg && a.aliases == b.aliases &&
         a.active == b.active;
}

CatalogImportPlan PlanCatalogImport(const std::vector<CatalogItem>& current,
                                    const std::vector<CatalogItem>& file_items,
                                    bool deactivate_missing) {
  std::map<std::string, const CatalogItem*> by_sku;
  for (const CatalogItem& item : current) by_sku.emplace(item.sku, &item);
  CatalogImportPlan plan;
  std::set<std::string> in_file;
  for (CatalogItem item : file_items) {
    in_file.insert(item.sku);
    item.active = true;
    const auto existing = by_sku.find(item.sku);
    if (existing == by_sku.end()) {
      plan.created.push_back(std::move(item));
      continue;
    }
    item.id = existing->second->id;
    if (SameItem(item, *existing->second)) {
      ++plan.unchanged;
    } else {
      plan.updated.push_back(std::move(item));
    }
  }
  if (!deactivate_missing) return plan;
  for (const auto& [sku, item] : by_sku) {
    if (!item->active || in_file.contains(sku)) continue;
    plan.deactivated.push_back(*item);
    plan.deactivated.back().active = false;
  }
  return plan;
}

std::vector<std::string> UnknownDiscountSkus(const PricingRules& rules,
                                             const std::vector<CatalogItem>& items) {
  std::set<std::string> skus;
  for (const CatalogItem& item : items) skus.insert(item.sku);
  std::vector<std::string> messages;
  for (size_t i = 0; i < rules.volume_discounts.size(); ++i) {
    const auto& sku = rules.volume_discounts[i].sku;
    if (!sku || skus.contains(*sku)) continue;
    messages.push_back("volume_discounts[" + std::to_string(i) + "].sku: \"" + *sku +
                       "\" is not in the catalog");
  }
  return messages;
}

}  // namespace orcazap::core
