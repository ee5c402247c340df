// The CSV reader and the catalog and freight importers on arbitrary files. Checked (core/csv.h,
// core/catalog_csv.h):
// 1. Formatting the rows ParseCsv read and parsing them again gives the same fields.
// 2. Writing the items (rules) a file parsed to and parsing that gives them back, error-free.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog_csv.h"
#include "core/csv.h"
#include "fuzz_check.h"

namespace {

using namespace orcazap::core;

void CheckCsvRoundTrip(std::string_view text) {
  const auto rows = ParseCsv(text);
  if (!rows) {
    FUZZ_CHECK(!rows.error().message().empty(), "a CSV error says what was wrong");
    return;
  }
  std::string written;
  for (const CsvRow& row : *rows) {
    FUZZ_CHECK(!row.fields.empty(), "a row never has zero fields");
    written += FormatCsvRow(row.fields);
  }
  const auto reread = ParseCsv(written);
  FUZZ_CHECK(reread.ok(), "formatted rows parse");
  FUZZ_CHECK(reread->size() == rows->size(), "formatted rows read back as many rows");
  for (size_t i = 0; i < rows->size(); ++i) {
    FUZZ_CHECK((*reread)[i].fields == (*rows)[i].fields, "formatted fields read back unchanged");
  }
}

bool SameItem(const CatalogItem& a, const CatalogItem& b) {
  return a.sku == b.sku && a.name == b.name && a.unit == b.unit && a.price == b.price &&
         a.cost == b.cost && a.weight_kg == b.weight_kg && a.aliases == b.aliases;
}

bool SameRule(const FreightRule& a, const FreightRule& b) {
  return a.bairro == b.bairro && a.cep_start == b.cep_start && a.cep_end == b.cep_end &&
         a.base == b.base && a.per_kg == b.per_kg && a.free_above == b.free_above;
}

void CheckCatalogRoundTrip(std::string_view text) {
  const CatalogFile file = ParseCatalogCsv(text);
  const CatalogFile reread = ParseCatalogCsv(WriteCatalogCsv(file.items));
  FUZZ_CHECK(reread.errors.empty(), "a written catalog parses without errors");
  FUZZ_CHECK(reread.items.size() == file.items.size(), "a written catalog keeps every item");
  for (size_t i = 0; i < file.items.size(); ++i) {
    FUZZ_CHECK(SameItem(reread.items[i], file.items[i]), "a written item reads back the same");
  }
  for (const FileError& error : file.errors) {
    FUZZ_CHECK(!error.message.empty() && !error.ToString().empty(), "an error says what");
  }
}

void CheckFreightRoundTrip(std::string_view text) {
  const FreightFile file = ParseFreightCsv(text);
  const FreightFile reread = ParseFreightCsv(WriteFreightCsv(file.rules));
  FUZZ_CHECK(reread.errors.empty(), "written freight rules parse without errors");
  FUZZ_CHECK(reread.rules.size() == file.rules.size(), "written freight keeps every rule");
  for (size_t i = 0; i < file.rules.size(); ++i) {
    FUZZ_CHECK(SameRule(reread.rules[i], file.rules[i]), "a written rule reads back the same");
  }
  for (const FileError& error : file.errors) {
    FUZZ_CHECK(!error.message.empty() && !error.ToString().empty(), "an error says what");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckCsvRoundTrip(text);
  CheckCatalogRoundTrip(text);
  CheckFreightRoundTrip(text);
  (void)NormalizeCep(text.substr(0, 16));
  return 0;
}
