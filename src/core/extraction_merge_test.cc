#include <gtest/gtest.h>

#include "core/extraction.h"

namespace orcazap::core {
namespace {

Catalog MergeCatalog() {
  Catalog catalog;
  catalog.items = {CatalogItem{}, CatalogItem{}, CatalogItem{}, CatalogItem{}};
  catalog.items[0].sku = "CIM";
  catalog.items[0].name = "Cimento CP II 50kg";
  catalog.items[0].unit = "saco";
  catalog.items[0].aliases = {"cimento cp2"};
  catalog.items[1].sku = "ARE";
  catalog.items[1].name = "Areia média";
  catalog.items[1].unit = "m³";
  catalog.items[1].aliases = {"areia"};
  catalog.items[2].sku = "CAL";
  catalog.items[2].name = "Cal hidratada 20kg";
  catalog.items[2].unit = "saco";
  catalog.items[3].sku = "TIJ";
  catalog.items[3].name = "Tijolo baiano";
  catalog.items[3].unit = "un";
  FreightRule centro;
  centro.bairro = "Centro";
  catalog.freight_rules = {centro};
  return catalog;
}

// The messages merged in order, as a conversation captures them.
Extraction Conversation(std::initializer_list<std::string_view> messages) {
  static const Catalog catalog = MergeCatalog();
  Extraction captured;
  for (std::string_view message : messages) {
    captured = MergeExtraction(captured, Extract(message, {catalog, CivilDate{2026, 11, 27}}));
  }
  return captured;
}

// "CIM 8" per item, in order.
std::vector<std::string> Lines(const Extraction& extraction) {
  std::vector<std::string> lines;
  for (const ExtractedItem& item : extraction.items) {
    lines.push_back(item.sku + " " + item.quantity.ToString());
  }
  return lines;
}

using Strings = std::vector<std::string>;

TEST(MergeExtraction, LaterFieldsReplaceAndNewItemsAppend) {
  const Extraction merged = Conversation({"10 cimento no centro, pix", "2 areia, cartão, amanhã"});
  EXPECT_EQ(Lines(merged), (Strings{"CIM 10", "ARE 2"}));
  EXPECT_EQ(merged.payment, PaymentMethod::kCartao);
  ASSERT_TRUE(merged.location);
  EXPECT_EQ(merged.location->bairro, "Centro");
  ASSERT_TRUE(merged.delivery);
  EXPECT_EQ(merged.delivery->date, (CivilDate{2026, 11, 28}));
}

TEST(MergeExtraction, AQuestionAboutAnItemIsNotAnAmountThatAddsUp) {
  EXPECT_EQ(Lines(Conversation({"vcs tem cimento cp2?", "manda 8 sacos de cimento"})),
            (Strings{"CIM 8"}));
  EXPECT_EQ(Lines(Conversation({"10 sacos de cimento", "tem cimento cp2?"})), (Strings{"CIM 10"}));
}

TEST(MergeExtraction, TheSameItemCountedTwiceAddsUpOnOneLine) {
  EXPECT_EQ(Lines(Conversation({"10 sacos de cimento", "mais 5 sacos de cimento"})),
            (Strings{"CIM 15"}));
}

TEST(MergeExtraction, ABareQuantityGoesToTheItemAskedAbout) {
  const Extraction merged =
      Conversation({"ola, vcs tem cimento cp2?", "quero 8 sacos entao, no centro, pix, hoje"});
  EXPECT_EQ(Lines(merged), (Strings{"CIM 8"}));
  EXPECT_TRUE(merged.unknown.empty());
  EXPECT_TRUE(merged.bare.empty());
  EXPECT_EQ(merged.payment, PaymentMethod::kPix);
}

TEST(MergeExtraction, ABareQuantityNoItemCanTakeStaysUnknown) {
  // Nothing asked before; two items without a quantity; an item that already has one.
  EXPECT_EQ(Conversation({"quero 8 sacos"}).unknown, Strings{"8 sacos"});
  const Extraction two = Conversation({"tem cimento e cal?", "manda 8 sacos"});
  EXPECT_EQ(Lines(two), (Strings{"CIM 1", "CAL 1"}));
  EXPECT_EQ(two.unknown, Strings{"8 sacos"});
  const Extraction counted = Conversation({"10 sacos de cimento", "8 sacos"});
  EXPECT_EQ(Lines(counted), (Strings{"CIM 10"}));
  EXPECT_EQ(counted.unknown, Strings{"8 sacos"});
}

TEST(MergeExtraction, ABareQuantityFitsTheItemsUnit) {
  const Extraction merged = Conversation({"tem cimento e areia?", "preciso de 3 metros"});
  EXPECT_EQ(Lines(merged), (Strings{"CIM 1", "ARE 3"}));
  EXPECT_TRUE(merged.unknown.empty());
}

TEST(MergeExtraction, APackageDoesNotCountAnItemSoldByTheUnit) {
  EXPECT_EQ(Lines(Conversation({"tem tijolo?", "quero 2 milheiros"})), (Strings{"TIJ 2000"}));
  const Extraction bags = Conversation({"tem tijolo?", "quero 10 sacos"});
  EXPECT_EQ(Lines(bags), (Strings{"TIJ 1"}));
  EXPECT_EQ(bags.unknown, Strings{"10 sacos"});
}

TEST(MergeExtraction, MoreAddsToTheOneItemItFits) {
  const Extraction merged = Conversation({"10 sacos de cimento e 2 m de areia", "mais 10 sacos"});
  EXPECT_EQ(Lines(merged), (Strings{"CIM 20", "ARE 2"}));
  EXPECT_TRUE(merged.unknown.empty());
  EXPECT_EQ(Lines(Conversation({"10 sacos de cimento", "manda mais 5"})), (Strings{"CIM 15"}));
}

TEST(MergeExtraction, ACorrectionReplacesTheQuantity) {
  const Extraction bare = Conversation({"10 sacos de cimento", "na verdade sao 12 sacos"});
  EXPECT_EQ(Lines(bare), (Strings{"CIM 12"}));
  EXPECT_TRUE(bare.unknown.empty());
  EXPECT_EQ(Lines(Conversation({"10 sacos de cimento", "ops, são 12"})), (Strings{"CIM 12"}));
  EXPECT_EQ(Lines(Conversation({"10 sacos de cimento", "corrigindo: 15 sacos de cimento"})),
            (Strings{"CIM 15"}));
}

TEST(MergeExtraction, AnAmbiguousCorrectionIsLeftToAPerson) {
  const Extraction merged = Conversation({"10 sacos de cimento e 5 de cal", "ops, são 12"});
  EXPECT_EQ(Lines(merged), (Strings{"CIM 10", "CAL 5"}));
  const Extraction with_unit =
      Conversation({"10 sacos de cimento e 5 de cal", "na verdade 12 sacos"});
  EXPECT_EQ(Lines(with_unit), (Strings{"CIM 10", "CAL 5"}));
  EXPECT_EQ(with_unit.unknown, Strings{"12 sacos"});
}

}  // namespace
}  // namespace orcazap::core
