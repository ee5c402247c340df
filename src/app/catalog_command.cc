// orcazap catalog import|export: a tenant's catalog as CSV (app/catalog_files.h).
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/catalog_files.h"
#include "app/commands.h"
#include "app/file_command.h"

namespace orcazap::app {
namespace {

constexpr char kCommand[] = "orcazap catalog";

struct CatalogArgs {
  std::string slug;
  std::string path = "-";
  CatalogImportOptions options;
};

void PrintReport(const std::string& slug, const CatalogImportReport& report) {
  ReportSkipped(report.skipped);
  if (report.deactivation_withheld) {
    std::cerr << "--deactivate-missing ignored: rows were skipped, so the file is not the whole "
                 "catalog\n";
  }
  std::cout << "catalog of " << slug << ": " << report.created << " created, " << report.updated
            << " updated, " << report.unchanged << " unchanged, " << report.deactivated
            << " deactivated" << SkippedSuffix(report.skipped) << "\n";
}

int Import(adapters::postgres::PgConnection& conn, const CatalogArgs& args) {
  const std::string command = std::string(kCommand) + " import";
  auto text = ReadInputFile(args.path);
  if (!text) return ReportFailure(command, text.error());
  auto report = ImportCatalogFile(conn, args.slug, FileName(args.path), *text, args.options);
  if (!report) return ReportFailure(command, report.error());
  PrintReport(args.slug, *report);
  return 0;
}

int Export(adapters::postgres::PgConnection& conn, const CatalogArgs& args) {
  return WriteExport(std::string(kCommand) + " export", args.path,
                     ExportCatalogFile(conn, args.slug));
}

}  // namespace

int RunCatalog(int argc, char** argv) {
  CatalogArgs args;
  CLI::App cli(
      "A tenant's catalog as a CSV file: sku,name,unit,price,cost,weight_kg,aliases "
      "(UTF-8, prices in reais with a dot, aliases separated by |).",
      kCommand);
  const ImportExport subcommands = AddImportExport(
      cli, args.slug, args.path,
      "create or update items by SKU, in one transaction; a bad row changes nothing",
      "the CSV file, - for standard input", "write the active items, in SKU order");
  subcommands.import->add_flag("--skip-bad-rows", args.options.skip_bad_rows,
                               "import the good rows, report the bad ones");
  subcommands.import->add_flag("--deactivate-missing", args.options.deactivate_missing,
                               "deactivate the tenant's items absent from the file");
  return RunImportExport(
      cli, subcommands, kCommand, argc, argv,
      [&](adapters::postgres::PgConnection& conn) { return Import(conn, args); },
      [&](adapters::postgres::PgConnection& conn) { return Export(conn, args); });
}

}  // namespace orcazap::app
