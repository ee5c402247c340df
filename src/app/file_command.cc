#include "app/file_command.h"

#include <iostream>

#include "app/config.h"

namespace orcazap::app {

ImportExport AddImportExport(CLI::App& cli, std::string& slug, std::string& path,
                             const std::string& import_help, const std::string& file_help,
                             const std::string& export_help) {
  cli.require_subcommand(1);
  ImportExport subcommands;
  subcommands.import = cli.add_subcommand("import", import_help);
  subcommands.import->add_option("--tenant", slug, "tenant slug")->required();
  subcommands.import->add_option("file", path, file_help)->required();
  subcommands.exporter = cli.add_subcommand("export", export_help);
  subcommands.exporter->add_option("--tenant", slug, "tenant slug")->required();
  subcommands.exporter->add_option("file", path, "where to write, - (default) for standard output");
  cli.footer(
      "Needs DATABASE_URL. Exit status: 0 done, 1 failure (nothing changed), 2 bad file, "
      "bad usage or unknown tenant (nothing changed).");
  return subcommands;
}

int RunImportExport(CLI::App& cli, const ImportExport& subcommands, const std::string& command,
                    int argc, char** argv,
                    const std::function<int(adapters::postgres::PgConnection&)>& import,
                    const std::function<int(adapters::postgres::PgConnection&)>& exporter) {
  if (const auto stop = ParseArguments(cli, argc, argv)) return *stop;
  int status = 0;
  auto conn = ConnectFromConfig(command, status);
  if (!conn) return status;
  return subcommands.import->parsed() ? import(*conn) : exporter(*conn);
}

std::optional<int> ParseArguments(CLI::App& cli, int argc, char** argv) {
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return cli.exit(error) == 0 ? 0 : 2;
  }
  return std::nullopt;
}

std::unique_ptr<adapters::postgres::PgConnection> ConnectFromConfig(const std::string& command,
                                                                    int& exit_status) {
  auto config = LoadConfig(ProcessEnv(), Needs::kDatabase);
  if (!config) {
    std::cerr << command << ": " << config.error().message() << "\n";
    exit_status = 2;
    return nullptr;
  }
  auto conn = adapters::postgres::PgConnection::Connect(config->database_url);
  if (!conn) {
    std::cerr << command << ": " << conn.error().message() << "\n";
    exit_status = 1;
    return nullptr;
  }
  return std::move(*conn);
}

int WriteExport(const std::string& command, const std::string& path,
                const core::Result<std::string>& content) {
  if (!content) return ReportFailure(command, content.error());
  if (auto written = WriteOutputFile(path, *content); !written) {
    return ReportFailure(command, written.error());
  }
  return 0;
}

int ReportFailure(const std::string& command, const core::Error& error) {
  switch (error.code()) {
    case core::ErrorCode::kInvalidInput:
      std::cerr << error.message() << "\n";
      return 2;
    case core::ErrorCode::kNotFound:
      std::cerr << command << ": " << error.message() << "\n";
      return 2;
    default:
      std::cerr << command << ": " << error.message() << "\n";
      return 1;
  }
}

void ReportSkipped(const SkippedRows& skipped) {
  for (const std::string& problem : skipped.problems) std::cerr << problem << "\n";
}

std::string FileName(const std::string& path) { return path == "-" ? "stdin" : path; }

std::string SkippedSuffix(const SkippedRows& skipped) {
  if (skipped.rows == 0) return "";
  return " (" + std::to_string(skipped.rows) + (skipped.rows == 1 ? " row" : " rows") + " skipped)";
}

}  // namespace orcazap::app
