#include "core/quantity.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace orcazap::core {
namespace {

int64_t ParsedMilli(const std::string& text) {
  auto parsed = Quantity::Parse(text);
  EXPECT_TRUE(parsed.has_value()) << "\"" << text << "\" was refused";
  return parsed ? parsed->milli() : -1;
}

TEST(QuantityParse, ReadsCanonicalDecimalsExactly) {
  EXPECT_EQ(ParsedMilli("10"), 10000);
  EXPECT_EQ(ParsedMilli("2.5"), 2500);
  EXPECT_EQ(ParsedMilli("0.125"), 125);
  EXPECT_EQ(ParsedMilli("0.001"), 1);
  EXPECT_EQ(ParsedMilli("0"), 0);
  EXPECT_EQ(ParsedMilli("1.10"), 1100);
}

TEST(QuantityParse, RefusesFinerThanThousandthsAndNonCanonicalForms) {
  for (const char* text : {"", ".", ".5", "5.", "0.0005", "2,5", "-1", "+1", " 1", "1 ", "1e3",
                           "1.2.3", "dez", "10 sacos"}) {
    EXPECT_FALSE(Quantity::Parse(text).has_value()) << "\"" << text << "\" was accepted";
  }
}

TEST(QuantityToString, DropsTrailingZerosAndRoundTrips) {
  EXPECT_EQ(Quantity::Milli(2500).ToString(), "2.5");
  EXPECT_EQ(Quantity::Milli(10000).ToString(), "10");
  EXPECT_EQ(Quantity::Milli(125).ToString(), "0.125");
  EXPECT_EQ(Quantity::Milli(10).ToString(), "0.01");
  EXPECT_EQ(Quantity::Milli(-2500).ToString(), "-2.5");
  for (const char* text : {"10", "2.5", "0.125", "0.01", "1234.567"}) {
    auto parsed = Quantity::Parse(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(parsed->ToString(), text);
  }
}

TEST(QuantityToPtBr, UsesACommaForDecimals) {
  EXPECT_EQ(Quantity::Milli(2500).ToPtBr(), "2,5");
  EXPECT_EQ(Quantity::Whole(10).ToPtBr(), "10");
  EXPECT_EQ(Quantity::Milli(1250).ToPtBr(), "1,25");
}

TEST(Quantity, KnowsWhetherItIsWhole) {
  EXPECT_TRUE(Quantity::Whole(3).is_whole());
  EXPECT_FALSE(Quantity::Milli(3001).is_whole());
  EXPECT_EQ((Quantity::Milli(500) + Quantity::Milli(1500)).milli(), 2000);
  EXPECT_EQ((Quantity::Milli(1500) * 3).milli(), 4500);
}

int64_t Line(int64_t unit_centavos, const char* quantity) {
  auto parsed = Quantity::Parse(quantity);
  EXPECT_TRUE(parsed.has_value()) << quantity;
  const std::optional<Money> total =
      MultiplyRoundHalfUp(Money::Centavos(unit_centavos), parsed.value_or(Quantity()));
  EXPECT_TRUE(total.has_value());
  return total ? total->centavos() : -1;
}

TEST(MultiplyRoundHalfUp, IsExactWhenTheProductFitsInCentavos) {
  EXPECT_EQ(Line(3890, "10"), 38900);
  EXPECT_EQ(Line(3890, "2.5"), 9725);
}

TEST(MultiplyRoundHalfUp, RoundsHalfACentavoUp) {
  EXPECT_EQ(Line(1, "0.5"), 1);    // R$ 0,005 → R$ 0,01
  EXPECT_EQ(Line(3, "0.5"), 2);    // R$ 0,015 → R$ 0,02
  EXPECT_EQ(Line(5, "2.5"), 13);   // R$ 0,125 → R$ 0,13
  EXPECT_EQ(Line(25, "0.5"), 13);  // R$ 0,125 → R$ 0,13 (not banker's 0,12)
}

TEST(MultiplyRoundHalfUp, RoundsBelowHalfDownAndAboveHalfUp) {
  EXPECT_EQ(Line(1, "0.499"), 0);        // R$ 0,00499
  EXPECT_EQ(Line(1, "0.501"), 1);        // R$ 0,00501
  EXPECT_EQ(Line(1235, "0.333"), 411);   // R$ 4,11255
  EXPECT_EQ(Line(1299, "1.333"), 1732);  // R$ 17,31567
}

TEST(MultiplyRoundHalfUp, RoundsNegativeHalvesAwayFromZero) {
  EXPECT_EQ(MultiplyRoundHalfUp(Money::Centavos(-1), Quantity::Milli(500)), Money::Centavos(-1));
  EXPECT_EQ(MultiplyRoundHalfUp(Money::Centavos(-3), Quantity::Milli(500)), Money::Centavos(-2));
}

TEST(MultiplyRoundHalfUp, DoesNotOverflowOnLargeOrders) {
  // R$ 90.000.000,00 × 10.000.000,5 units: centavos × thousandths exceeds 64 bits.
  EXPECT_EQ(MultiplyRoundHalfUp(Money::Centavos(9000000000), Quantity::Milli(10000000500)),
            Money::Centavos(90000004500000000));
}

TEST(MultiplyRoundHalfUp, RefusesATotalBeyondMoneyInsteadOfWrapping) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  EXPECT_FALSE(MultiplyRoundHalfUp(Money::Centavos(kMax), Quantity::Whole(2)));
  EXPECT_FALSE(MultiplyRoundHalfUp(Money::Centavos(15000), Quantity::Whole(999'999'999'999'999)));
  EXPECT_FALSE(MultiplyRoundHalfUp(Money::Centavos(kMax), Quantity::Milli(kMax)));
  EXPECT_EQ(MultiplyRoundHalfUp(Money::Centavos(kMax), Quantity::Whole(1)), Money::Centavos(kMax));
}

TEST(Quantity, ArithmeticSaturatesInsteadOfWrapping) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  EXPECT_EQ((Quantity::Milli(kMax) + Quantity::Milli(1)).milli(), kMax);
  EXPECT_EQ((Quantity::Whole(999'999'999'999'999) * 1000).milli(), kMax);
  EXPECT_EQ((Quantity::Whole(-999'999'999'999'999) * 1000).milli(),
            std::numeric_limits<int64_t>::min());
  EXPECT_GT(Quantity::Whole(kMax), kMaxQuantity);
}

}  // namespace
}  // namespace orcazap::core
