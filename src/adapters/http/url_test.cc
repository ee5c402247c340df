#include "adapters/http/url.h"

#include <gtest/gtest.h>

namespace orcazap::adapters::http {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(Url, PercentDecodeKeepsMalformedEscapes) {
  EXPECT_EQ(PercentDecode("a%20b%2Fc", false), "a b/c");
  EXPECT_EQ(PercentDecode("%C3%A9", false), "é");
  EXPECT_EQ(PercentDecode("100%", false), "100%");
  EXPECT_EQ(PercentDecode("%4", false), "%4");
  EXPECT_EQ(PercentDecode("%G1x", false), "%G1x");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
}

TEST(Url, PercentEncodeRoundTrips) {
  EXPECT_EQ(PercentEncode("a b/c~é"), "a%20b%2Fc~%C3%A9");
  EXPECT_EQ(PercentDecode(PercentEncode("x=1&y=2+3 %"), true), "x=1&y=2+3 %");
}

TEST(Url, ParseQueryDecodesInOrderAndSkipsEmptyPieces) {
  EXPECT_EQ(ParseQuery("a=1&&b=x+y&c&a=%3D&=v"),
            (Pairs{{"a", "1"}, {"b", "x y"}, {"c", ""}, {"a", "="}, {"", "v"}}));
  EXPECT_TRUE(ParseQuery("").empty());
}

TEST(Url, SplitRequestTargetAtTheFirstQuestionMark) {
  SplitTarget split = SplitRequestTarget("/p/a?x=1?y");
  EXPECT_EQ(split.path, "/p/a");
  EXPECT_EQ(split.query, "x=1?y");
  EXPECT_EQ(SplitRequestTarget("/only").query, "");
}

}  // namespace
}  // namespace orcazap::adapters::http
