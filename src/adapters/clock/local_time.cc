#include "adapters/clock/local_time.h"

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>

namespace orcazap::adapters {

namespace {

// Guards the TZ environment variable and libc's time zone state while a conversion runs.
std::mutex tz_mutex;

// A zone's UTC offset over one aligned span of kSpanSeconds. Offsets change at most a few times
// a year and never twice within a span, so an offset found equal at both ends of a span holds
// across it: later conversions in that span are arithmetic, with no TZ switch.
constexpr std::time_t kSpanSeconds = 15 * 60;
constexpr size_t kMaxSpans = 4096;  // then the cache starts over

std::mutex cache_mutex;             // guards known_zones and span_offsets
std::set<std::string> known_zones;  // zone files already checked
// Offset in seconds by zone and span start.
std::map<std::pair<std::string, std::time_t>, long> span_offsets;

std::string ZoneInfoDir() {
  const char* dir = std::getenv("TZDIR");
  return dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo";
}

bool IsZoneName(const std::string& zone) {
  if (zone.empty() || zone.front() == '/' || zone.find("..") != std::string::npos) return false;
  for (char c : zone) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '/' || c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return true;
}

bool IsTzifFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  char magic[4] = {};
  return file.read(magic, sizeof magic) && std::string(magic, 4) == "TZif";
}

// Restores TZ on scope exit. Callers hold tz_mutex.
class ScopedTz {
 public:
  explicit ScopedTz(const std::string& zone) {
    if (const char* old = std::getenv("TZ"); old != nullptr) old_ = old;
    setenv("TZ", (":" + zone).c_str(), 1);
    tzset();
  }
  ~ScopedTz() {
    if (old_) {
      setenv("TZ", old_->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }
  ScopedTz(const ScopedTz&) = delete;
  ScopedTz& operator=(const ScopedTz&) = delete;

 private:
  std::optional<std::string> old_;
};

}  // namespace

core::Status CheckTimeZone(const std::string& zone) {
  {
    std::lock_guard lock(cache_mutex);
    if (known_zones.contains(zone)) return core::Ok();
  }
  if (!IsZoneName(zone) || !IsTzifFile(ZoneInfoDir() + "/" + zone)) {
    return core::Error::InvalidInput("unknown time zone \"" + zone +
                                     "\" (expected an IANA name like America/Sao_Paulo)");
  }
  std::lock_guard lock(cache_mutex);
  known_zones.insert(zone);
  return core::Ok();
}

namespace {

// The zone's offset at each of `seconds`, through libc under the TZ switch.
std::optional<std::pair<long, long>> OffsetsAt(const std::string& zone, std::time_t first,
                                               std::time_t second) {
  std::tm local{};
  std::lock_guard<std::mutex> lock(tz_mutex);
  ScopedTz scoped(zone);
  if (localtime_r(&first, &local) == nullptr) return std::nullopt;
  const long first_offset = local.tm_gmtoff;
  if (localtime_r(&second, &local) == nullptr) return std::nullopt;
  return std::pair(first_offset, local.tm_gmtoff);
}

std::optional<long> OffsetAt(const std::string& zone, std::time_t seconds) {
  const std::time_t start = seconds - (((seconds % kSpanSeconds) + kSpanSeconds) % kSpanSeconds);
  {
    std::lock_guard lock(cache_mutex);
    if (auto it = span_offsets.find({zone, start}); it != span_offsets.end()) return it->second;
  }
  auto ends = OffsetsAt(zone, start, start + kSpanSeconds - 1);
  if (!ends) return std::nullopt;
  if (ends->first != ends->second) {  // the offset changes within this span
    auto exact = OffsetsAt(zone, seconds, seconds);
    if (!exact) return std::nullopt;
    return exact->first;
  }
  std::lock_guard lock(cache_mutex);
  if (span_offsets.size() >= kMaxSpans) span_offsets.clear();
  span_offsets[{zone, start}] = ends->first;
  return ends->first;
}

}  // namespace

core::Result<core::LocalDateTime> LocalTimeIn(const std::string& zone,
                                              std::chrono::system_clock::time_point instant) {
  if (auto known = CheckTimeZone(zone); !known) return known.error();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(instant);
  const std::optional<long> offset = OffsetAt(zone, seconds);
  const std::time_t shifted = seconds + (offset ? *offset : 0);
  std::tm local{};
  if (!offset || gmtime_r(&shifted, &local) == nullptr) {
    return core::Error::Permanent("cannot convert the time to zone " + zone);
  }
  return core::LocalDateTime{core::CivilDate{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday},
                             local.tm_hour, local.tm_min};
}

core::Result<core::CivilDate> LocalDateIn(const std::string& zone,
                                          std::chrono::system_clock::time_point instant) {
  auto local = LocalTimeIn(zone, instant);
  if (!local) return local.error();
  return local->date;
}

}  // namespace orcazap::adapters
