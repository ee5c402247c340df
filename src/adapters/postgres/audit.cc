#include "adapters/postgres/audit.h"

namespace orcazap::adapters::postgres {
namespace {

constexpr char kInsertAudit[] = R"sql(
INSERT INTO audit_log (tenant_id, user_id, entity_type, entity_id, action, before, after)
VALUES ($1, $2::uuid, $3, $4, $5, $6::jsonb, $7::jsonb))sql";

}  // namespace

core::Status WriteAudit(PgConnection& conn, const AuditEntry& entry) {
  auto written =
      conn.Exec(kInsertAudit, {entry.tenant_id, entry.user_id, entry.entity_type, entry.entity_id,
                               entry.action, entry.before_json, entry.after_json});
  if (!written) return written.error();
  return core::Ok();
}

}  // namespace orcazap::adapters::postgres
