#pragma once
// What the catalog, freight and rules commands share: opening the database, and printing a
// failure or the skipped rows with the right exit status (0 ok, 1 run-time failure, 2 bad input
// or unknown tenant).

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "adapters/postgres/connection.h"
#include "app/catalog_files.h"
#include "core/result.h"

namespace orcazap::app {

// The import and export subcommands of a file command ("import --tenant SLUG FILE", "export
// --tenant SLUG [FILE]"), writing into `slug` and `path`, with the footer on exit statuses; one
// of them is required. The command adds its own flags to `import`. `file_help` describes the
// file import reads ("the CSV file, - for standard input").
struct ImportExport {
  CLI::App* import = nullptr;
  CLI::App* exporter = nullptr;
};
ImportExport AddImportExport(CLI::App& cli, std::string& slug, std::string& path,
                             const std::string& import_help, const std::string& file_help,
                             const std::string& export_help);

// What every file command ends with: parses the command line, connects to DATABASE_URL and runs
// the subcommand given. Returns the exit status.
int RunImportExport(CLI::App& cli, const ImportExport& subcommands, const std::string& command,
                    int argc, char** argv,
                    const std::function<int(adapters::postgres::PgConnection&)>& import,
                    const std::function<int(adapters::postgres::PgConnection&)>& exporter);

// Parses the command line; an exit status when the command must stop there (0 after --help,
// 2 after printing a usage error).
std::optional<int> ParseArguments(CLI::App& cli, int argc, char** argv);

// The database of DATABASE_URL, or nullptr after printing why, with `exit_status` set.
std::unique_ptr<adapters::postgres::PgConnection> ConnectFromConfig(const std::string& command,
                                                                    int& exit_status);

// Prints `error` on stderr (a bad file's problems as they are, each naming the file; anything
// else after "<command>: ") and returns the exit status.
int ReportFailure(const std::string& command, const core::Error& error);

// Writes an export to `path` ("-": stdout); prints the failure (of the export or the write)
// and returns the exit status.
int WriteExport(const std::string& command, const std::string& path,
                const core::Result<std::string>& content);

// Prints the problems of the skipped rows on stderr.
void ReportSkipped(const SkippedRows& skipped);

// How messages name the file at `path`: "stdin" for "-".
std::string FileName(const std::string& path);

// " (N rows skipped)", or "" when none was.
std::string SkippedSuffix(const SkippedRows& skipped);

}  // namespace orcazap::app
