#include "adapters/postgres/team_store.h"

#include <nlohmann/json.hpp>

#include "adapters/postgres/audit.h"

namespace orcazap::adapters::postgres {
namespace {

constexpr char kMembers[] = R"sql(
SELECT id, name, email, role, active FROM users WHERE tenant_id = $1
 ORDER BY role DESC, lower(name), email)sql";

constexpr char kInsertMember[] = R"sql(
INSERT INTO users (tenant_id, email, password_hash, role, name)
VALUES ($1, $2, $3, $4, $5) RETURNING id)sql";

constexpr char kSetActive[] = R"sql(
UPDATE users SET active = $4::boolean, updated_at = now()
 WHERE tenant_id = $1 AND id = $2::uuid AND id <> $3::uuid RETURNING email)sql";

}  // namespace

core::Result<std::vector<service::TeamMember>> PgTeamStore::Members(const std::string& tenant_id) {
  if (!IsUuid(tenant_id)) return std::vector<service::TeamMember>();
  auto rows = pool_.Exec(kMembers, {tenant_id});
  if (!rows) return rows.error();
  std::vector<service::TeamMember> members;
  for (int i = 0; i < rows->size(); ++i) {
    members.push_back({std::string(rows->Get(i, 0)), std::string(rows->Get(i, 1)),
                       std::string(rows->Get(i, 2)), std::string(rows->Get(i, 3)),
                       rows->GetBool(i, 4)});
  }
  return members;
}

core::Result<service::TeamMember> PgTeamStore::AddMember(const std::string& tenant_id,
                                                         const std::string& actor_id,
                                                         const service::TeamMember& member,
                                                         const std::string& password_hash) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto inserted = (*conn)->Exec(kInsertMember,
                                {tenant_id, member.email, password_hash, member.role, member.name});
  if (!inserted) return inserted.error();
  service::TeamMember created = member;
  created.id = std::string(inserted->Get(0, 0));
  const nlohmann::json after = {
      {"name", member.name}, {"email", member.email}, {"role", member.role}};
  if (auto audited = WriteAudit(
          **conn, {tenant_id, actor_id, "user", created.id, "invite", std::nullopt, after.dump()});
      !audited) {
    return audited.error();
  }
  if (auto committed = (*tx)->Commit(); !committed) return committed.error();
  return created;
}

core::Result<bool> PgTeamStore::SetActive(const std::string& tenant_id, const std::string& actor_id,
                                          const std::string& member_id, bool active) {
  if (!IsUuid(tenant_id) || !IsUuid(member_id) || !IsUuid(actor_id)) return false;
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto updated =
      (*conn)->Exec(kSetActive, {tenant_id, member_id, actor_id, active ? "true" : "false"});
  if (!updated) return updated.error();
  if (updated->empty()) return false;
  const nlohmann::json before = {{"active", !active}};
  const nlohmann::json after = {{"active", active}};
  if (auto audited =
          WriteAudit(**conn, {tenant_id, actor_id, "user", member_id,
                              active ? "activate" : "deactivate", before.dump(), after.dump()});
      !audited) {
    return audited.error();
  }
  if (auto committed = (*tx)->Commit(); !committed) return committed.error();
  return true;
}

}  // namespace orcazap::adapters::postgres
