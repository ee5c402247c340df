#include "tools/bench/disk_probe.h"

#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace orcazap::bench {

DiskProbe::DiskProbe(const std::string& directory, std::chrono::milliseconds period)
    : path_(directory + "/orcazap-bench-disk-probe." + std::to_string(getpid())), period_(period) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    throw std::runtime_error("cannot create the disk probe's file " + path_ + ": " +
                             std::strerror(errno));
  }
  thread_ = std::thread([this] { Run(); });
}

DiskProbe::~DiskProbe() { Stop(); }

void DiskProbe::Run() {
  std::array<char, 8192> block{};
  int64_t index = 0;
  while (!stopping_.load()) {
    block[0] = static_cast<char>(index);
    // 16 blocks in turn, so the file stays small and every write changes a cached page.
    const off_t offset = static_cast<off_t>(index++ % 16) * static_cast<off_t>(block.size());
    const auto started_unix = std::chrono::system_clock::now();
    const auto started = std::chrono::steady_clock::now();
    if (::pwrite(fd_, block.data(), block.size(), offset) < 0 || ::fdatasync(fd_) != 0) {
      failure_ = std::string("write or fdatasync of ") + path_ + " failed: " + std::strerror(errno);
      break;
    }
    const auto took = std::chrono::steady_clock::now() - started;
    samples_.push_back(
        {std::chrono::duration<double, std::milli>(started_unix.time_since_epoch()).count(),
         std::chrono::duration<double, std::milli>(took).count()});
    std::this_thread::sleep_for(period_);
  }
}

std::vector<DiskFlush> DiskProbe::Stop() {
  stopping_.store(true);
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(path_.c_str());
    fd_ = -1;
  }
  return samples_;
}

Figures DiskFigures(const std::vector<DiskFlush>& samples, const std::string& failure) {
  std::vector<double> ms;
  int64_t over_20_ms = 0;
  for (const DiskFlush& flush : samples) {
    ms.push_back(flush.ms);
    over_20_ms += flush.ms > kSlowMs ? 1 : 0;
  }
  Figures figures{{"disk_flush_p50_ms", Round3(Percentile(ms, 50))},
                  {"disk_flush_p99_ms", Round3(Percentile(ms, 99))},
                  {"disk_flush_max_ms", Round3(Percentile(ms, 100))},
                  {"disk_flushes_over_20ms", over_20_ms}};
  if (!failure.empty()) figures["disk_probe_failure"] = failure;
  return figures;
}

double LongestFlushDuring(const std::vector<DiskFlush>& samples, double from_unix_ms,
                          double to_unix_ms) {
  double longest = 0;
  for (const DiskFlush& flush : samples) {
    const bool overlaps =
        flush.started_unix_ms <= to_unix_ms && flush.started_unix_ms + flush.ms >= from_unix_ms;
    if (overlaps) longest = std::max(longest, flush.ms);
  }
  return longest;
}

void AddDiskProbeOption(CLI::App& cli, std::string& directory, const std::string& during) {
  cli.add_option("--disk-probe", directory,
                 during + ", time an 8 KiB write and fdatasync in this directory every " +
                     std::to_string(kDiskProbePeriod.count()) +
                     " ms and report the disk_flush_* figures");
}

}  // namespace orcazap::bench
