#include "adapters/postgres/migrations.h"

#include <sodium.h>

#include <map>

namespace orcazap::adapters::postgres {
namespace {

// Arbitrary constant shared by every orcazap process: the advisory lock of migrations.
constexpr char kLockKey[] = "7301505118042025";

constexpr char kCreateTable[] = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version text PRIMARY KEY,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
))sql";

constexpr char kSelectApplied[] =
    "SELECT version, checksum, to_char(applied_at AT TIME ZONE 'UTC', "
    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM schema_migrations ORDER BY version";
constexpr char kTableExists[] = "SELECT to_regclass('schema_migrations') IS NOT NULL";
constexpr char kInsertApplied[] =
    "INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)";

struct Applied {
  std::string checksum;
  std::string applied_at;
};

core::Result<std::map<std::string, Applied>> LoadApplied(PgConnection& conn) {
  std::map<std::string, Applied> applied;
  auto exists = conn.Exec(kTableExists);
  if (!exists) return exists.error();
  if (!exists->GetBool(0, 0)) return applied;
  auto rows = conn.Exec(kSelectApplied);
  if (!rows) return rows.error();
  for (int i = 0; i < rows->size(); ++i) {
    applied[std::string(rows->Get(i, 0))] = {std::string(rows->Get(i, 1)),
                                             std::string(rows->Get(i, 2))};
  }
  return applied;
}

core::Status CheckNotEdited(const std::map<std::string, Applied>& applied,
                            const std::vector<EmbeddedFile>& migrations) {
  for (const auto& migration : migrations) {
    auto it = applied.find(migration.name);
    if (it == applied.end()) continue;
    const std::string checksum = Sha256Hex(migration.contents);
    if (it->second.checksum != checksum) {
      return core::Error::Permanent("migration " + migration.name +
                                    " was edited after it was applied (database has checksum " +
                                    it->second.checksum + ", this binary has " + checksum +
                                    "); add a new migration instead of editing an applied one");
    }
  }
  return core::Ok();
}

core::Status ApplyOne(PgConnection& conn, const EmbeddedFile& migration) {
  auto tx = Transaction::Begin(conn);
  if (!tx) return tx.error();
  if (auto ran = conn.ExecScript(migration.contents); !ran) {
    return ran.error().WithContext("migration " + migration.name);
  }
  auto recorded = conn.Exec(kInsertApplied, {migration.name, Sha256Hex(migration.contents)});
  if (!recorded) return recorded.error();
  return (*tx)->Commit();
}

core::Result<std::vector<std::string>> MigrateLocked(PgConnection& conn,
                                                     const std::vector<EmbeddedFile>& migrations) {
  if (auto created = conn.Exec(kCreateTable); !created) return created.error();
  auto applied = LoadApplied(conn);
  if (!applied) return applied.error();
  if (auto checked = CheckNotEdited(*applied, migrations); !checked) return checked.error();
  std::vector<std::string> done;
  for (const auto& migration : migrations) {
    if (applied->count(migration.name)) continue;
    if (auto ok = ApplyOne(conn, migration); !ok) return ok.error();
    done.push_back(migration.name);
  }
  return done;
}

}  // namespace

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

core::Result<std::vector<std::string>> MigrateUp(PgConnection& conn,
                                                 const std::vector<EmbeddedFile>& migrations) {
  if (auto locked = conn.Exec("SELECT pg_advisory_lock($1::bigint)", {kLockKey}); !locked) {
    return locked.error();
  }
  auto result = MigrateLocked(conn, migrations);
  (void)conn.Exec("SELECT pg_advisory_unlock($1::bigint)", {kLockKey});
  return result;
}

core::Result<std::vector<MigrationStatus>> MigrationStatuses(
    PgConnection& conn, const std::vector<EmbeddedFile>& migrations) {
  auto applied = LoadApplied(conn);
  if (!applied) return applied.error();
  std::vector<MigrationStatus> statuses;
  for (const auto& migration : migrations) {
    MigrationStatus status{migration.name, Sha256Hex(migration.contents), std::nullopt, true};
    if (auto it = applied->find(migration.name); it != applied->end()) {
      status.applied_at = it->second.applied_at;
      status.checksum_matches = it->second.checksum == status.checksum;
    }
    statuses.push_back(std::move(status));
  }
  return statuses;
}

core::Result<bool> MigrationsCurrent(PgConnection& conn,
                                     const std::vector<EmbeddedFile>& migrations) {
  auto statuses = MigrationStatuses(conn, migrations);
  if (!statuses) return statuses.error();
  for (const auto& status : *statuses) {
    if (!status.applied_at || !status.checksum_matches) return false;
  }
  return true;
}

}  // namespace orcazap::adapters::postgres
