// orcazap migrate up|status
#include <CLI/CLI.hpp>
#include <iostream>

#include "adapters/postgres/connection.h"
#include "adapters/postgres/migrations.h"
#include "app/commands.h"
#include "app/config.h"

namespace orcazap::app {
namespace {

namespace pg = adapters::postgres;

int Up(pg::PgConnection& conn) {
  auto applied = pg::MigrateUp(conn, adapters::EmbeddedMigrations());
  if (!applied) {
    std::cerr << "orcazap migrate up: " << applied.error().message() << "\n";
    return 1;
  }
  for (const auto& name : *applied) std::cout << "applied " << name << "\n";
  if (applied->empty()) std::cout << "schema is up to date\n";
  return 0;
}

int Status(pg::PgConnection& conn) {
  auto statuses = pg::MigrationStatuses(conn, adapters::EmbeddedMigrations());
  if (!statuses) {
    std::cerr << "orcazap migrate status: " << statuses.error().message() << "\n";
    return 1;
  }
  int pending = 0;
  int edited = 0;
  for (const auto& status : *statuses) {
    if (!status.applied_at) {
      ++pending;
      std::cout << "pending  " << status.name << "\n";
    } else if (!status.checksum_matches) {
      ++edited;
      std::cout << "EDITED   " << status.name << " (applied " << *status.applied_at
                << ", checksum differs)\n";
    } else {
      std::cout << "applied  " << status.name << " at " << *status.applied_at << "\n";
    }
  }
  std::cout << statuses->size() - pending << " applied, " << pending << " pending";
  if (edited) std::cout << ", " << edited << " edited after being applied";
  std::cout << "\n";
  return edited ? 1 : 0;
}

}  // namespace

int RunMigrate(int argc, char** argv) {
  CLI::App cli("Database schema migrations (shipped inside the binary).", "orcazap migrate");
  cli.require_subcommand(1);
  auto* up = cli.add_subcommand("up", "apply pending migrations (safe to run concurrently)");
  cli.add_subcommand("status", "list applied and pending migrations");
  cli.footer("Needs DATABASE_URL.");
  CLI11_PARSE(cli, argc, argv);

  auto config = LoadConfig(ProcessEnv(), Needs::kDatabase);
  if (!config) {
    std::cerr << "orcazap migrate: " << config.error().message() << "\n";
    return 2;
  }
  auto conn = pg::PgConnection::Connect(config->database_url);
  if (!conn) {
    std::cerr << "orcazap migrate: " << conn.error().message() << "\n";
    return 1;
  }
  return up->parsed() ? Up(**conn) : Status(**conn);
}

}  // namespace orcazap::app
