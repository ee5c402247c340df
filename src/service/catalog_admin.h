#pragma once
// What the panel's catalog page needs: finding items, changing a price (audited), and the CSV
// files of `orcazap catalog import|export`. Every method is scoped by the tenant it is given.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.h"
#include "core/result.h"

namespace orcazap::service {

struct CatalogRow {
  std::string sku;
  std::string name;
  std::string unit;
  core::Money price;
  bool active = true;
};

class CatalogEditor {
 public:
  virtual ~CatalogEditor() = default;
  // Active and inactive items whose SKU, name or alias contains `query` (any case), SKU order.
  virtual core::Result<std::vector<CatalogRow>> SearchItems(const std::string& tenant_id,
                                                            const std::string& query,
                                                            int limit) = 0;
  // Sets the item's price and writes the audit row (before/after) in one transaction; nullopt
  // when the tenant has no such SKU.
  virtual core::Result<std::optional<CatalogRow>> SetPrice(const std::string& tenant_id,
                                                           const std::string& user_id,
                                                           const std::string& sku,
                                                           core::Money price) = 0;
  // Multiplies the price of every active item matching `query` (as SearchItems) by
  // (1 + basis_points / 10000), rounded half-up to the centavo, with one audit row, in one
  // transaction; returns how many items changed.
  virtual core::Result<int> ChangePrices(const std::string& tenant_id, const std::string& user_id,
                                         const std::string& query, int basis_points) = 0;
};

struct CatalogImportSummary {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  std::vector<std::string> problems;  // one per bad row, "FILE:ROW: column X: ..."
};

class CatalogFiles {
 public:
  virtual ~CatalogFiles() = default;
  // Imports the good rows (bad ones are reported, not imported) with an audit row, in one
  // transaction. kInvalidInput when the file itself is unusable (not UTF-8, bad header).
  virtual core::Result<CatalogImportSummary> ImportCsv(const std::string& slug,
                                                       const std::string& user_id,
                                                       const std::string& file_name,
                                                       std::string_view text) = 0;
  virtual core::Result<std::string> ExportCsv(const std::string& slug) = 0;
};

}  // namespace orcazap::service
