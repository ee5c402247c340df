#include "adapters/postgres/account_store.h"

#include <nlohmann/json.hpp>

#include "adapters/postgres/audit.h"

namespace orcazap::adapters::postgres {
namespace {

constexpr char kFindStore[] =
    "SELECT id, slug, name FROM tenants WHERE slug = $1 AND status = 'active'";

constexpr char kFindUser[] = R"sql(
SELECT id, tenant_id, email, name, role, password_hash, active FROM users
 WHERE tenant_id = $1 AND email = $2)sql";

constexpr char kInsertTenant[] = "INSERT INTO tenants (name, slug) VALUES ($1, $2) RETURNING id";

constexpr char kInsertOwner[] = R"sql(
INSERT INTO users (tenant_id, email, password_hash, role, name)
VALUES ($1, $2, $3, 'owner', $4) RETURNING id)sql";

constexpr char kAuditSignUp[] = R"sql(
INSERT INTO audit_log (tenant_id, user_id, entity_type, entity_id, action, after)
VALUES ($1::uuid, $2, 'tenant', $1::text, 'create', $3::jsonb))sql";

constexpr char kSetPasswordHash[] = R"sql(
UPDATE users SET password_hash = $3, updated_at = now()
 WHERE tenant_id = $1 AND id = $2::uuid AND active)sql";

constexpr char kDashboard[] = R"sql(
WITH t AS (SELECT id, timezone FROM tenants WHERE id = $1)
SELECT
  (SELECT count(*) FROM approvals a WHERE a.tenant_id = t.id AND a.status = 'pending'),
  (SELECT count(*) FROM conversations c WHERE c.tenant_id = t.id
      AND c.state NOT IN ('WON', 'LOST')),
  (SELECT count(*) FROM quotes q WHERE q.tenant_id = t.id
      AND q.status IN ('sent', 'won', 'lost', 'expired')
      AND q.created_at >= date_trunc('day', now() AT TIME ZONE t.timezone) AT TIME ZONE t.timezone),
  (SELECT count(*) FROM quotes q WHERE q.tenant_id = t.id
      AND q.status IN ('sent', 'won', 'lost', 'expired')
      AND q.created_at >= now() - interval '7 days'),
  (SELECT count(*) FROM quotes q WHERE q.tenant_id = t.id AND q.status = 'won'
      AND q.created_at >= now() - interval '7 days')
FROM t)sql";

}  // namespace

core::Result<std::optional<service::StoreAccount>> PgAccountStore::FindStore(
    const std::string& slug) {
  auto rows = pool_.Exec(kFindStore, {slug});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<service::StoreAccount>();
  return std::optional(service::StoreAccount{
      std::string(rows->Get(0, 0)), std::string(rows->Get(0, 1)), std::string(rows->Get(0, 2))});
}

core::Result<std::optional<service::PanelUser>> PgAccountStore::FindUser(
    const std::string& tenant_id, const std::string& email) {
  if (!IsUuid(tenant_id)) return std::optional<service::PanelUser>();
  auto rows = pool_.Exec(kFindUser, {tenant_id, email});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<service::PanelUser>();
  return std::optional(service::PanelUser{
      std::string(rows->Get(0, 0)), std::string(rows->Get(0, 1)), std::string(rows->Get(0, 2)),
      std::string(rows->Get(0, 3)), std::string(rows->Get(0, 4)), std::string(rows->Get(0, 5)),
      rows->GetBool(0, 6)});
}

core::Result<service::StoreAccount> PgAccountStore::CreateStore(const core::SignUpForm& form,
                                                                const std::string& password_hash) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto tenant = (*conn)->Exec(kInsertTenant, {form.store_name, form.slug});
  if (!tenant) return tenant.error();
  const std::string tenant_id(tenant->Get(0, 0));
  auto owner = (*conn)->Exec(kInsertOwner, {tenant_id, form.email, password_hash, form.owner_name});
  if (!owner) return owner.error();
  const nlohmann::json after = {{"name", form.store_name},
                                {"slug", form.slug},
                                {"owner", {{"name", form.owner_name}, {"email", form.email}}}};
  auto audited =
      (*conn)->Exec(kAuditSignUp, {tenant_id, std::string(owner->Get(0, 0)), after.dump()});
  if (!audited) return audited.error();
  if (auto committed = (*tx)->Commit(); !committed) return committed.error();
  return service::StoreAccount{tenant_id, form.slug, form.store_name};
}

core::Status PgAccountStore::SetPasswordHash(const std::string& tenant_id,
                                             const std::string& user_id,
                                             const std::string& password_hash) {
  if (!IsUuid(tenant_id) || !IsUuid(user_id)) return core::Error::NotFound("user " + user_id);
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto updated = (*conn)->Exec(kSetPasswordHash, {tenant_id, user_id, password_hash});
  if (!updated) return updated.error();
  if (updated->affected() != 1) return core::Error::NotFound("user " + user_id);
  if (auto audited = WriteAudit(**conn, {tenant_id, user_id, "user", user_id, "change_password",
                                         std::nullopt, std::nullopt});
      !audited) {
    return audited;
  }
  return (*tx)->Commit();
}

core::Result<service::DashboardFigures> PgAccountStore::Dashboard(const std::string& tenant_id) {
  if (!IsUuid(tenant_id)) return core::Error::NotFound("tenant " + tenant_id);
  auto rows = pool_.Exec(kDashboard, {tenant_id});
  if (!rows) return rows.error();
  if (rows->empty()) return core::Error::NotFound("tenant " + tenant_id);
  return service::DashboardFigures{rows->GetInt(0, 0), rows->GetInt(0, 1), rows->GetInt(0, 2),
                                   rows->GetInt(0, 3), rows->GetInt(0, 4)};
}

}  // namespace orcazap::adapters::postgres
