#pragma once
// The audit log for the panel (service/audit_log.h), scoped by tenant.

#include "adapters/postgres/connection.h"
#include "service/audit_log.h"

namespace orcazap::adapters::postgres {

class PgAuditReader : public service::AuditReader {
 public:
  explicit PgAuditReader(PgPool& pool) : pool_(pool) {}
  core::Result<std::vector<service::AuditRecord>> AuditPage(const std::string& tenant_id,
                                                            const service::AuditFilter& filter,
                                                            int offset, int limit) override;

 private:
  PgPool& pool_;
};

}  // namespace orcazap::adapters::postgres
