#include "core/catalog_import.h"

#include <gtest/gtest.h>

namespace orcazap::core {
namespace {

CatalogItem Item(std::string sku, int64_t price, bool active = true) {
  CatalogItem item;
  item.sku = std::move(sku);
  item.name = "Item " + item.sku;
  item.unit = "un";
  item.price = Money::Centavos(price);
  item.active = active;
  return item;
}

std::vector<std::string> Skus(const std::vector<CatalogItem>& items) {
  std::vector<std::string> skus;
  for (const auto& item : items) skus.push_back(item.sku);
  return skus;
}

TEST(CatalogImport, NewSkusAreCreatedChangedOnesUpdatedEqualOnesLeftAlone) {
  std::vector<CatalogItem> current = {Item("A", 100), Item("B", 200), Item("C", 300)};
  current[1].id = "id-b";
  const auto plan =
      PlanCatalogImport(current, {Item("B", 250), Item("C", 300), Item("D", 400)}, false);
  EXPECT_EQ(Skus(plan.created), std::vector<std::string>{"D"});
  ASSERT_EQ(Skus(plan.updated), std::vector<std::string>{"B"});
  EXPECT_EQ(plan.updated[0].id, "id-b");
  EXPECT_EQ(plan.updated[0].price, Money::Centavos(250));
  EXPECT_EQ(plan.unchanged, 1);
  EXPECT_TRUE(plan.deactivated.empty()) << "A is absent but deactivation was not asked";
}

TEST(CatalogImport, AnyFieldChangeIsAnUpdate) {
  const CatalogItem base = Item("A", 100);
  std::vector<CatalogItem> changed(6, base);
  changed[0].name = "Outro";
  changed[1].unit = "saco";
  changed[2].cost = Money::Centavos(50);
  changed[3].weight_kg = Quantity::Whole(50);
  changed[4].aliases = {"a"};
  changed[5].price = Money::Centavos(101);
  for (const auto& item : changed) {
    EXPECT_EQ(PlanCatalogImport({base}, {item}, false).updated.size(), 1u) << item.name;
  }
}

TEST(CatalogImport, AnInactiveItemInTheFileIsReactivated) {
  const auto plan = PlanCatalogImport({Item("A", 100, false)}, {Item("A", 100)}, false);
  ASSERT_EQ(plan.updated.size(), 1u);
  EXPECT_TRUE(plan.updated[0].active);
  EXPECT_EQ(plan.unchanged, 0);
}

TEST(CatalogImport, DeactivateMissingTouchesOnlyActiveItemsAbsentFromTheFile) {
  const auto plan =
      PlanCatalogImport({Item("C", 1), Item("A", 1), Item("B", 1, false)}, {Item("C", 1)}, true);
  ASSERT_EQ(Skus(plan.deactivated), std::vector<std::string>{"A"});
  EXPECT_FALSE(plan.deactivated[0].active);
  EXPECT_EQ(plan.unchanged, 1);
}

TEST(CatalogImport, UnknownDiscountSkusAreNamedWithTheirPlaceInTheFile) {
  PricingRules rules;
  rules.volume_discounts = {{std::string("A"), Quantity::Whole(10), 300},
                            {std::nullopt, Quantity::Whole(100), 200},
                            {std::string("ZZZ"), Quantity::Whole(5), 100}};
  EXPECT_EQ(UnknownDiscountSkus(rules, {Item("A", 1, false)}),
            std::vector<std::string>{"volume_discounts[2].sku: \"ZZZ\" is not in the catalog"});
}

}  // namespace
}  // namespace orcazap::core
