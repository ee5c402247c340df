#include "core/csv.h"

#include <gtest/gtest.h>

namespace orcazap::core {
namespace {

using Fields = std::vector<std::string>;

std::vector<CsvRow> Parse(std::string_view text) {
  auto rows = ParseCsv(text);
  EXPECT_TRUE(rows.ok()) << rows.error().message();
  return rows ? *rows : std::vector<CsvRow>{};
}

TEST(Csv, PlainRowsWithLineNumbers) {
  const auto rows = Parse("a,b,c\n1,2,3\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(rows[1].fields, (Fields{"1", "2", "3"}));
  EXPECT_EQ(rows[1].line, 2);
}

TEST(Csv, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  const auto rows = Parse("sku,name\n\"A,1\",\"Cimento \"\"forte\"\"\nCP-II\"\nB,x\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields, (Fields{"A,1", "Cimento \"forte\"\nCP-II"}));
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(rows[2].line, 4);  // the row after a field spanning two lines
}

TEST(Csv, CrLfBomAndMissingFinalNewline) {
  const auto rows = Parse("\xEF\xBB\xBFsku,price\r\nA,1.00\r\nB,2.00");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].fields, (Fields{"sku", "price"}));
  EXPECT_EQ(rows[2].fields, (Fields{"B", "2.00"}));
}

TEST(Csv, EmptyFieldsAndEmptyLines) {
  const auto rows = Parse("a,,c,\n\n\r\n,\nx\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "", "c", ""}));
  EXPECT_EQ(rows[1].fields, (Fields{"", ""}));
  EXPECT_EQ(rows[1].line, 4);
  EXPECT_EQ(rows[2].fields, (Fields{"x"}));
  EXPECT_EQ(rows[2].line, 5);
}

TEST(Csv, QuoteInsideUnquotedFieldIsLiteral) {
  EXPECT_EQ(Parse("tubo 1/2\",x\n")[0].fields, (Fields{"tubo 1/2\"", "x"}));
}

TEST(Csv, UnclosedQuoteSaysWhereItOpened) {
  auto rows = ParseCsv("a,b\n1,\"open\n2,3\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().message(), "line 2: a quoted field is never closed (missing \")");
}

TEST(Csv, TextAfterClosingQuoteIsAnError) {
  auto rows = ParseCsv("a,b\n\"x\"y,2\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().message().substr(0, 43), "line 2: unexpected text after a closing quo");
}

TEST(Csv, FormatRoundTrips) {
  const Fields fields = {"plain", "a,b", "say \"hi\"", "two\nlines", " padded ", ""};
  const std::string line = FormatCsvRow(fields);
  EXPECT_EQ(line, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded \",\n");
  const auto rows = Parse(line);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, fields);
}

TEST(Csv, FormatKeepsARowOfOneEmptyField) {
  EXPECT_EQ(FormatCsvRow({""}), "\"\"\n");
  const auto rows = Parse(FormatCsvRow({"a"}) + FormatCsvRow({""}));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields, Fields{""});
}

TEST(Csv, FormatQuotesALeadingBomSoItIsNotSkipped) {
  const Fields fields = {"\xEF\xBB\xBFsku", "name"};
  const auto rows = Parse(FormatCsvRow(fields));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, fields);
}

}  // namespace
}  // namespace orcazap::core
