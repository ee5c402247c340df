#pragma once
// Schema migrations shipped inside the binary (migrations/NNNN_name.sql).
//
// Invariants:
// 1. Migrations apply in name order, each in its own transaction, recorded in
//    schema_migrations with the SHA-256 of its exact bytes.
// 2. All of it happens under a PostgreSQL advisory lock: concurrent `migrate up` runs
//    serialise, and the later ones find nothing to do.
// 3. A migration whose recorded checksum differs from the binary's copy (edited after it was
//    applied) stops everything with an error naming it; nothing is applied.

#include <optional>
#include <string>
#include <vector>

#include "adapters/postgres/connection.h"
#include "adapters/postgres/embedded_files.h"
#include "core/result.h"

namespace orcazap::adapters::postgres {

struct MigrationStatus {
  std::string name;
  std::string checksum;                   // of the binary's copy
  std::optional<std::string> applied_at;  // nullopt = pending
  bool checksum_matches = true;           // false: edited after it was applied
};

// Applies pending migrations; returns the names applied now.
core::Result<std::vector<std::string>> MigrateUp(PgConnection& conn,
                                                 const std::vector<EmbeddedFile>& migrations);
core::Result<std::vector<MigrationStatus>> MigrationStatuses(
    PgConnection& conn, const std::vector<EmbeddedFile>& migrations);
// Every migration of the binary applied, none edited.
core::Result<bool> MigrationsCurrent(PgConnection& conn,
                                     const std::vector<EmbeddedFile>& migrations);

std::string Sha256Hex(const std::string& bytes);

}  // namespace orcazap::adapters::postgres
