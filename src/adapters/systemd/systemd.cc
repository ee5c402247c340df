#include "adapters/systemd/systemd.h"

#include <systemd/sd-daemon.h>

namespace orcazap::adapters::systemd {

void NotifyReady(const std::string& status) { sd_notify(0, ("READY=1\nSTATUS=" + status).c_str()); }
void NotifyStatus(const std::string& status) { sd_notify(0, ("STATUS=" + status).c_str()); }
void NotifyStopping() { sd_notify(0, "STOPPING=1\nSTATUS=stopping"); }
void NotifyWatchdog() { sd_notify(0, "WATCHDOG=1"); }

std::optional<std::chrono::milliseconds> WatchdogPingPeriod() {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::milliseconds(usec / 2000);
}

std::optional<int> ListenFd() {
  if (sd_listen_fds(1) >= 1) return SD_LISTEN_FDS_START;
  return std::nullopt;
}

}  // namespace orcazap::adapters::systemd
