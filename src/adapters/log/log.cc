#include "adapters/log/log.h"

#include <sodium.h>
#include <systemd/sd-journal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

namespace orcazap::adapters::log {
namespace {

// Read by every line, replaced whole by Configure: a line is formatted from the settings it
// started with, and no lock is held while it is formatted (32 request threads log at once).
std::atomic<std::shared_ptr<const Settings>> g_settings{std::make_shared<const Settings>()};
thread_local std::string t_request_id;

const char* LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

int JournalPriority(Level level) {
  switch (level) {
    case Level::kDebug:
      return 7;
    case Level::kInfo:
      return 6;
    case Level::kWarn:
      return 4;
    case Level::kError:
      return 3;
  }
  return 6;
}

void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

std::string Timestamp() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));
  return buffer;
}

std::string JsonLine(const Settings& settings, Level level, std::string_view message,
                     std::span<const Field> fields) {
  std::string line =
      "{\"time\":\"" + Timestamp() + "\",\"level\":\"" + LevelName(level) + "\",\"process\":";
  AppendJsonString(line, settings.process);
  line += ",\"msg\":";
  AppendJsonString(line, message);
  if (!t_request_id.empty()) {
    line += ",\"request_id\":";
    AppendJsonString(line, t_request_id);
  }
  for (const auto& [key, value] : fields) {
    line += ',';
    AppendJsonString(line, key);
    line += ':';
    AppendJsonString(line, value);
  }
  line += '}';
  return line;
}

std::string TextLine(const Settings& settings, Level level, std::string_view message,
                     std::span<const Field> fields) {
  std::string line = Timestamp().substr(11, 12) + " " + LevelName(level) + " " + settings.process;
  if (!t_request_id.empty()) line += " [" + t_request_id + "]";
  line += " ";
  line += message;
  for (const auto& [key, value] : fields) {
    line += " ";
    line += key;
    line += "=";
    line += value;
  }
  return line;
}

std::string JournalFieldName(std::string_view key) {
  std::string name;
  for (char c : key) {
    if (c >= 'a' && c <= 'z')
      name += static_cast<char>(c - 'a' + 'A');
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
      name += c;
    else
      name += '_';
  }
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) name.insert(0, "F_");
  return name;
}

void SendToJournal(Level level, const std::string& line, std::span<const Field> fields) {
  std::vector<std::string> entries;
  entries.push_back("MESSAGE=" + line);
  entries.push_back("PRIORITY=" + std::to_string(JournalPriority(level)));
  if (!t_request_id.empty()) entries.push_back("REQUEST_ID=" + t_request_id);
  for (const auto& [key, value] : fields) {
    entries.push_back(JournalFieldName(key) + "=" + std::string(value));
  }
  std::vector<iovec> vectors;
  for (auto& entry : entries) vectors.push_back({entry.data(), entry.size()});
  sd_journal_sendv(vectors.data(), static_cast<int>(vectors.size()));
}

}  // namespace

void Configure(const Settings& settings) {
  g_settings.store(std::make_shared<const Settings>(settings));
}

bool RunningUnderJournal() { return std::getenv("JOURNAL_STREAM") != nullptr; }

std::optional<Level> ParseLevel(std::string_view name) {
  if (name == "debug") return Level::kDebug;
  if (name == "info") return Level::kInfo;
  if (name == "warn") return Level::kWarn;
  if (name == "error") return Level::kError;
  return std::nullopt;
}

bool Enabled(Level level) { return level >= g_settings.load()->min_level; }

void Write(Level level, std::string_view message, std::span<const Field> fields) {
  const std::shared_ptr<const Settings> settings = g_settings.load();
  if (level < settings->min_level) return;
  std::string line = settings->format == Format::kJson
                         ? JsonLine(*settings, level, message, fields)
                         : TextLine(*settings, level, message, fields);
  if (settings->journal) {
    SendToJournal(level, line, fields);  // one datagram per line
    return;
  }
  // One call on the unbuffered stderr: stdio holds the stream's lock for it and writes the line
  // with its newline at once, so lines of different threads never interleave (contract, item 1).
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

ScopedRequestId::ScopedRequestId(std::string request_id) : previous_(std::move(t_request_id)) {
  t_request_id = std::move(request_id);
}
ScopedRequestId::~ScopedRequestId() { t_request_id = std::move(previous_); }

const std::string& CurrentRequestId() { return t_request_id; }

std::string NewRequestId() {
  unsigned char bytes[8];
  randombytes_buf(bytes, sizeof bytes);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

}  // namespace orcazap::adapters::log
