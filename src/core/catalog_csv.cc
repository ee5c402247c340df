#include "core/catalog_csv.h"

#include <map>

namespace orcazap::core {

namespace {

const ColumnSet kCatalogColumns = {{"sku", "name", "unit", "price"},
                                   {"cost", "weight_kg", "aliases"}};

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// Aliases are trimmed of the same blanks as a whole field (csv_table.cc), so an alias that is only
// blanks is dropped here rather than after a write and a second read.
std::vector<std::string> SplitAliases(std::string_view text) {
  std::vector<std::string> aliases;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('|', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view alias = text.substr(start, end - start);
    while (!alias.empty() && IsBlank(alias.front())) alias.remove_prefix(1);
    while (!alias.empty() && IsBlank(alias.back())) alias.remove_suffix(1);
    if (!alias.empty()) aliases.emplace_back(alias);
    start = end + 1;
  }
  return aliases;
}

std::string JoinAliases(const std::vector<std::string>& aliases) {
  std::string out;
  for (const std::string& alias : aliases) out += (out.empty() ? "" : "|") + alias;
  return out;
}

size_t CountChars(std::string_view utf8) {
  size_t count = 0;
  for (char c : utf8) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

void CheckLength(RowReader& row, std::string_view column, std::string_view text, size_t limit) {
  const size_t chars = CountChars(text);
  if (chars <= limit) return;
  row.Fail(column, "is " + std::to_string(chars) + " characters long; at most " +
                       std::to_string(limit) + " are allowed");
}

std::optional<CatalogItem> ReadItem(RowReader& row) {
  if (!row.has_right_width()) return std::nullopt;
  CatalogItem item;
  item.sku = row.Text("sku", true);
  item.name = row.Text("name", true);
  CheckLength(row, "sku", item.sku, kMaxSkuChars);
  CheckLength(row, "name", item.name, kMaxNameChars);
  item.unit = row.Text("unit", true);
  const auto price = row.Reais("price", true, "price", "12.50");
  item.cost = row.Reais("cost", false, "cost", "9.80");
  item.weight_kg = row.Decimal("weight_kg", false, "weight in kg", "50 or 0.5");
  item.aliases = SplitAliases(row.Text("aliases", false));
  if (!row.ok() || !price) return std::nullopt;
  item.price = *price;
  return item;
}

}  // namespace

CatalogFile ParseCatalogCsv(std::string_view text) {
  CatalogFile file;
  const auto table = CsvTable::Read(text, kCatalogColumns, file.errors);
  if (!table) return file;
  std::map<std::string, int> first_row_of_sku;
  for (const CsvRow& csv_row : table->rows()) {
    RowReader row(*table, csv_row, file.errors);
    auto item = ReadItem(row);
    if (!item) continue;
    const auto [it, inserted] = first_row_of_sku.emplace(item->sku, row.line());
    if (!inserted) {
      row.Fail("sku", "duplicate SKU \"" + item->sku + "\" (first on row " +
                          std::to_string(it->second) + ")");
      continue;
    }
    file.items.push_back(std::move(*item));
  }
  return file;
}

std::string WriteCatalogCsv(const std::vector<CatalogItem>& items) {
  std::string out = FormatCsvRow({"sku", "name", "unit", "price", "cost", "weight_kg", "aliases"});
  for (const CatalogItem& item : items) {
    out +=
        FormatCsvRow({item.sku, item.name, item.unit, item.price.ToReaisString(),
                      item.cost ? item.cost->ToReaisString() : "",
                      item.weight_kg ? item.weight_kg->ToString() : "", JoinAliases(item.aliases)});
  }
  return out;
}

std::optional<std::string> NormalizeCep(std::string_view text) {
  std::string digits(text);
  if (digits.size() == 9 && digits[5] == '-') digits.erase(5, 1);
  if (digits.size() != 8) return std::nullopt;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return digits;
}

}  // namespace orcazap::core
