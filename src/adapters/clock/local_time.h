#pragma once
// Wall-clock date and time in a tenant's time zone, from the system's time zone database
// (/usr/share/zoneinfo, or $TZDIR).
//
// Thread-safe. A zone's file is checked once per process, and its UTC offset is looked up through
// libc once per zone and quarter of an hour (see local_time.cc); only that lookup sets the
// process's TZ variable, under a process-wide mutex, and restores it. Code that reads TZ or calls
// localtime() without going through here may observe the temporary value.

#include <chrono>
#include <string>

#include "core/civil_date.h"
#include "core/result.h"
#include "core/text_data.h"

namespace orcazap::adapters {

// kInvalidInput when `zone` (an IANA name like "America/Sao_Paulo") is not in the database.
core::Status CheckTimeZone(const std::string& zone);

core::Result<core::LocalDateTime> LocalTimeIn(const std::string& zone,
                                              std::chrono::system_clock::time_point instant);

core::Result<core::CivilDate> LocalDateIn(const std::string& zone,
                                          std::chrono::system_clock::time_point instant);

}  // namespace orcazap::adapters
