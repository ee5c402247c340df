// Golden cases for Extract(): data in tests/golden/extraction (see its README.md). Adding a case
// adds text, not C++. Every failing case prints the message, what was expected and what came
// out.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/catalog_csv.h"
#include "core/catalog_match.h"
#include "core/extraction.h"

namespace orcazap::core {
namespace {

const std::filesystem::path kGoldenDir =
    std::filesystem::path(ORCAZAP_SOURCE_DIR) / "tests/golden/extraction";

struct GoldenCase {
  std::string file;
  int line = 0;
  std::string message;
  CivilDate today;
  std::vector<std::string> expected;  // normalized "key: value" lines
};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string Trim(std::string_view text) {
  const size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return "";
  const size_t end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

// Blocks separated by blank lines; "> " lines are the message; "key: value" lines the
// expectation; "#" lines are comments; a block with only "today:" sets the file's default.
class CaseReader {
 public:
  explicit CaseReader(std::string file) : file_(std::move(file)) {}

  void Line(std::string_view raw, int number) {
    const std::string line = Trim(raw);
    if (line.empty()) return Flush();
    if (line[0] == '#' || line == "-") return;
    if (!in_block_) {
      current_ = GoldenCase{file_, number, "", today_, {}};
      in_block_ = true;
    }
    if (line[0] == '>') {
      const std::string_view text = raw.substr(raw.find('>') + 1);
      const std::string part(text.empty() || text[0] != ' ' ? text : text.substr(1));
      current_.message += (has_message_ ? "\n" : "") + Trim(part);
      has_message_ = true;
      return;
    }
    const size_t colon = line.find(':');
    const std::string key = line.substr(0, colon);
    const std::string value = colon == std::string::npos ? "" : Trim(line.substr(colon + 1));
    if (key == "today") {
      const std::optional<CivilDate> date = CivilDate::ParseIso(value);
      EXPECT_TRUE(date) << file_ << ":" << number << ": bad date " << value;
      if (date) current_.today = *date;
    } else {
      current_.expected.push_back(key + ": " + value);
    }
  }

  void Flush() {
    if (in_block_ && has_message_) cases_.push_back(current_);
    if (in_block_ && !has_message_) today_ = current_.today;
    in_block_ = has_message_ = false;
  }

  std::vector<GoldenCase> Take() {
    Flush();
    return std::move(cases_);
  }

 private:
  std::string file_;
  CivilDate today_{2026, 11, 27};
  GoldenCase current_;
  bool in_block_ = false;
  bool has_message_ = false;
  std::vector<GoldenCase> cases_;
};

std::vector<GoldenCase> LoadCases() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(kGoldenDir)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<GoldenCase> cases;
  for (const auto& path : files) {
    CaseReader reader(path.filename().string());
    std::istringstream in(ReadFile(path));
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) reader.Line(line, number);
    for (GoldenCase& c : reader.Take()) cases.push_back(std::move(c));
  }
  return cases;
}

// The extraction in the golden files' "key: value" form.
std::vector<std::string> Describe(const Extraction& extraction) {
  std::vector<std::string> lines;
  if (extraction.location && extraction.location->cep) {
    lines.push_back("cep: " + *extraction.location->cep);
  }
  if (extraction.location && extraction.location->bairro) {
    lines.push_back("bairro: " + *extraction.location->bairro);
  }
  if (extraction.payment) {
    lines.push_back(std::string("payment: ") + PaymentMethodName(*extraction.payment));
  }
  if (extraction.delivery) {
    lines.push_back("delivery: " + (extraction.delivery->asap   ? std::string("asap")
                                    : extraction.delivery->date ? extraction.delivery->date->ToIso()
                                                                : std::string("?")));
  }
  for (const ExtractedItem& item : extraction.items) {
    lines.push_back("item: " + item.sku + " " + item.quantity.ToString() + " " + item.unit);
  }
  for (const std::string& unknown : extraction.unknown) lines.push_back("unknown: " + unknown);
  return lines;
}

std::vector<std::string> Normalized(std::vector<std::string> lines) {
  // Fields in a fixed order, items and unknowns in the customer's order.
  const auto rank = [](const std::string& line) {
    static const char* kOrder[] = {"cep:", "bairro:", "payment:", "delivery:", "item:", "unknown:"};
    for (int i = 0; i < 6; ++i) {
      if (line.rfind(kOrder[i], 0) == 0) return i;
    }
    return 6;
  };
  std::stable_sort(lines.begin(), lines.end(),
                   [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  return lines;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += "    " + line + "\n";
  return out.empty() ? "    (nothing)\n" : out;
}

Catalog LoadCatalog() {
  Catalog catalog;
  const CatalogFile items = ParseCatalogCsv(ReadFile(kGoldenDir / "catalog.csv"));
  EXPECT_TRUE(items.errors.empty()) << "catalog.csv has errors";
  catalog.items = items.items;
  const FreightFile freight = ParseFreightCsv(ReadFile(kGoldenDir / "freight.csv"));
  EXPECT_TRUE(freight.errors.empty()) << "freight.csv has errors";
  catalog.freight_rules = freight.rules;
  return catalog;
}

TEST(ExtractionGolden, EveryCaseMatches) {
  const Catalog catalog = LoadCatalog();
  const std::vector<GoldenCase> cases = LoadCases();
  ASSERT_GE(cases.size(), 180u);
  int passed = 0;
  for (const GoldenCase& golden : cases) {
    const Extraction extraction = Extract(golden.message, {catalog, golden.today});
    const std::vector<std::string> actual = Normalized(Describe(extraction));
    const std::vector<std::string> expected = Normalized(golden.expected);
    if (actual == expected) {
      ++passed;
      continue;
    }
    ADD_FAILURE() << golden.file << ":" << golden.line << "\n  message: " << golden.message
                  << "\n  today: " << golden.today.ToIso() << "\n  expected:\n"
                  << Join(expected) << "  actual:\n"
                  << Join(actual);
  }
  std::cout << "[ golden   ] " << passed << "/" << cases.size() << " extraction cases pass\n";
}

// The worker keeps one matcher per catalog version and reads every message with it.
TEST(ExtractionGolden, OnePreparedMatcherReadsEveryCaseAsAFreshOneDoes) {
  const PreparedCatalog prepared(LoadCatalog());
  const std::vector<GoldenCase> cases = LoadCases();
  ASSERT_FALSE(cases.empty());
  for (const GoldenCase& golden : cases) {
    const Extraction fresh = Extract(golden.message, {prepared.catalog(), golden.today});
    const Extraction reused =
        Extract(golden.message, {prepared.catalog(), golden.today, &prepared.matcher()});
    EXPECT_EQ(Describe(reused), Describe(fresh)) << golden.file << ":" << golden.line;
  }
}

}  // namespace
}  // namespace orcazap::core
