#include "app/catalog_files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "adapters/files/rules_json.h"
#include "adapters/postgres/audit.h"
#include "adapters/postgres/tenant_admin.h"
#include "adapters/postgres/tenant_catalog.h"
#include "core/catalog_csv.h"
#include "core/catalog_import.h"
#include "core/utf8_check.h"

namespace orcazap::app {
namespace {

namespace pg = adapters::postgres;
using core::Error;

Error UnknownTenant(const std::string& slug) {
  return Error::NotFound("no tenant with slug \"" + slug + "\"");
}

core::Result<std::string> FindTenant(pg::PgConnection& conn, const std::string& slug) {
  auto id = pg::FindTenantId(conn, slug);
  if (!id) return id.error();
  if (!*id) return UnknownTenant(slug);
  return **id;
}

core::Result<std::string> LockTenant(pg::PgConnection& conn, const std::string& slug) {
  auto id = pg::LockTenantForImport(conn, slug);
  if (!id) return id.error();
  if (!*id) return UnknownTenant(slug);
  return **id;
}

core::Status CheckUtf8(const std::string& file_name, std::string_view text) {
  const auto line = core::FirstInvalidUtf8Line(text);
  if (!line) return core::Ok();
  return Error::InvalidInput(file_name + ":" + std::to_string(*line) +
                             ": not UTF-8 text; save the file as UTF-8 (\"CSV UTF-8\" in a "
                             "spreadsheet program)");
}

std::string Locate(const std::string& file_name, const core::FileError& error) {
  return file_name + (error.row > 0 ? ":" : ": ") + error.ToString();
}

// Refuses the file (every problem, one per line) unless skipping was asked and every problem is
// on a data row of a readable file; then they are the skipped rows.
core::Result<SkippedRows> SkipOrRefuse(const std::string& file_name, std::string_view text,
                                       const std::vector<core::FileError>& errors,
                                       bool skip_bad_rows) {
  SkippedRows skipped;
  if (errors.empty()) return skipped;
  bool whole_file = !core::ParseCsv(text).ok();
  std::set<int> rows;
  for (const core::FileError& error : errors) {
    skipped.problems.push_back(Locate(file_name, error));
    rows.insert(error.row);
    whole_file = whole_file || error.row < 2;
  }
  skipped.rows = static_cast<int>(rows.size());
  if (skip_bad_rows && !whole_file) return skipped;
  std::string message;
  for (const std::string& problem : skipped.problems) message += problem + "\n";
  message += file_name + ": refused, nothing changed";
  if (!whole_file) {
    message += " (" + std::to_string(skipped.rows) +
               (skipped.rows == 1 ? " bad row" : " bad rows") +
               "; --skip-bad-rows imports the other rows)";
  }
  return Error::InvalidInput(message);
}

int Size(const std::vector<core::CatalogItem>& items) { return static_cast<int>(items.size()); }

}  // namespace

core::Result<CatalogImportReport> ImportCatalogFile(pg::PgConnection& conn, const std::string& slug,
                                                    const std::string& file_name,
                                                    std::string_view text,
                                                    const CatalogImportOptions& options) {
  if (auto utf8 = CheckUtf8(file_name, text); !utf8) return utf8.error();
  const core::CatalogFile file = core::ParseCatalogCsv(text);
  auto skipped = SkipOrRefuse(file_name, text, file.errors, options.skip_bad_rows);
  if (!skipped) return skipped.error();

  auto tx = pg::Transaction::Begin(conn);
  if (!tx) return tx.error();
  auto tenant = LockTenant(conn, slug);
  if (!tenant) return tenant.error();
  auto current = pg::LoadItems(conn, *tenant);
  if (!current) return current.error();
  const bool deactivate = options.deactivate_missing && skipped->rows == 0;
  const core::CatalogImportPlan plan = core::PlanCatalogImport(*current, file.items, deactivate);
  for (const auto* items : {&plan.created, &plan.updated, &plan.deactivated}) {
    if (auto written = pg::UpsertItems(conn, *tenant, *items); !written) return written.error();
  }
  if (options.audit_user_id) {
    const nlohmann::json after = {{"file", file_name},
                                  {"created", Size(plan.created)},
                                  {"updated", Size(plan.updated)},
                                  {"unchanged", plan.unchanged},
                                  {"skipped_rows", skipped->rows}};
    if (auto audited = pg::WriteAudit(conn, {*tenant, options.audit_user_id, "catalog", file_name,
                                             "import", std::nullopt, after.dump()});
        !audited) {
      return audited.error();
    }
  }
  if (auto committed = (*tx)->Commit(); !committed) return committed.error();

  CatalogImportReport report;
  report.created = Size(plan.created);
  report.updated = Size(plan.updated);
  report.unchanged = plan.unchanged;
  report.deactivated = Size(plan.deactivated);
  report.deactivation_withheld = options.deactivate_missing && !deactivate;
  report.skipped = std::move(*skipped);
  return report;
}

core::Result<std::string> ExportCatalogFile(pg::PgConnection& conn, const std::string& slug) {
  auto tenant = FindTenant(conn, slug);
  if (!tenant) return tenant.error();
  auto items = pg::LoadItems(conn, *tenant);
  if (!items) return items.error();
  std::vector<core::CatalogItem> active;
  for (auto& item : *items) {
    if (item.active) active.push_back(std::move(item));
  }
  return core::WriteCatalogCsv(active);
}

core::Result<FreightImportReport> ImportFreightFile(pg::PgConnection& conn, const std::string& slug,
                                                    const std::string& file_name,
                                                    std::string_view text, bool skip_bad_rows) {
  if (auto utf8 = CheckUtf8(file_name, text); !utf8) return utf8.error();
  const core::FreightFile file = core::ParseFreightCsv(text);
  auto skipped = SkipOrRefuse(file_name, text, file.errors, skip_bad_rows);
  if (!skipped) return skipped.error();

  auto tx = pg::Transaction::Begin(conn);
  if (!tx) return tx.error();
  auto tenant = LockTenant(conn, slug);
  if (!tenant) return tenant.error();
  auto before = pg::LoadFreightRules(conn, *tenant);
  if (!before) return before.error();
  if (auto replaced = pg::ReplaceFreightRules(conn, *tenant, file.rules); !replaced) {
    return replaced.error();
  }
  if (auto committed = (*tx)->Commit(); !committed) return committed.error();
  return FreightImportReport{static_cast<int>(before->size()), static_cast<int>(file.rules.size()),
                             std::move(*skipped)};
}

core::Result<std::string> ExportFreightFile(pg::PgConnection& conn, const std::string& slug) {
  auto tenant = FindTenant(conn, slug);
  if (!tenant) return tenant.error();
  auto rules = pg::LoadFreightRules(conn, *tenant);
  if (!rules) return rules.error();
  return core::WriteFreightCsv(*rules);
}

core::Result<core::PricingRules> ImportRulesFile(pg::PgConnection& conn, const std::string& slug,
                                                 const std::string& file_name,
                                                 std::string_view text) {
  if (auto utf8 = CheckUtf8(file_name, text); !utf8) return utf8.error();
  auto rules = adapters::ParseRulesJson(text);
  if (!rules) return Error::InvalidInput(file_name + ": " + rules.error().message());

  auto tx = pg::Transaction::Begin(conn);
  if (!tx) return tx.error();
  auto tenant = LockTenant(conn, slug);
  if (!tenant) return tenant.error();
  auto items = pg::LoadItems(conn, *tenant);
  if (!items) return items.error();
  if (const auto unknown = core::UnknownDiscountSkus(*rules, *items); !unknown.empty()) {
    std::string message;
    for (const std::string& problem : unknown) message += file_name + ": " + problem + "\n";
    return Error::InvalidInput(message + file_name + ": refused, nothing changed (the catalog of " +
                               slug + " has no such SKU)");
  }
  if (auto replaced = pg::ReplacePricingRules(conn, *tenant, *rules); !replaced) {
    return replaced.error();
  }
  if (auto committed = (*tx)->Commit(); !committed) return committed.error();
  return std::move(*rules);
}

core::Result<std::string> ExportRulesFile(pg::PgConnection& conn, const std::string& slug) {
  auto tenant = FindTenant(conn, slug);
  if (!tenant) return tenant.error();
  auto rules = pg::LoadPricingRules(conn, *tenant);
  if (!rules) return rules.error();
  return adapters::WriteRulesJson(*rules);
}

core::Result<std::string> ReadInputFile(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::InvalidInput(path + ": cannot read: " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error::InvalidInput(path + ": cannot read: " + std::strerror(errno));
  return text.str();
}

core::Status WriteOutputFile(const std::string& path, std::string_view text) {
  if (path == "-") {
    std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
    std::cout.flush();
    if (!std::cout) return Error::Permanent("cannot write to standard output");
    return core::Ok();
  }
  // Written aside and renamed, so that a failed export never leaves half a file behind.
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
      std::remove(partial.c_str());
      return Error::Permanent(path + ": cannot write: " + std::strerror(errno));
    }
  }
  if (std::rename(partial.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(partial.c_str());
    return Error::Permanent(path + ": cannot write: " + reason);
  }
  return core::Ok();
}

}  // namespace orcazap::app
