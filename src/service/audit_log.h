#pragma once
// The audit log as the panel shows it (owners only): who changed what, before and after,
// newest first, filtered and paged. Scoped by tenant.

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "service/ports.h"

namespace orcazap::service {

struct AuditRecord {
  Instant at;
  std::string who;  // the user's name and e-mail, or "sistema"
  std::string entity_type;
  std::string entity_id;
  std::string action;
  std::string before_json;  // "" when none
  std::string after_json;
};

struct AuditFilter {
  std::string entity_type;  // "" = any
  std::string user_id;      // "" = anyone
};

class AuditReader {
 public:
  virtual ~AuditReader() = default;
  // At most `limit` records after skipping `offset`, newest first.
  virtual core::Result<std::vector<AuditRecord>> AuditPage(const std::string& tenant_id,
                                                           const AuditFilter& filter, int offset,
                                                           int limit) = 0;
};

}  // namespace orcazap::service
