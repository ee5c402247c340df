#include "core/word_forms.h"

#include <gtest/gtest.h>

namespace orcazap::core {
namespace {

TEST(WordForms, SingularOfCommonPlurals) {
  EXPECT_EQ(Singular("sacos"), "saco");
  EXPECT_EQ(Singular("telhas"), "telha");
  EXPECT_EQ(Singular("vergalhoes"), "vergalhao");
  EXPECT_EQ(Singular("papeis"), "papel");
  EXPECT_EQ(Singular("perfis"), "perfil");
  EXPECT_EQ(Singular("colheres"), "colher");
  EXPECT_EQ(Singular("cimento"), "cimento");
  EXPECT_EQ(Singular("gas"), "gas");
}

TEST(WordForms, UnitSpellingsShareOneKey) {
  EXPECT_EQ(WordKey("sacos"), "saco");
  EXPECT_EQ(WordKey("sc"), "saco");
  EXPECT_EQ(WordKey("metros"), "m");
  EXPECT_EQ(WordKey("pecas"), "un");
  EXPECT_EQ(WordKey("unid"), "un");
  EXPECT_EQ(WordKey("litros"), "l");
  EXPECT_EQ(WordKey("milheiros"), "milheiro");
  EXPECT_EQ(QuantityUnit("saco"), "saco");
  EXPECT_FALSE(QuantityUnit("cimento"));
}

TEST(WordForms, TranspositionIsOneEdit) {
  EXPECT_EQ(BoundedEditDistance("areai", "areia", 2), 1);
  EXPECT_EQ(BoundedEditDistance("cimeto", "cimento", 2), 1);
  EXPECT_EQ(BoundedEditDistance("abc", "xyz", 1), 2);  // capped at max + 1
}

TEST(WordForms, TyposAllowedScaleWithLength) {
  EXPECT_EQ(FuzzyWordMatch("tijlo", "tijolo"), 1);
  EXPECT_EQ(FuzzyWordMatch("argamasa", "argamassa"), 1);
  EXPECT_EQ(FuzzyWordMatch("argamaca", "argamassa"), 2);
  EXPECT_FALSE(FuzzyWordMatch("tudo", "tubo"));   // short words must be exact
  EXPECT_FALSE(FuzzyWordMatch("meia", "media"));  // so must short customer words
}

TEST(WordForms, FrequentWordsNeverPassForProducts) {
  EXPECT_FALSE(FuzzyWordMatch("tinha", "tinta"));
  EXPECT_FALSE(FuzzyWordMatch("linha", "lixa"));
}

TEST(WordForms, FirstLetterAndDigitsMustMatch) {
  EXPECT_FALSE(FuzzyWordMatch("dentro", "centro"));
  EXPECT_FALSE(FuzzyWordMatch("ac2", "ac3"));
}

}  // namespace
}  // namespace orcazap::core
