#include "adapters/postgres/audit_reader.h"

namespace orcazap::adapters::postgres {
namespace {

constexpr char kAuditPage[] = R"sql(
SELECT extract(epoch FROM a.created_at)::bigint,
       COALESCE(u.name || ' <' || u.email || '>', 'sistema'),
       a.entity_type, a.entity_id, a.action, COALESCE(a.before::text, ''),
       COALESCE(a.after::text, '')
  FROM audit_log a LEFT JOIN users u ON u.id = a.user_id AND u.tenant_id = a.tenant_id
 WHERE a.tenant_id = $1
   AND ($2 = '' OR a.entity_type = $2)
   AND ($3 = '' OR a.user_id::text = $3)
 ORDER BY a.created_at DESC, a.id
 OFFSET $4::integer LIMIT $5::integer)sql";

}  // namespace

core::Result<std::vector<service::AuditRecord>> PgAuditReader::AuditPage(
    const std::string& tenant_id, const service::AuditFilter& filter, int offset, int limit) {
  if (!IsUuid(tenant_id)) return std::vector<service::AuditRecord>();
  auto rows = pool_.Exec(kAuditPage, {tenant_id, filter.entity_type, filter.user_id,
                                      std::to_string(offset), std::to_string(limit)});
  if (!rows) return rows.error();
  std::vector<service::AuditRecord> records;
  for (int i = 0; i < rows->size(); ++i) {
    records.push_back({service::Instant(std::chrono::seconds(rows->GetInt(i, 0))),
                       std::string(rows->Get(i, 1)), std::string(rows->Get(i, 2)),
                       std::string(rows->Get(i, 3)), std::string(rows->Get(i, 4)),
                       std::string(rows->Get(i, 5)), std::string(rows->Get(i, 6))});
  }
  return records;
}

}  // namespace orcazap::adapters::postgres
