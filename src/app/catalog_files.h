#pragma once
// A tenant's catalog, freight rules and pricing rules from and to files (the formats of
// core/catalog_csv.h and adapters/files/rules_json.h): what `orcazap catalog|freight|rules`
// do, without the argument parsing and printing.
//
// Contract:
// 1. A file is read whole and checked before the database is touched. A bad row refuses the
//    file: kInvalidInput whose message has one line per problem, "FILE:ROW: column COLUMN: what
//    is wrong", and nothing changes. With skip_bad_rows the good rows are imported and the
//    problems of the others are returned in the report instead. Problems that are not on one
//    data row (not UTF-8, CSV syntax, header) always refuse the file.
// 2. An import is one transaction holding the tenant against other imports. An unknown slug is
//    kNotFound; database failures keep their code. Either way nothing changes.
// 3. An export is in the import format, and importing it changes nothing. The catalog export
//    holds the active items in SKU byte order (the file has no active column); freight rules
//    and volume discounts keep the order they were imported in.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/postgres/connection.h"
#include "core/catalog.h"
#include "core/result.h"

namespace orcazap::app {

struct SkippedRows {
  int rows = 0;                       // data rows left out
  std::vector<std::string> problems;  // "FILE:ROW: column COLUMN: ..." for each
};

struct CatalogImportOptions {
  bool skip_bad_rows = false;
  // Deactivates active items absent from the file; not done when rows were skipped (a skipped
  // row may be the one naming an item).
  bool deactivate_missing = false;
  // The panel user importing: an audit row is written in the import's transaction.
  std::optional<std::string> audit_user_id;
};

struct CatalogImportReport {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  int deactivated = 0;
  bool deactivation_withheld = false;  // deactivate_missing asked, but rows were skipped
  SkippedRows skipped;
};

struct FreightImportReport {
  int removed = 0;   // rules the tenant had before
  int imported = 0;  // rules it has now
  SkippedRows skipped;
};

// `file_name` only names the file in messages.
core::Result<CatalogImportReport> ImportCatalogFile(adapters::postgres::PgConnection& conn,
                                                    const std::string& slug,
                                                    const std::string& file_name,
                                                    std::string_view text,
                                                    const CatalogImportOptions& options);
core::Result<std::string> ExportCatalogFile(adapters::postgres::PgConnection& conn,
                                            const std::string& slug);

// Replaces all of the tenant's freight rules with the file's.
core::Result<FreightImportReport> ImportFreightFile(adapters::postgres::PgConnection& conn,
                                                    const std::string& slug,
                                                    const std::string& file_name,
                                                    std::string_view text, bool skip_bad_rows);
core::Result<std::string> ExportFreightFile(adapters::postgres::PgConnection& conn,
                                            const std::string& slug);

// Replaces the tenant's pricing rules and volume discounts; returns what was stored. A volume
// discount naming a SKU the tenant has no item for (active or not) refuses the file.
core::Result<core::PricingRules> ImportRulesFile(adapters::postgres::PgConnection& conn,
                                                 const std::string& slug,
                                                 const std::string& file_name,
                                                 std::string_view text);
core::Result<std::string> ExportRulesFile(adapters::postgres::PgConnection& conn,
                                          const std::string& slug);

// The whole file, or standard input for "-".
core::Result<std::string> ReadInputFile(const std::string& path);
// Writes the whole file, or standard output for "-".
core::Status WriteOutputFile(const std::string& path, std::string_view text);

}  // namespace orcazap::app
