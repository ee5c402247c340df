#include "core/number_words.h"

#include <gtest/gtest.h>

namespace orcazap::core {
namespace {

std::string Numeral(std::string_view text) {
  const std::optional<Quantity> value = ParseNumeral(text);
  return value ? value->ToString() : "none";
}

TEST(NumberWords, DecimalCommaAndThousandsDot) {
  EXPECT_EQ(Numeral("10"), "10");
  EXPECT_EQ(Numeral("2,5"), "2.5");
  EXPECT_EQ(Numeral("1.000"), "1000");
  EXPECT_EQ(Numeral("12.500,75"), "12500.75");
}

TEST(NumberWords, DotWithoutThreeDigitsIsDecimal) {
  EXPECT_EQ(Numeral("2.5"), "2.5");
  EXPECT_EQ(Numeral("0.25"), "0.25");
}

TEST(NumberWords, RejectsMalformedNumerals) {
  EXPECT_EQ(Numeral("1.00.0"), "none");
  EXPECT_EQ(Numeral("2,5,1"), "none");
  EXPECT_EQ(Numeral("1,2345"), "none");
  EXPECT_EQ(Numeral("abc"), "none");
}

TEST(NumberWords, WordsUpToTwentyAndTens) {
  EXPECT_EQ(NumberWordValue("um"), Quantity::Whole(1));
  EXPECT_EQ(NumberWordValue("duas"), Quantity::Whole(2));
  EXPECT_EQ(NumberWordValue("tres"), Quantity::Whole(3));
  EXPECT_EQ(NumberWordValue("quinze"), Quantity::Whole(15));
  EXPECT_EQ(NumberWordValue("catorze"), Quantity::Whole(14));
  EXPECT_EQ(NumberWordValue("vinte"), Quantity::Whole(20));
  EXPECT_EQ(NumberWordValue("cinquenta"), Quantity::Whole(50));
  EXPECT_FALSE(NumberWordValue("cimento"));
}

TEST(NumberWords, MeiaMeansHalf) {
  EXPECT_EQ(NumberWordValue("meia"), Quantity::Milli(500));
  EXPECT_EQ(NumberWordValue("meio"), Quantity::Milli(500));
}

}  // namespace
}  // namespace orcazap::core
