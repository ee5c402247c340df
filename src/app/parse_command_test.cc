#include "app/parse_command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace orcazap::app {
namespace {

namespace fs = std::filesystem;

const fs::path kGolden = fs::path(ORCAZAP_SOURCE_DIR) / "tests/golden/parse";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

ParseOptions GoldenOptions(bool with_rules) {
  ParseOptions options;
  options.catalog_path = kGolden / "catalog.csv";
  options.freight_path = kGolden / "freight.csv";
  if (with_rules) options.rules_path = kGolden / "rules.json";
  options.now = {core::CivilDate{2027, 1, 14}, 9, 5};
  return options;
}

struct ParseRun {
  int status;
  std::string out;
  std::string err;
};

ParseRun Parse(const ParseOptions& options, const std::string& message) {
  std::istringstream in(message);
  std::ostringstream out;
  std::ostringstream err;
  const int status = ParseMessage(options, in, out, err);
  return {status, out.str(), err.str()};
}

// A line-by-line diff: "-" expected only, "+" actual only.
std::string Diff(const std::string& expected, const std::string& actual) {
  std::istringstream want(expected);
  std::istringstream got(actual);
  std::string out;
  std::string w;
  std::string g;
  while (true) {
    const bool has_w = static_cast<bool>(std::getline(want, w));
    const bool has_g = static_cast<bool>(std::getline(got, g));
    if (!has_w && !has_g) break;
    if (has_w && has_g && w == g) {
      out += "  " + w + "\n";
      continue;
    }
    if (has_w) out += "- " + w + "\n";
    if (has_g) out += "+ " + g + "\n";
  }
  return out;
}

TEST(ParseGolden, EveryCasePrintsItsExpectedJson) {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(kGolden)) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  ASSERT_GE(cases.size(), 5u);
  for (const fs::path& dir : cases) {
    SCOPED_TRACE(dir.filename().string());
    const ParseRun run =
        Parse(GoldenOptions(!fs::exists(dir / "no_rules")), ReadFile(dir / "message.txt"));
    EXPECT_EQ(run.status, 0);
    EXPECT_EQ(run.err, "");
    const std::string expected = ReadFile(dir / "expected.json");
    EXPECT_EQ(expected, run.out) << "diff (- expected, + actual):\n" << Diff(expected, run.out);
  }
}

TEST(ParseMessage, KeysComeInTheDocumentedOrder) {
  const ParseRun run = Parse(GoldenOptions(true), "10 sacos de cimento");
  const auto json = nlohmann::ordered_json::parse(run.out);
  std::vector<std::string> keys;
  for (const auto& [key, unused] : json.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"location", "payment", "delivery", "items", "unknown",
                                            "missing", "quote", "message"}));
}

class ParseErrorsTest : public ::testing::Test {
 protected:
  ParseErrorsTest()
      : dir_(fs::temp_directory_path() / ("orcazap-parse-test-" + std::to_string(::getpid()))) {
    fs::create_directories(dir_);
  }
  ~ParseErrorsTest() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }

  fs::path dir_;
};

TEST_F(ParseErrorsTest, MalformedCatalogNamesFileRowAndColumn) {
  ParseOptions options = GoldenOptions(true);
  options.catalog_path =
      Write("catalog.csv", "sku,name,unit,price\nA,Areia,m³,120.00\nB,Brita,m³,\"12,50\"\n");
  const ParseRun run = Parse(options, "10 sacos de areia");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, options.catalog_path +
                         ":3: column price: \"12,50\" is not a price in reais like 12.50\n");
}

TEST_F(ParseErrorsTest, MalformedFreightAndRulesNameTheFile) {
  ParseOptions options = GoldenOptions(true);
  options.freight_path = Write("freight.csv", "bairro,cep_start,cep_end,base\n,0131,01999999,5\n");
  ParseRun run = Parse(options, "");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err,
            options.freight_path +
                ":2: column cep_start: \"0131\" is not a CEP like 01310-100 or 01310100\n");

  options = GoldenOptions(true);
  options.rules_path = Write("rules.json", R"({"volume_discounts": [{"min_quantity": 1}]})");
  run = Parse(options, "");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, options.rules_path + ": volume_discounts[0].pct: missing\n");
}

TEST_F(ParseErrorsTest, MissingFile) {
  ParseOptions options = GoldenOptions(false);
  options.catalog_path = dir_ / "nope.csv";
  const ParseRun run = Parse(options, "");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err,
            "orcazap parse: cannot read " + options.catalog_path + ": No such file or directory\n");
}

}  // namespace
}  // namespace orcazap::app
