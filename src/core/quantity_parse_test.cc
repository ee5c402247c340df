#include "core/quantity_parse.h"

#include <gtest/gtest.h>

#include "core/text_fold.h"

namespace orcazap::core {
namespace {

// The first quantity in `text`, as "value unit".
std::string First(std::string_view text) {
  const std::vector<Token> tokens = Tokenize(Fold(text));
  const std::vector<bool> available(tokens.size(), true);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (const std::optional<QuantityPhrase> phrase = QuantityAt(tokens, i, available)) {
      return phrase->value.ToString() + (phrase->unit.empty() ? "" : " " + phrase->unit);
    }
  }
  return "none";
}

TEST(QuantityParse, NumeralsWithUnits) {
  EXPECT_EQ(First("10 sacos de cimento"), "10 saco");
  EXPECT_EQ(First("2,5 m³ de areia"), "2.5 m3");
  EXPECT_EQ(First("3 metros cubicos"), "3 m3");
  EXPECT_EQ(First("1.000 un"), "1000 un");
  EXPECT_EQ(First("5 pçs"), "5 un");
  EXPECT_EQ(First("cimento 12sc"), "12 saco");
}

TEST(QuantityParse, TimesSignsAroundTheCount) {
  EXPECT_EQ(First("cimento x10"), "10");
  EXPECT_EQ(First("10x cimento"), "10");
  EXPECT_EQ(First("10 x cimento"), "10");
}

TEST(QuantityParse, WordsHalvesDozensAndThousands) {
  EXPECT_EQ(First("vinte e cinco sacos"), "25 saco");
  EXPECT_EQ(First("meia duzia"), "6 un");
  EXPECT_EQ(First("1 e meio metro"), "1.5 m");
  EXPECT_EQ(First("2 metros e meio"), "2.5 m");
  EXPECT_EQ(First("2 mil tijolos"), "2000");
  EXPECT_EQ(First("1/2 metro"), "0.5 m");
}

TEST(QuantityParse, NumbersThatAreNotCounts) {
  EXPECT_EQ(First("R$ 50"), "none");
  EXPECT_EQ(First("as 10h"), "none");
  EXPECT_EQ(First("10:30"), "none");
  EXPECT_EQ(First("dia 15"), "none");
  EXPECT_EQ(First("em 3 dias"), "none");
  EXPECT_EQ(First("numero 45"), "none");
}

TEST(QuantityParse, LongPlainNumbersAreMarked) {
  // A CEP, a phone or an order number unless it quantifies an item (item_parse.h, rule 8).
  for (const char* text : {"11987654321", "100000"}) {
    const std::vector<Token> tokens = Tokenize(text);
    const std::optional<QuantityPhrase> phrase =
        QuantityAt(tokens, 0, std::vector<bool>(tokens.size(), true));
    ASSERT_TRUE(phrase) << text;
    EXPECT_TRUE(phrase->long_digits) << text;
  }
  for (const char* text : {"100.000", "99999"}) {
    const std::vector<Token> tokens = Tokenize(text);
    const std::optional<QuantityPhrase> phrase =
        QuantityAt(tokens, 0, std::vector<bool>(tokens.size(), true));
    ASSERT_TRUE(phrase) << text;
    EXPECT_FALSE(phrase->long_digits) << text;
  }
}

TEST(QuantityParse, BareArticleIsWeak) {
  const std::vector<Token> tokens = Tokenize("um orcamento");
  const std::optional<QuantityPhrase> phrase =
      QuantityAt(tokens, 0, std::vector<bool>(tokens.size(), true));
  ASSERT_TRUE(phrase);
  EXPECT_TRUE(phrase->weak);
}

TEST(QuantityParse, MilheiroConvertsToTheCatalogUnit) {
  QuantityPhrase phrase;
  phrase.value = Quantity::Whole(2);
  phrase.unit = "milheiro";
  EXPECT_EQ(InCatalogUnit(phrase, "un"), Quantity::Whole(2000));
  EXPECT_EQ(InCatalogUnit(phrase, "milheiro"), Quantity::Whole(2));
  phrase.value = Quantity::Whole(1500);
  phrase.unit = "";
  EXPECT_EQ(InCatalogUnit(phrase, "milheiro"), Quantity::Milli(1500));
  phrase.value = Quantity::Whole(3);
  EXPECT_EQ(InCatalogUnit(phrase, "milheiro"), Quantity::Whole(3));
}

TEST(QuantityParse, CountsAfterANameMustFitTheItemUnit) {
  QuantityPhrase phrase;
  phrase.value = Quantity::Whole(50);
  phrase.unit = "kg";
  EXPECT_FALSE(FitsUnit(phrase, "saco"));  // "cimento 50kg"
  EXPECT_TRUE(FitsUnit(phrase, "kg"));     // "prego 5kg"
  phrase.unit = "m";
  EXPECT_TRUE(FitsUnit(phrase, "m3"));  // "areia 2 metros"
  EXPECT_FALSE(FitsUnit(phrase, "saco"));
  phrase.unit = "lata";
  EXPECT_TRUE(FitsUnit(phrase, "un"));
  phrase.unit = "";
  EXPECT_TRUE(FitsUnit(phrase, "barra"));
}

// The quantity at the start of `text`.
std::optional<QuantityPhrase> PhraseAtStart(std::string_view text) {
  const std::vector<Token> tokens = Tokenize(Fold(text));
  return QuantityAt(tokens, 0, std::vector<bool>(tokens.size(), true));
}

TEST(QuantityParse, HugeCountsSaturateInsteadOfWrapping) {
  // "mil" and "dúzias" multiply a numeral that already holds 15 digits.
  for (const char* text : {"999.999.999.999.999 mil", "999.999.999.999.999 duzias"}) {
    const std::optional<QuantityPhrase> phrase = PhraseAtStart(text);
    ASSERT_TRUE(phrase) << text;
    EXPECT_GT(phrase->value, Quantity::Whole(1'000'000)) << text;
  }
  QuantityPhrase milheiros;
  milheiros.value = Quantity::Whole(999'999'999'999'999);
  milheiros.unit = "milheiro";
  EXPECT_GT(InCatalogUnit(milheiros, "un"), Quantity::Whole(1'000'000));
}

}  // namespace
}  // namespace orcazap::core
