#pragma once
// The systemd service protocol: readiness/watchdog notifications and socket activation.
// Every function is a no-op (or returns nothing) when the process was not started by systemd.

#include <chrono>
#include <optional>
#include <string>

namespace orcazap::adapters::systemd {

void NotifyReady(const std::string& status);
void NotifyStatus(const std::string& status);
void NotifyStopping();
void NotifyWatchdog();
// Half the WatchdogSec= interval (the ping period), when the watchdog is enabled.
std::optional<std::chrono::milliseconds> WatchdogPingPeriod();
// The first socket passed by systemd (LISTEN_FDS), when there is one.
std::optional<int> ListenFd();

}  // namespace orcazap::adapters::systemd
