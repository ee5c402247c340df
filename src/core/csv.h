#pragma once
// RFC 4180 CSV: comma-separated fields, fields in double quotes may hold commas, line breaks
// and doubled quotes (""). Lines end with CRLF or LF; a UTF-8 BOM at the start is skipped.
//
// Contract:
// 1. Every row carries the line number (from 1) where it starts in the text.
// 2. Completely empty lines are skipped; a row never has zero fields.
// 3. A quote inside an unquoted field is kept as a literal character.
// 4. Errors (a quoted field never closed, text after a closing quote) say the line.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace orcazap::core {

struct CsvRow {
  int line = 0;
  std::vector<std::string> fields;
};

Result<std::vector<CsvRow>> ParseCsv(std::string_view text);

// One record ending in "\n"; fields are quoted when they hold a comma, a quote, a line break or
// spaces at either end, so that ParseCsv reads them back unchanged.
std::string FormatCsvRow(const std::vector<std::string>& fields);

}  // namespace orcazap::core
