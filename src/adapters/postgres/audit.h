#pragma once
// The audit log (who changed what, before and after), written in the caller's transaction so
// that a change and its audit row commit together.

#include <optional>
#include <string>

#include "adapters/postgres/connection.h"

namespace orcazap::adapters::postgres {

struct AuditEntry {
  std::string tenant_id;
  std::optional<std::string> user_id;  // nullopt: the system or an operator command
  std::string entity_type;             // "item", "catalog", "quote", ...
  std::string entity_id;
  std::string action;  // "update_price", "import", ...
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
};

core::Status WriteAudit(PgConnection& conn, const AuditEntry& entry);

}  // namespace orcazap::adapters::postgres
