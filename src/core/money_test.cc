#include "core/money.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace orcazap::core {
namespace {

int64_t ParsedCentavos(const std::string& text) {
  auto parsed = Money::ParseReais(text);
  EXPECT_TRUE(parsed.has_value()) << "\"" << text << "\" was refused";
  return parsed ? parsed->centavos() : -1;
}

TEST(MoneyParseReais, ReadsWholeReaisAndUpToTwoDecimals) {
  EXPECT_EQ(ParsedCentavos("38.90"), 3890);
  EXPECT_EQ(ParsedCentavos("5000"), 500000);
  EXPECT_EQ(ParsedCentavos("0.5"), 50);
  EXPECT_EQ(ParsedCentavos("0.05"), 5);
  EXPECT_EQ(ParsedCentavos("0"), 0);
  EXPECT_EQ(ParsedCentavos("007.10"), 710);
}

TEST(MoneyParseReais, RefusesAnythingButDotDecimals) {
  for (const char* text : {"", ".", ".5", "5.", "1.234", "38,90", "1.234,56", "R$ 10", "-1.00",
                           "+1", " 1", "1 ", "1e3", "1.2.3", "abc", "12a"}) {
    EXPECT_FALSE(Money::ParseReais(text).has_value()) << "\"" << text << "\" was accepted";
  }
}

TEST(MoneyParseReais, RefusesTextsTooLongToBeAPrice) {
  EXPECT_FALSE(Money::ParseReais("12345678901234567").has_value());
  EXPECT_FALSE(Money::ParseReais("88888888888888").has_value()) << "14 digits";
  EXPECT_FALSE(Money::ParseReais("88888888888888.00").has_value());
  EXPECT_TRUE(Money::ParseReais("8888888888888").has_value()) << "13 digits";
}

// What it accepts it must accept again as written (a catalog or freight file exported and
// imported back): the longest values included.
TEST(MoneyParseReais, ReadsBackWhatItWrites) {
  for (const char* text : {"9999999999999", "9999999999999.9", "9999999999999.99", "0.5", "7"}) {
    auto parsed = Money::ParseReais(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    auto again = Money::ParseReais(parsed->ToReaisString());
    ASSERT_TRUE(again.has_value()) << parsed->ToReaisString();
    EXPECT_EQ(again->centavos(), parsed->centavos());
  }
}

TEST(MoneyToReaisString, IsTheInverseOfParsing) {
  for (const char* text : {"38.90", "0.05", "0.50", "5000.00", "1234567.89"}) {
    auto parsed = Money::ParseReais(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(parsed->ToReaisString(), text);
  }
  EXPECT_EQ(Money::Centavos(-105).ToReaisString(), "-1.05");
}

TEST(MoneyToBrl, GroupsThousandsWithDotsAndUsesCommaForCentavos) {
  EXPECT_EQ(Money::Centavos(123456).ToBrl(), "R$ 1.234,56");
  EXPECT_EQ(Money::Centavos(5).ToBrl(), "R$ 0,05");
  EXPECT_EQ(Money::Centavos(0).ToBrl(), "R$ 0,00");
  EXPECT_EQ(Money::Centavos(99999).ToBrl(), "R$ 999,99");
  EXPECT_EQ(Money::Centavos(100000).ToBrl(), "R$ 1.000,00");
  EXPECT_EQ(Money::Centavos(12345678).ToBrl(), "R$ 123.456,78");
  EXPECT_EQ(Money::Centavos(123456789).ToBrl(), "R$ 1.234.567,89");
}

TEST(MoneyToBrl, PutsTheMinusSignBeforeTheCurrency) {
  EXPECT_EQ(Money::Centavos(-100).ToBrl(), "-R$ 1,00");
  EXPECT_EQ(Money::Centavos(-5).ToBrl(), "-R$ 0,05");
  EXPECT_EQ(Money::Centavos(-123456).ToBrl(), "-R$ 1.234,56");
}

TEST(MoneyArithmetic, IsExactInCentavos) {
  Money total = Money::Centavos(10) + Money::Centavos(20);
  EXPECT_EQ(total.centavos(), 30);
  total -= Money::Centavos(45);
  EXPECT_EQ(total.centavos(), -15);
  EXPECT_LT(Money::Centavos(-1), Money::Centavos(0));
}

TEST(DivideRoundHalfUp, RoundsHalvesAwayFromZero) {
  EXPECT_EQ(DivideRoundHalfUp(5, 10), 1);     // 0.5
  EXPECT_EQ(DivideRoundHalfUp(15, 10), 2);    // 1.5
  EXPECT_EQ(DivideRoundHalfUp(25, 10), 3);    // 2.5 (not banker's 2)
  EXPECT_EQ(DivideRoundHalfUp(-5, 10), -1);   // -0.5
  EXPECT_EQ(DivideRoundHalfUp(-25, 10), -3);  // -2.5
}

TEST(DivideRoundHalfUp, IsExactForAny128BitNumerator) {
  constexpr WideInt kMax128 = ~(WideInt{1} << 127);
  EXPECT_EQ(DivideRoundHalfUp(kMax128, kMax128), 1);
  EXPECT_EQ(DivideRoundHalfUp(-kMax128, kMax128), -1);
  EXPECT_EQ(DivideRoundHalfUp(kMax128, 2), (kMax128 / 2) + 1);  // ends in .5
}

TEST(MoneyFromWide, RefusesWhatDoesNotFitIn64Bits) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(Money::FromWide(kMax), Money::Centavos(kMax));
  EXPECT_FALSE(Money::FromWide(WideInt{kMax} + 1));
  EXPECT_FALSE(Money::FromWide(-WideInt{kMax} - 2));
}

TEST(DivideRoundHalfUp, RoundsEverythingElseToTheNearest) {
  EXPECT_EQ(DivideRoundHalfUp(4, 10), 0);
  EXPECT_EQ(DivideRoundHalfUp(6, 10), 1);
  EXPECT_EQ(DivideRoundHalfUp(-4, 10), 0);
  EXPECT_EQ(DivideRoundHalfUp(-6, 10), -1);
  EXPECT_EQ(DivideRoundHalfUp(499, 1000), 0);
  EXPECT_EQ(DivideRoundHalfUp(500, 1000), 1);
  EXPECT_EQ(DivideRoundHalfUp(30, 10), 3);
  EXPECT_EQ(DivideRoundHalfUp(1, 3), 0);
  EXPECT_EQ(DivideRoundHalfUp(2, 3), 1);
}

}  // namespace
}  // namespace orcazap::core
