// orcazap freight import|export: a tenant's freight rules as CSV (app/catalog_files.h).
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/catalog_files.h"
#include "app/commands.h"
#include "app/file_command.h"

namespace orcazap::app {
namespace {

constexpr char kCommand[] = "orcazap freight";

struct FreightArgs {
  std::string slug;
  std::string path = "-";
  bool skip_bad_rows = false;
};

int Import(adapters::postgres::PgConnection& conn, const FreightArgs& args) {
  const std::string command = std::string(kCommand) + " import";
  auto text = ReadInputFile(args.path);
  if (!text) return ReportFailure(command, text.error());
  auto report = ImportFreightFile(conn, args.slug, FileName(args.path), *text, args.skip_bad_rows);
  if (!report) return ReportFailure(command, report.error());
  ReportSkipped(report->skipped);
  std::cout << "freight rules of " << args.slug << " replaced: " << report->imported << " rules ("
            << report->removed << " before)" << SkippedSuffix(report->skipped) << "\n";
  return 0;
}

int Export(adapters::postgres::PgConnection& conn, const FreightArgs& args) {
  return WriteExport(std::string(kCommand) + " export", args.path,
                     ExportFreightFile(conn, args.slug));
}

}  // namespace

int RunFreight(int argc, char** argv) {
  FreightArgs args;
  CLI::App cli(
      "A tenant's freight rules as a CSV file: bairro,cep_start,cep_end,base,per_kg,"
      "free_above (UTF-8, a bairro or a CEP range per row, reais with a dot). The first "
      "CEP range holding a CEP wins, so the order of the rows matters.",
      kCommand);
  const ImportExport subcommands = AddImportExport(
      cli, args.slug, args.path, "replace all of the tenant's freight rules, in one transaction",
      "the CSV file, - for standard input", "write the rules, in their order");
  subcommands.import->add_flag("--skip-bad-rows", args.skip_bad_rows,
                               "import the good rows, report the bad ones");
  return RunImportExport(
      cli, subcommands, kCommand, argc, argv,
      [&](adapters::postgres::PgConnection& conn) { return Import(conn, args); },
      [&](adapters::postgres::PgConnection& conn) { return Export(conn, args); });
}

}  // namespace orcazap::app
