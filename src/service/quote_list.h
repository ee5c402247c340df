#pragma once
// The store's quotes as the panel lists them, newest first, optionally by status. Scoped by
// tenant.

#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/result.h"
#include "service/ports.h"

namespace orcazap::service {

struct QuoteSummary {
  std::string id;
  std::string conversation_id;
  std::string customer;  // name and phone
  std::string status;    // "pending_approval", "sent", "won", "lost", "expired", "draft"
  core::Money total;
  Instant created_at;
  std::optional<Instant> valid_until;
};

class QuoteLister {
 public:
  virtual ~QuoteLister() = default;
  virtual core::Result<std::vector<QuoteSummary>> Quotes(const std::string& tenant_id,
                                                         const std::string& status, int offset,
                                                         int limit) = 0;
};

}  // namespace orcazap::service
