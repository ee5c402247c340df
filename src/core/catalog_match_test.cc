#include "core/catalog_match.h"

#include <gtest/gtest.h>

#include "core/text_fold.h"

namespace orcazap::core {
namespace {

CatalogItem Item(std::string sku, std::string name, std::vector<std::string> aliases = {}) {
  CatalogItem item;
  item.sku = std::move(sku);
  item.name = std::move(name);
  item.unit = "un";
  item.aliases = std::move(aliases);
  return item;
}

Catalog TestCatalog() {
  Catalog catalog;
  catalog.items = {Item("CIM", "Cimento"),
                   Item("CP2", "Cimento CP II 50kg", {"cp2"}),
                   Item("FIO25", "Fio 2,5mm"),
                   Item("FIO4", "Fio 4mm"),
                   Item("TIJ", "Tijolo baiano"),
                   Item("CXA", "Caixa d'água 1000L"),
                   Item("PISO", "Piso porcelanato 60x60"),
                   Item("OLD", "Telha velha")};
  catalog.items.back().active = false;
  return catalog;
}

// The SKUs found in `text`, in text order, and the tokens left for quantities.
std::vector<std::string> Skus(std::string_view text, std::vector<std::string>* left = nullptr) {
  static const Catalog catalog = TestCatalog();
  const CatalogMatcher matcher(catalog);
  const std::vector<Token> tokens = Tokenize(Fold(text));
  std::vector<bool> available(tokens.size(), true);
  std::vector<std::string> skus;
  for (const CatalogMatch& match : matcher.FindAll(tokens, 0, tokens.size(), &available)) {
    // A mention ruled out by a size or grade is marked with the item it was not.
    skus.push_back((match.spec_conflict ? "not " : "") + catalog.items[match.item_index].sku);
  }
  for (size_t i = 0; left && i < tokens.size(); ++i) {
    if (available[i]) left->push_back(tokens[i].text);
  }
  return skus;
}

using Skus_ = std::vector<std::string>;

TEST(CatalogMatch, MostSpecificNameWins) {
  EXPECT_EQ(Skus("cimento cp ii 50kg"), Skus_{"CP2"});
  EXPECT_EQ(Skus("cimento"), Skus_{"CIM"});
  EXPECT_EQ(Skus("10 sacos de cp2"), Skus_{"CP2"});
}

TEST(CatalogMatch, NumbersOfTheNameAreNotLeftAsQuantities) {
  std::vector<std::string> left;
  EXPECT_EQ(Skus("fio 2,5 100 metros", &left), Skus_{"FIO25"});
  EXPECT_EQ(left, (std::vector<std::string>{"100", "metros"}));
  left.clear();
  EXPECT_EQ(Skus("50 sacos de cimento", &left), Skus_{"CIM"});
  EXPECT_EQ(left.front(), "50");
}

TEST(CatalogMatch, AWholeNumberAfterANameIsACountUnlessTheNameSaysSo) {
  std::vector<std::string> left;
  EXPECT_EQ(Skus("fio 4 10 metros", &left), Skus_{"FIO4"});
  EXPECT_EQ(left.front(), "10");
  left.clear();
  Skus("cimento 10", &left);
  EXPECT_EQ(left, (std::vector<std::string>{"10"}));
}

TEST(CatalogMatch, AccentsCaseTyposAndPlurals) {
  EXPECT_EQ(Skus("TIJOLOS BAIANOS"), Skus_{"TIJ"});
  EXPECT_EQ(Skus("tijlo"), Skus_{"TIJ"});
  EXPECT_EQ(Skus("cimeto"), Skus_{"CIM"});
  EXPECT_EQ(Skus("caixa dagua 1000 litros"), Skus_{"CXA"});
}

TEST(CatalogMatch, ADistinctiveWordOrSizeAloneIsEnough) {
  EXPECT_EQ(Skus("10 m2 de porcelanato"), Skus_{"PISO"});
  EXPECT_EQ(Skus("10 m2 do 60x60"), Skus_{"PISO"});
}

TEST(CatalogMatch, AUnitWordAfterACountIsNotAProduct) {
  EXPECT_EQ(Skus("2 caixas de piso"), Skus_{"PISO"});
}

TEST(CatalogMatch, ChatterAndInactiveItemsMatchNothing) {
  EXPECT_TRUE(Skus("bom dia, tudo bem? eu tinha pedido antes").empty());
  EXPECT_TRUE(Skus("telha velha").empty());
}

TEST(CatalogMatch, ASizeOrGradeTheItemLacksRulesTheMentionOutWithItsTokens) {
  std::vector<std::string> left;
  EXPECT_EQ(Skus("fio 6mm", &left), Skus_{"not FIO25"});
  EXPECT_TRUE(left.empty()) << "the size belongs to the mention, not to a count";
  EXPECT_EQ(Skus("piso 45x45"), Skus_{"not PISO"});
  EXPECT_EQ(Skus("10 sacos de cp3"), Skus_{"not CP2"});
  EXPECT_EQ(Skus("cimento 25kg"), Skus_{"not CP2"});
  left.clear();
  EXPECT_EQ(Skus("3 caixa dagua 500l", &left), Skus_{"not CXA"});
  EXPECT_EQ(left, (std::vector<std::string>{"3"}));
}

TEST(CatalogMatch, TheSizesTheItemHasAndCountsAfterItsNameStillMatch) {
  EXPECT_EQ(Skus("fio 4mm"), Skus_{"FIO4"});
  EXPECT_EQ(Skus("piso 60x60"), Skus_{"PISO"});
  EXPECT_EQ(Skus("cimento cp ii 50kg"), Skus_{"CP2"});
  std::vector<std::string> left;
  EXPECT_EQ(Skus("fio 2,5 10 rolos", &left), Skus_{"FIO25"});
  EXPECT_EQ(left, (std::vector<std::string>{"10", "rolos"}));
  left.clear();
  EXPECT_EQ(Skus("cimento 10", &left), Skus_{"CIM"});
  EXPECT_EQ(left, (std::vector<std::string>{"10"}));
}

TEST(CatalogMatch, UnitsAndSizesAloneNameNothing) {
  Catalog catalog;
  catalog.items = {Item("TEL", "Telha fibrocimento 1,10m 6mm")};
  const CatalogMatcher matcher(catalog);
  const auto found = [&](std::string_view text) {
    const std::vector<Token> tokens = Tokenize(Fold(text));
    std::vector<bool> available(tokens.size(), true);
    return matcher.FindAll(tokens, 0, tokens.size(), &available).size();
  };
  EXPECT_EQ(found("100 metros de 6mm"), 0u);
  EXPECT_EQ(found("telha 6mm"), 1u);
}

TEST(CatalogMatch, AUnitAfterTheCustomersCountIsTheCountsNotTheNames) {
  Catalog catalog;
  catalog.items = {Item("FIO", "Fio 2,5mm rolo 100m")};
  const CatalogMatcher matcher(catalog);
  const std::vector<Token> tokens = Tokenize(Fold("fio 10 rolos"));
  std::vector<bool> available(tokens.size(), true);
  const std::vector<CatalogMatch> found = matcher.FindAll(tokens, 0, tokens.size(), &available);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].token_indices, std::vector<size_t>{0});
  EXPECT_TRUE(available[1] && available[2]) << "\"10 rolos\" is left to be the count";
}

TEST(CatalogMatch, AnAmountInTheUnitOfTheItemsSizeIsWholeItemsOnlyWhenTheyHoldIt) {
  Catalog catalog;
  catalog.items = {Item("CIM", "Cimento 50kg"), Item("REJ", "Rejunte 1kg"),
                   Item("CXA", "Caixa d'água 1000L"), Item("TUB", "Tubo 25mm 6m"),
                   Item("TIN", "Tinta 18L 3,6L")};
  catalog.items[0].unit = "saco";
  catalog.items[1].weight_kg = Quantity::Whole(1);  // sold by the unit, weighs its kg
  catalog.items[3].unit = "barra";
  catalog.items[4].unit = "lata";
  const CatalogMatcher matcher(catalog);
  using Fit = CatalogMatcher::AmountFit;
  const auto in_items = [&](size_t item, int64_t amount, std::string_view unit) {
    const CatalogMatcher::AmountInItems read = matcher.InItems(item, Quantity::Whole(amount), unit);
    return std::pair{read.fit, read.items};
  };
  EXPECT_EQ(in_items(0, 100, "kg"), std::pair(Fit::kItems, Quantity::Whole(2)));
  EXPECT_EQ(in_items(0, 50, "kg"), std::pair(Fit::kItems, Quantity::Whole(1)));
  EXPECT_EQ(in_items(0, 25, "kg").first, Fit::kOtherSize);
  EXPECT_EQ(in_items(0, 75, "kg").first, Fit::kOtherSize);
  EXPECT_EQ(in_items(0, 2, "l").first, Fit::kNoSize);
  EXPECT_EQ(in_items(1, 10, "kg"), std::pair(Fit::kItems, Quantity::Whole(10)));
  EXPECT_EQ(in_items(2, 2000, "l").first, Fit::kOtherSize) << "a tank's litres are its size";
  EXPECT_EQ(in_items(2, 1000, "l"), std::pair(Fit::kItems, Quantity::Whole(1)));
  EXPECT_EQ(in_items(3, 12, "m"), std::pair(Fit::kItems, Quantity::Whole(2)));
  EXPECT_EQ(in_items(3, 25, "mm").first, Fit::kNoSize) << "only amounts' units";
  EXPECT_EQ(in_items(4, 36, "l").first, Fit::kNoSize) << "two sizes in litres: no one content";
}

TEST(CatalogMatch, ANumberThatIsAnotherItemsSizeAfterTheSameWordIsNotACount) {
  Catalog catalog;
  catalog.items = {Item("T50", "Tubo esgoto 50mm", {"tubo esgoto 50"}),
                   Item("T100", "Tubo esgoto 100mm", {"cano de esgoto"}), Item("CIM", "Cimento")};
  const CatalogMatcher matcher(catalog);
  const auto skus = [&](std::string_view text) {
    const std::vector<Token> tokens = Tokenize(Fold(text));
    std::vector<bool> available(tokens.size(), true);
    std::vector<std::string> out;
    for (const CatalogMatch& match : matcher.FindAll(tokens, 0, tokens.size(), &available)) {
      out.push_back((match.spec_conflict ? "not " : "") + catalog.items[match.item_index].sku);
    }
    return out;
  };
  EXPECT_EQ(skus("cano de esgoto 50"), Skus_{"T50"});
  EXPECT_EQ(skus("cano de esgoto 10"), Skus_{"T100"}) << "no item's size: a count";
  EXPECT_EQ(skus("cimento 50"), Skus_{"CIM"});
}

TEST(CatalogMatch, SeveralItemsInTextOrder) {
  EXPECT_EQ(Skus("tijolo, cimento e fio 4mm"), (Skus_{"TIJ", "CIM", "FIO4"}));
}

}  // namespace
}  // namespace orcazap::core
