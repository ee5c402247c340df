#include "core/csv.h"

namespace orcazap::core {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {
    if (text_.starts_with(kBom)) pos_ = kBom.size();
  }

  Result<std::vector<CsvRow>> ReadAll() {
    std::vector<CsvRow> rows;
    while (pos_ < text_.size()) {
      if (AtLineEnd()) {  // an empty line
        SkipLineEnd();
        continue;
      }
      auto row = ReadRow();
      if (!row) return row.error();
      rows.push_back(std::move(*row));
    }
    return rows;
  }

 private:
  Result<CsvRow> ReadRow() {
    CsvRow row;
    row.line = line_;
    while (true) {
      auto field = text_[pos_] == '"' ? ReadQuoted() : ReadUnquoted();
      if (!field) return field.error();
      row.fields.push_back(std::move(*field));
      if (pos_ >= text_.size()) break;
      if (text_[pos_] == ',') {
        ++pos_;
        if (pos_ >= text_.size()) {
          row.fields.emplace_back();
          break;
        }
        continue;
      }
      SkipLineEnd();
      break;
    }
    return row;
  }

  Result<std::string> ReadUnquoted() {
    std::string field;
    while (pos_ < text_.size() && text_[pos_] != ',' && !AtLineEnd()) field += text_[pos_++];
    return field;
  }

  Result<std::string> ReadQuoted() {
    const int opened_at = line_;
    std::string field;
    ++pos_;
    while (true) {
      if (pos_ >= text_.size()) {
        return Error::InvalidInput("line " + std::to_string(opened_at) +
                                   ": a quoted field is never closed (missing \")");
      }
      const char c = text_[pos_++];
      if (c == '\n') ++line_;
      if (c != '"') {
        field += c;
      } else if (pos_ < text_.size() && text_[pos_] == '"') {
        field += '"';
        ++pos_;
      } else {
        break;
      }
    }
    if (pos_ < text_.size() && text_[pos_] != ',' && !AtLineEnd()) {
      return Error::InvalidInput("line " + std::to_string(line_) +
                                 ": unexpected text after a closing quote (a quote inside a "
                                 "quoted field is written \"\")");
    }
    return field;
  }

  bool AtLineEnd() const {
    return text_[pos_] == '\n' ||
           (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ||
           (text_[pos_] == '\r' && pos_ + 1 == text_.size());
  }

  void SkipLineEnd() {
    if (text_[pos_] == '\r') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    ++line_;
  }

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
};

// A leading BOM is quoted too: unquoted at the start of a file, the reader would skip it.
bool NeedsQuotes(const std::string& field) {
  if (field.empty()) return false;
  return field.find_first_of(",\"\r\n") != std::string::npos || field.front() == ' ' ||
         field.back() == ' ' || field.starts_with(kBom);
}

}  // namespace

Result<std::vector<CsvRow>> ParseCsv(std::string_view text) { return CsvReader(text).ReadAll(); }

std::string FormatCsvRow(const std::vector<std::string>& fields) {
  // A row of one empty field written bare would be an empty line, which the reader skips.
  if (fields.size() == 1 && fields[0].empty()) return "\"\"\n";
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    if (!NeedsQuotes(fields[i])) {
      out += fields[i];
      continue;
    }
    out += '"';
    for (char c : fields[i]) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += '"';
  }
  return out + "\n";
}

}  // namespace orcazap::core
