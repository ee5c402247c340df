#include "adapters/files/rules_json.h"

#include <gtest/gtest.h>

namespace orcazap::adapters {
namespace {

std::string ErrorOf(std::string_view text) {
  auto rules = ParseRulesJson(text);
  return rules ? "accepted" : rules.error().message();
}

TEST(RulesJson, ReadsEveryField) {
  auto rules = ParseRulesJson(R"({"pix_discount_pct": 5, "min_margin_pct": 12.5,
      "approval_total_above": "5000.00",
      "volume_discounts": [{"sku": "CIM-CPII-50", "min_quantity": 50, "pct": 3},
                           {"sku": null, "min_quantity": 2.5, "pct": 2.25},
                           {"min_quantity": "100", "pct": "0.5"}]})");
  ASSERT_TRUE(rules.ok()) << rules.error().message();
  EXPECT_EQ(rules->pix_discount_basis_points, 500);
  EXPECT_EQ(rules->min_margin_basis_points, 1250);
  EXPECT_EQ(rules->approval_total_above, core::Money::Centavos(500000));
  ASSERT_EQ(rules->volume_discounts.size(), 3u);
  EXPECT_EQ(rules->volume_discounts[0].sku, "CIM-CPII-50");
  EXPECT_EQ(rules->volume_discounts[0].min_quantity, core::Quantity::Whole(50));
  EXPECT_EQ(rules->volume_discounts[0].pct_basis_points, 300);
  EXPECT_EQ(rules->volume_discounts[1].sku, std::nullopt);
  EXPECT_EQ(rules->volume_discounts[1].min_quantity, core::Quantity::Milli(2500));
  EXPECT_EQ(rules->volume_discounts[1].pct_basis_points, 225);
  EXPECT_EQ(rules->volume_discounts[2].pct_basis_points, 50);
}

TEST(RulesJson, DecimalsAreExact) {
  // 0.29 × 100 in binary floating point is 28.999999999999996.
  auto rules = ParseRulesJson(R"({"pix_discount_pct": 0.29, "approval_total_above": 1234.56})");
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(rules->pix_discount_basis_points, 29);
  EXPECT_EQ(rules->approval_total_above, core::Money::Centavos(123456));
  EXPECT_EQ(ParseRulesJson(R"({"pix_discount_pct": 5.0})")->pix_discount_basis_points, 500);
}

TEST(RulesJson, EverythingIsOptional) {
  auto rules = ParseRulesJson(R"({"min_margin_pct": null})");
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(rules->pix_discount_basis_points, 0);
  EXPECT_EQ(rules->min_margin_basis_points, std::nullopt);
  EXPECT_EQ(rules->approval_total_above, std::nullopt);
  EXPECT_TRUE(rules->volume_discounts.empty());
}

TEST(RulesJson, ErrorsNameTheField) {
  EXPECT_EQ(ErrorOf(R"({"pix_discount_pct": 120})"),
            "pix_discount_pct: 120 is not a percentage from 0 to 100 with at most two decimals");
  EXPECT_EQ(ErrorOf(R"({"min_margin_pct": -1})"),
            "min_margin_pct: -1 is not a percentage from 0 to 100 with at most two decimals");
  EXPECT_EQ(ErrorOf(R"({"min_margin_pct": 12.345})"),
            "min_margin_pct: 12.345 is not a percentage from 0 to 100 with at most two decimals");
  EXPECT_EQ(ErrorOf(R"({"approval_total_above": "5.000,00"})"),
            "approval_total_above: \"5.000,00\" is not an amount in reais like \"5000.00\"");
  EXPECT_EQ(ErrorOf(R"({"volume_discounts": [{"min_quantity": 1, "pct": 1}, {"pct": 3}]})"),
            "volume_discounts[1].min_quantity: missing");
  EXPECT_EQ(ErrorOf(R"({"volume_discounts": [{"min_quantity": "x", "pct": 3}]})"),
            "volume_discounts[0].min_quantity: \"x\" is not a quantity like 50 or 2.5 (at most "
            "three decimals)");
  EXPECT_EQ(ErrorOf(R"({"volume_discounts": [{"sku": 7, "min_quantity": 1, "pct": 3}]})"),
            "volume_discounts[0].sku: must be a SKU string or null (all items)");
  EXPECT_EQ(ErrorOf(R"({"volume_discounts": {}})"), "volume_discounts: must be a list");
  EXPECT_EQ(ErrorOf(R"({"volume_discounts": [{"min_quantity": 1, "pct": 3, "percent": 3}]})"),
            "volume_discounts[0].percent: unknown field (fields are sku, min_quantity, pct)");
  EXPECT_EQ(ErrorOf(R"({"pix_discount": 5})"),
            "pix_discount: unknown field (fields are pix_discount_pct, min_margin_pct, "
            "approval_total_above, volume_discounts)");
  EXPECT_EQ(ErrorOf("[]"), "the rules must be a JSON object");
}

TEST(RulesJson, SyntaxErrorSaysWhere) {
  const std::string error = ErrorOf("{\"pix_discount_pct\": 5,\n}");
  EXPECT_EQ(error.rfind("parse error at line 2, column 1", 0), 0u) << error;
}

TEST(RulesJson, WritesTheDocumentedFormat) {
  core::PricingRules rules;
  rules.pix_discount_basis_points = 500;
  rules.min_margin_basis_points = 1250;
  rules.approval_total_above = core::Money::Centavos(500000);
  rules.volume_discounts = {{std::string("CIM-CPII-50"), core::Quantity::Whole(50), 300},
                            {std::nullopt, core::Quantity::Milli(2500), 5}};
  EXPECT_EQ(WriteRulesJson(rules),
            "{\n"
            "  \"pix_discount_pct\": 5,\n"
            "  \"min_margin_pct\": 12.5,\n"
            "  \"approval_total_above\": \"5000.00\",\n"
            "  \"volume_discounts\": [\n"
            "    {\"sku\": \"CIM-CPII-50\", \"min_quantity\": 50, \"pct\": 3},\n"
            "    {\"sku\": null, \"min_quantity\": 2.5, \"pct\": 0.05}\n"
            "  ]\n"
            "}\n");
  EXPECT_EQ(WriteRulesJson(core::PricingRules{}),
            "{\n  \"pix_discount_pct\": 0,\n  \"min_margin_pct\": null,\n"
            "  \"approval_total_above\": null,\n  \"volume_discounts\": []\n}\n");
}

TEST(RulesJson, WrittenRulesReadBackEqual) {
  core::PricingRules rules;
  rules.pix_discount_basis_points = 225;
  rules.min_margin_basis_points = 1010;
  rules.volume_discounts = {{std::string("A \"quoted\" sku"), core::Quantity::Milli(125), 9999}};
  auto read = ParseRulesJson(WriteRulesJson(rules));
  ASSERT_TRUE(read.ok()) << read.error().message();
  EXPECT_EQ(read->pix_discount_basis_points, 225);
  EXPECT_EQ(read->min_margin_basis_points, 1010);
  EXPECT_EQ(read->approval_total_above, std::nullopt);
  ASSERT_EQ(read->volume_discounts.size(), 1u);
  EXPECT_EQ(read->volume_discounts[0].sku, "A \"quoted\" sku");
  EXPECT_EQ(read->volume_discounts[0].min_quantity, core::Quantity::Milli(125));
  EXPECT_EQ(read->volume_discounts[0].pct_basis_points, 9999);
}

}  // namespace
}  // namespace orcazap::adapters
