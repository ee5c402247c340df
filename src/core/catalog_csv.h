#pragma once
// The catalog and freight files (CSV) an operator or store owner imports and exports.
//
//   CATALOG  sku,name,unit,price,cost,weight_kg,aliases
//            price and cost in reais with a dot ("38.90"); cost, weight_kg and aliases may be
//            empty (and their columns absent); aliases separated by "|".
//   FREIGHT  bairro,cep_start,cep_end,base,per_kg,free_above
//            either a bairro or a CEP range (8 digits, "01310-100" accepted); base in reais;
//            per_kg and free_above may be empty (and their columns absent).
//
// Contract:
// 1. Parsing never stops at the first bad row: every problem is reported as a FileError
//    (row = line in the file, header = 1; column = header name). Valid rows are returned even
//    when others are bad; callers importing a file should refuse it when any error exists.
// 2. Writing then parsing gives back the same items and rules (active flags and ids aside).

#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/csv_table.h"

namespace orcazap::core {

struct CatalogFile {
  std::vector<CatalogItem> items;
  std::vector<FileError> errors;
};

struct FreightFile {
  std::vector<FreightRule> rules;
  std::vector<FileError> errors;
};

// Duplicate SKUs, missing columns, empty required fields, malformed or negative numbers, a SKU
// longer than kMaxSkuChars or a name longer than kMaxNameChars (characters, not bytes).
constexpr size_t kMaxSkuChars = 64;
constexpr size_t kMaxNameChars = 200;
CatalogFile ParseCatalogCsv(std::string_view text);
// Also bad CEPs, a start after its end, a row with both or neither of bairro and CEP range,
// and a bairro named twice (accents and case ignored).
FreightFile ParseFreightCsv(std::string_view text);

std::string WriteCatalogCsv(const std::vector<CatalogItem>& items);
std::string WriteFreightCsv(const std::vector<FreightRule>& rules);

// "01310-100" or "01310100" → "01310100"; nullopt for anything else.
std::optional<std::string> NormalizeCep(std::string_view text);

}  // namespace orcazap::core
