#pragma once
// The figures on the panel's first page, for one tenant.

#include <optional>
#include <string>

#include "core/result.h"

namespace orcazap::service {

struct DashboardFigures {
  long long pending_approvals = 0;
  long long active_conversations = 0;  // not WON or LOST
  long long quotes_today = 0;          // sent to customers since midnight, store time
  long long quotes_week = 0;           // sent in the last 7 days
  long long won_week = 0;              // of those, confirmed by the customer
  // Won ÷ sent over the last 7 days, in whole percent; nullopt when nothing was sent.
  std::optional<int> conversion_week_percent() const {
    if (quotes_week == 0) return std::nullopt;
    return static_cast<int>((won_week * 100 + quotes_week / 2) / quotes_week);
  }
};

class DashboardReader {
 public:
  virtual ~DashboardReader() = default;
  virtual core::Result<DashboardFigures> Dashboard(const std::string& tenant_id) = 0;
};

}  // namespace orcazap::service
