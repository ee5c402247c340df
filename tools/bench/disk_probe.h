#pragma once
// The disk's write-and-flush latency while a benchmark runs, so that a report can tell a stall
// of the machine's disk from a stall of OrcaZap: every commit of serve and of the worker's send
// marks waits for PostgreSQL's WAL flush, and a flush that takes 300 ms shows up in every
// webhook and quote of those 300 ms.
//
// Contract:
// 1. A thread writes one 8 KiB block and fdatasync()s it, then sleeps for `period`, until
//    Stop(); each sample is when that began (Unix time, ms, comparable with other processes'
//    timestamps) and how long write + fdatasync took (ms).
// 2. The file lives in `directory` (give it the filesystem of PostgreSQL's data directory) and
//    is removed by Stop() or the destructor.
// 3. The constructor throws std::runtime_error when the file cannot be created; a write or flush
//    that fails ends the sampling, and failure() says why.

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tools/bench/figures.h"

namespace CLI {
class App;
}

namespace orcazap::bench {

struct DiskFlush {
  double started_unix_ms = 0;
  double ms = 0;
};

class DiskProbe {
 public:
  DiskProbe(const std::string& directory, std::chrono::milliseconds period);
  ~DiskProbe();
  DiskProbe(const DiskProbe&) = delete;
  DiskProbe& operator=(const DiskProbe&) = delete;

  // Stops the thread, removes the file and returns the samples, in the order taken.
  std::vector<DiskFlush> Stop();

  // After Stop(): why the probe stopped early (a write or flush failed), or "" when it did not.
  const std::string& failure() const { return failure_; }

 private:
  void Run();

  std::string path_;
  int fd_ = -1;
  std::chrono::milliseconds period_;
  std::atomic<bool> stopping_{false};
  std::vector<DiskFlush> samples_;  // written by the thread until it is joined
  std::string failure_;             // likewise
  std::thread thread_;
};

// disk_flush_p50_ms, disk_flush_p99_ms, disk_flush_max_ms and disk_flushes_over_20ms (how many
// samples took over 20 ms) of a probe's samples, and disk_probe_failure when `failure` (the
// stopped probe's failure()) is not empty.
Figures DiskFigures(const std::vector<DiskFlush>& samples, const std::string& failure);

// The longest flush among `samples` that overlapped [from, to] (Unix ms); 0 when none did.
double LongestFlushDuring(const std::vector<DiskFlush>& samples, double from_unix_ms,
                          double to_unix_ms);

// The probe every benchmark command starts when given --disk-probe DIR (none for "").
constexpr std::chrono::milliseconds kDiskProbePeriod{20};

// An order or a disk flush slower than this is slow: the webhook-to-quote latency target. The
// figures that count them are named for it (disk_flushes_over_20ms, orders_over_20ms).
constexpr double kSlowMs = 20;

// Declares --disk-probe DIR on a command; `during` says over which part of the command the probe
// runs, for --help (e.g. "while measuring").
void AddDiskProbeOption(CLI::App& cli, std::string& directory, const std::string& during);

}  // namespace orcazap::bench
