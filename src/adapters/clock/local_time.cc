#include "adapters/clock/local_time.h"

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <mutex>
#include <optional>

namespace orcazap::adapters {

namespace {

// Guards the TZ environment variable and libc's time zone state while a conversion runs.
std::mutex tz_mutex;

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
  if (!IsZoneName(zone) || !IsTzifFile(ZoneInfoDir() + "/" + zone)) {
    return core::Error::InvalidInput("unknown time zone \"" + zone +
                                     "\" (expected an IANA name like America/Sao_Paulo)");
  }
  return core::Ok();
}

core::Result<core::LocalDateTime> LocalTimeIn(const std::string& zone,
                                              std::chrono::system_clock::time_point instant) {
  if (auto known = CheckTimeZone(zone); !known) return known.error();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(instant);
  std::tm local{};
  {
    std::lock_guard<std::mutex> lock(tz_mutex);
    ScopedTz scoped(zone);
    if (localtime_r(&seconds, &local) == nullptr) {
      return core::Error::Permanent("cannot convert the time to zone " + zone);
    }
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
