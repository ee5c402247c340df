// The FREIGHT half of core/catalog_csv.h.
#include <utility>
#include <vector>

#include "core/catalog_csv.h"
#include "core/freight.h"

namespace orcazap::core {

namespace {

const ColumnSet kFreightColumns = {{"bairro", "cep_start", "cep_end", "base"},
                                   {"per_kg", "free_above"}};

std::optional<std::string> ReadCep(RowReader& row, std::string_view column) {
  const std::string text = row.Text(column, false);
  if (text.empty()) return std::nullopt;
  auto cep = NormalizeCep(text);
  if (!cep) row.Fail(column, "\"" + text + "\" is not a CEP like 01310-100 or 01310100");
  return cep;
}

// Either a bairro or a complete CEP range, never both.
void ReadWhere(RowReader& row, FreightRule& rule) {
  const std::string bairro = row.Text("bairro", false);
  const bool has_start = !row.Text("cep_start", false).empty();
  const bool has_end = !row.Text("cep_end", false).empty();
  if (!bairro.empty()) rule.bairro = bairro;
  if (!bairro.empty() && (has_start || has_end)) {
    row.Fail("bairro", "give either a bairro or a CEP range, not both");
    return;
  }
  if (bairro.empty() && !has_start && !has_end) {
    row.Fail("bairro", "is empty: give a bairro or a CEP range (cep_start and cep_end)");
    return;
  }
  if (bairro.empty()) {
    if (has_start != has_end) {
      row.Fail(has_start ? "cep_end" : "cep_start", "is empty: a CEP range needs both ends");
    }
    rule.cep_start = ReadCep(row, "cep_start");
    rule.cep_end = ReadCep(row, "cep_end");
    if (rule.cep_start && rule.cep_end && *rule.cep_start > *rule.cep_end) {
      row.Fail("cep_start", *rule.cep_start + " is after cep_end " + *rule.cep_end);
    }
  }
}

std::optional<FreightRule> ReadRule(RowReader& row) {
  if (!row.has_right_width()) return std::nullopt;
  FreightRule rule;
  ReadWhere(row, rule);
  const auto base = row.Reais("base", true, "freight", "25.00");
  rule.per_kg = row.Reais("per_kg", false, "price per kg", "0.15");
  rule.free_above = row.Reais("free_above", false, "minimum order", "500.00");
  if (!row.ok() || !base) return std::nullopt;
  rule.base = *base;
  return rule;
}

// The row of an earlier rule for the same bairro, or 0.
int EarlierBairroRow(const std::vector<std::pair<std::string, int>>& seen,
                     const std::string& bairro) {
  for (const auto& [name, row] : seen) {
    if (SameBairro(name, bairro)) return row;
  }
  return 0;
}

}  // namespace

FreightFile ParseFreightCsv(std::string_view text) {
  FreightFile file;
  const auto table = CsvTable::Read(text, kFreightColumns, file.errors);
  if (!table) return file;
  std::vector<std::pair<std::string, int>> bairros;
  for (const CsvRow& csv_row : table->rows()) {
    RowReader row(*table, csv_row, file.errors);
    auto rule = ReadRule(row);
    if (!rule) continue;
    if (rule->bairro) {
      if (const int earlier = EarlierBairroRow(bairros, *rule->bairro); earlier != 0) {
        row.Fail("bairro", "duplicate bairro \"" + *rule->bairro + "\" (first on row " +
                               std::to_string(earlier) + ")");
        continue;
      }
      bairros.emplace_back(*rule->bairro, row.line());
    }
    file.rules.push_back(std::move(*rule));
  }
  return file;
}

std::string WriteFreightCsv(const std::vector<FreightRule>& rules) {
  std::string out =
      FormatCsvRow({"bairro", "cep_start", "cep_end", "base", "per_kg", "free_above"});
  for (const FreightRule& rule : rules) {
    out += FormatCsvRow({rule.bairro.value_or(""), rule.cep_start.value_or(""),
                         rule.cep_end.value_or(""), rule.base.ToReaisString(),
                         rule.per_kg ? rule.per_kg->ToReaisString() : "",
                         rule.free_above ? rule.free_above->ToReaisString() : ""});
  }
  return out;
}

}  // namespace orcazap::core
