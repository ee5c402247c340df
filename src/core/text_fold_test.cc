#include "core/text_fold.h"

#include <gtest/gtest.h>

namespace orcazap::core {
namespace {

TEST(TextFold, LowercasesAndDropsAccents) {
  EXPECT_EQ(Fold("CIMENTO Média Ação Çé ÃÕ Êê Ü"), "cimento media acao ce ao ee u");
}

TEST(TextFold, SuperscriptUnitsBecomeDigits) { EXPECT_EQ(Fold("3 m³ e 40m²"), "3 m3 e 40m2"); }

TEST(TextFold, EmojiBecomeOneSpaceEach) {
  EXPECT_EQ(Fold("oi👍🏽!"), "oi  !");
  EXPECT_EQ(Fold("🧱tijolo"), " tijolo");
}

TEST(TextFold, OffsetsLeadBackToTheOriginalBytes) {
  const std::string original = "Açaí 🙏 Vila Mariana";
  const FoldedText folded = FoldText(original);
  ASSERT_EQ(folded.source_offsets.size(), folded.text.size() + 1);
  const size_t begin = folded.text.find("vila");
  EXPECT_EQ(folded.Original(original, begin, folded.text.size()), "Vila Mariana");
  EXPECT_EQ(folded.Original(original, 0, 4), "Açaí");
}

TEST(TextFold, InvalidUtf8DoesNotBreakFolding) {
  const std::string broken = std::string("ab\xC3") + "cd";
  const FoldedText folded = FoldText(broken);
  EXPECT_EQ(folded.text, "ab cd");
  EXPECT_EQ(folded.source_offsets.back(), broken.size());
}

}  // namespace
}  // namespace orcazap::core
