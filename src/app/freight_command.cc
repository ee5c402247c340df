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
  cli.require_subcommand(1);
  auto* import =
      cli.add_subcommand("import", "replace all of the tenant's freight rules, in one transaction");
  import->add_option("--tenant", args.slug, "tenant slug")->required();
  import->add_option("file", args.path, "the CSV file, - for standard input")->required();
  import->add_flag("--skip-bad-rows", args.skip_bad_rows,
                   "import the good rows, report the bad ones");
  auto* exporter = cli.add_subcommand("export", "write the rules, in their order");
  exporter->add_option("--tenant", args.slug, "tenant slug")->required();
  exporter->add_option("file", args.path, "where to write, - (default) for standard output");
  cli.footer(
      "Needs DATABASE_URL. Exit status: 0 done, 1 failure (nothing changed), 2 bad file, "
      "bad usage or unknown tenant (nothing changed).");
  if (const auto stop = ParseArguments(cli, argc, argv)) return *stop;

  int status = 0;
  auto conn = ConnectFromConfig(kCommand, status);
  if (!conn) return status;
  return import->parsed() ? Import(*conn, args) : Export(*conn, args);
}

}  // namespace orcazap::app
