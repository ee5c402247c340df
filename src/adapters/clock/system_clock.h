#pragma once
// service::Clock from the system clock and the system time zone database.

#include "service/ports.h"

namespace orcazap::adapters {

class SystemClock : public service::Clock {
 public:
  service::Instant Now() const override;
  core::Result<core::LocalDateTime> ToLocal(service::Instant instant,
                                            const std::string& zone) const override;
};

}  // namespace orcazap::adapters
