#pragma once
// A CSV file whose first row names its columns, read into checked fields with per-row errors:
// the shared shape of the catalog and freight files (core/catalog_csv.h).
//
// Contract:
// 1. Row numbers are line numbers in the file, counting the header as 1.
// 2. Column names are compared case-insensitively and trimmed; every column must be known,
//    required ones must be present, none may repeat.
// 3. Field values are trimmed of spaces and tabs.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.h"
#include "core/money.h"
#include "core/quantity.h"

namespace orcazap::core {

struct FileError {
  int row = 0;          // 0 when the problem is not on one row
  std::string column;   // header name; empty when the problem is the whole row
  std::string message;  // says what was found and what was expected
  bool operator==(const FileError&) const = default;

  // "7: column price: \"12,50\" is not a price in reais like 12.50" (callers put the file name
  // and a colon in front).
  std::string ToString() const;
};

struct ColumnSet {
  std::vector<std::string> required;
  std::vector<std::string> optional;
};

class CsvTable {
 public:
  // Reads `text` and checks its header. Problems are appended to `errors`; nullopt when the
  // rows cannot be read at all (a CSV syntax error or a bad header).
  static std::optional<CsvTable> Read(std::string_view text, const ColumnSet& columns,
                                      std::vector<FileError>& errors);

  // The data rows (the header excluded).
  const std::vector<CsvRow>& rows() const { return rows_; }
  // The trimmed field of `column`; "" when the header has no such column.
  std::string_view Field(const CsvRow& row, std::string_view column) const;
  size_t width() const { return header_.size(); }

 private:
  std::vector<std::string> header_;  // lower-cased, trimmed
  std::vector<CsvRow> rows_;
};

// Reads the fields of one row, collecting errors.
class RowReader {
 public:
  RowReader(const CsvTable& table, const CsvRow& row, std::vector<FileError>& errors);

  // False when the row's field count differs from the header's (already reported).
  bool has_right_width() const { return right_width_; }
  bool ok() const { return errors_.size() == errors_before_; }
  int line() const { return row_.line; }

  std::string Text(std::string_view column, bool required);
  // Reais with a dot ("38.90"); `example` completes "is not a <what> like <example>".
  std::optional<Money> Reais(std::string_view column, bool required, std::string_view what,
                             std::string_view example);
  std::optional<Quantity> Decimal(std::string_view column, bool required, std::string_view what,
                                  std::string_view example);
  void Fail(std::string_view column, std::string message);

 private:
  const CsvTable& table_;
  const CsvRow& row_;
  std::vector<FileError>& errors_;
  size_t errors_before_;
  bool right_width_;
};

}  // namespace orcazap::core
