#pragma once
// Structured logs: one line per event. JSON in production, readable text in development;
// under systemd (JOURNAL_STREAM set) each line also goes to the journal with REQUEST_ID and
// the other fields as journal fields, so `journalctl -u orcazap REQUEST_ID=...` works.
//
// Contract:
// 1. Thread-safe; a line is never interleaved with another.
// 2. The request id of the current request or job (ScopedRequestId) is on every line logged
//    by that thread while the scope lives.
// 3. Never pass secrets (tokens, passwords, app secret, raw signatures) as fields.

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace orcazap::adapters::log {

enum class Level { kDebug, kInfo, kWarn, kError };
enum class Format { kText, kJson };

struct Settings {
  Format format = Format::kText;
  Level min_level = Level::kInfo;
  std::string process = "orcazap";  // "serve", "worker", ...
  bool journal = false;             // send to the journal instead of stderr
};

void Configure(const Settings& settings);
// Journal when JOURNAL_STREAM is set (the process runs under systemd).
bool RunningUnderJournal();
std::optional<Level> ParseLevel(std::string_view name);

using Field = std::pair<std::string_view, std::string_view>;
// Whether a line at `level` would be written (to skip building fields no one will read).
bool Enabled(Level level);
void Write(Level level, std::string_view message, std::span<const Field> fields);
inline void Write(Level level, std::string_view message, std::initializer_list<Field> fields = {}) {
  Write(level, message, std::span<const Field>(fields.begin(), fields.size()));
}

inline void Debug(std::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kDebug, m, f);
}
inline void Info(std::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kInfo, m, f);
}
inline void Warn(std::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kWarn, m, f);
}
inline void Error(std::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kError, m, f);
}

// Sets the current thread's request id for its lifetime, restoring the previous one after.
class ScopedRequestId {
 public:
  explicit ScopedRequestId(std::string request_id);
  ~ScopedRequestId();
  ScopedRequestId(const ScopedRequestId&) = delete;
  ScopedRequestId& operator=(const ScopedRequestId&) = delete;

 private:
  std::string previous_;
};

const std::string& CurrentRequestId();
// A new random request id (16 hex chars).
std::string NewRequestId();

}  // namespace orcazap::adapters::log
