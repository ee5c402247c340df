#include "adapters/clock/system_clock.h"

#include "adapters/clock/local_time.h"

namespace orcazap::adapters {

service::Instant SystemClock::Now() const { return std::chrono::system_clock::now(); }

core::Result<core::LocalDateTime> SystemClock::ToLocal(service::Instant instant,
                                                       const std::string& zone) const {
  return LocalTimeIn(zone, instant);
}

}  // namespace orcazap::adapters
