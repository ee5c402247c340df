// orcazap rules import|export: a tenant's pricing rules as JSON (app/catalog_files.h).
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/catalog_files.h"
#include "app/commands.h"
#include "app/file_command.h"

namespace orcazap::app {
namespace {

constexpr char kCommand[] = "orcazap rules";

struct RulesArgs {
  std::string slug;
  std::string path = "-";
};

int Import(adapters::postgres::PgConnection& conn, const RulesArgs& args) {
  const std::string command = std::string(kCommand) + " import";
  auto text = ReadInputFile(args.path);
  if (!text) return ReportFailure(command, text.error());
  auto rules = ImportRulesFile(conn, args.slug, FileName(args.path), *text);
  if (!rules) return ReportFailure(command, rules.error());
  const size_t discounts = rules->volume_discounts.size();
  std::cout << "pricing rules of " << args.slug << " replaced (" << discounts
            << (discounts == 1 ? " volume discount" : " volume discounts") << ")\n";
  return 0;
}

int Export(adapters::postgres::PgConnection& conn, const RulesArgs& args) {
  return WriteExport(std::string(kCommand) + " export", args.path,
                     ExportRulesFile(conn, args.slug));
}

}  // namespace

int RunRules(int argc, char** argv) {
  RulesArgs args;
  CLI::App cli(
      "A tenant's pricing rules as a JSON file: {\"pix_discount_pct\": 5, "
      "\"min_margin_pct\": 12, \"approval_total_above\": \"5000.00\", "
      "\"volume_discounts\": [{\"sku\": \"CIM-CPII-50\" or null, \"min_quantity\": 50, "
      "\"pct\": 3}]}. Every field is optional.",
      kCommand);
  const ImportExport subcommands = AddImportExport(
      cli, args.slug, args.path,
      "replace the pricing rules and volume discounts; their SKUs must be in the catalog",
      "the JSON file, - for standard input", "write the rules");
  return RunImportExport(
      cli, subcommands, kCommand, argc, argv,
      [&](adapters::postgres::PgConnection& conn) { return Import(conn, args); },
      [&](adapters::postgres::PgConnection& conn) { return Export(conn, args); });
}

}  // namespace orcazap::app
