#include "core/csv_table.h"

#include <algorithm>

namespace orcazap::core {

namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool Contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string ColumnList(const ColumnSet& columns) {
  std::string out;
  for (const auto* list : {&columns.required, &columns.optional}) {
    for (const std::string& name : *list) out += (out.empty() ? "" : ",") + name;
  }
  return out;
}

bool CheckHeader(const std::vector<std::string>& header, const ColumnSet& columns,
                 std::vector<FileError>& errors) {
  const size_t before = errors.size();
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string& name = header[i];
    if (!Contains(columns.required, name) && !Contains(columns.optional, name)) {
      errors.push_back({1, name, "unknown column; the columns are " + ColumnList(columns)});
    } else if (std::find(header.begin(), header.begin() + i, name) != header.begin() + i) {
      errors.push_back({1, name, "column appears twice in the header"});
    }
  }
  for (const std::string& name : columns.required) {
    if (!Contains(header, name)) {
      errors.push_back({1, name, "missing column; the header must name " + ColumnList(columns)});
    }
  }
  return errors.size() == before;
}

// A CSV syntax error "line N: what" as a FileError.
FileError SyntaxError(const std::string& message) {
  FileError error{0, "", message};
  if (message.starts_with("line ")) {
    const size_t colon = message.find(": ");
    error.row = std::stoi(message.substr(5, colon - 5));
    error.message = message.substr(colon + 2);
  }
  return error;
}

}  // namespace

std::string FileError::ToString() const {
  std::string out = row > 0 ? std::to_string(row) + ": " : "";
  if (!column.empty()) out += "column " + column + ": ";
  return out + message;
}

std::optional<CsvTable> CsvTable::Read(std::string_view text, const ColumnSet& columns,
                                       std::vector<FileError>& errors) {
  auto rows = ParseCsv(text);
  if (!rows) {
    errors.push_back(SyntaxError(rows.error().message()));
    return std::nullopt;
  }
  if (rows->empty()) {
    errors.push_back({1, "", "the first line must be the header: " + ColumnList(columns)});
    return std::nullopt;
  }
  CsvTable table;
  for (const std::string& name : rows->front().fields) table.header_.push_back(Lower(Trim(name)));
  if (!CheckHeader(table.header_, columns, errors)) return std::nullopt;
  table.rows_.assign(std::make_move_iterator(rows->begin() + 1),
                     std::make_move_iterator(rows->end()));
  return table;
}

std::string_view CsvTable::Field(const CsvRow& row, std::string_view column) const {
  const auto it = std::find(header_.begin(), header_.end(), column);
  const size_t index = static_cast<size_t>(it - header_.begin());
  if (it == header_.end() || index >= row.fields.size()) return {};
  return Trim(row.fields[index]);
}

RowReader::RowReader(const CsvTable& table, const CsvRow& row, std::vector<FileError>& errors)
    : table_(table),
      row_(row),
      errors_(errors),
      errors_before_(errors.size()),
      right_width_(row.fields.size() == table.width()) {
  if (!right_width_) {
    Fail("", "has " + std::to_string(row.fields.size()) + " fields but the header has " +
                 std::to_string(table.width()) + " (a comma inside a field needs quotes)");
  }
}

void RowReader::Fail(std::string_view column, std::string message) {
  errors_.push_back({row_.line, std::string(column), std::move(message)});
}

std::string RowReader::Text(std::string_view column, bool required) {
  const std::string_view value = table_.Field(row_, column);
  if (required && value.empty()) Fail(column, "is empty");
  return std::string(value);
}

std::optional<Money> RowReader::Reais(std::string_view column, bool required, std::string_view what,
                                      std::string_view example) {
  const std::string text = Text(column, required);
  if (text.empty()) return std::nullopt;
  if (text.starts_with('-') && Money::ParseReais(text.substr(1))) {
    Fail(column, "\"" + text + "\" must not be negative");
    return std::nullopt;
  }
  auto value = Money::ParseReais(text);
  if (!value) {
    Fail(column, "\"" + text + "\" is not a " + std::string(what) + " in reais like " +
                     std::string(example));
  }
  return value;
}

std::optional<Quantity> RowReader::Decimal(std::string_view column, bool required,
                                           std::string_view what, std::string_view example) {
  const std::string text = Text(column, required);
  if (text.empty()) return std::nullopt;
  if (text.starts_with('-') && Quantity::Parse(text.substr(1))) {
    Fail(column, "\"" + text + "\" must not be negative");
    return std::nullopt;
  }
  auto value = Quantity::Parse(text);
  if (!value) {
    Fail(column,
         "\"" + text + "\" is not a " + std::string(what) + " like " + std::string(example));
  }
  return value;
}

}  // namespace orcazap::core
