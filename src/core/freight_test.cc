#include "core/freight.h"

#include <gtest/gtest.h>

#include <limits>

namespace orcazap::core {
namespace {

TEST(Freight, SameBairroIgnoresAccentsCaseAndSpaces) {
  EXPECT_TRUE(SameBairro("Sé", "se"));
  EXPECT_TRUE(SameBairro("São João Clímaco", "  SAO  joao climaco "));
  EXPECT_TRUE(SameBairro("Jardim América", "JARDIM AMÉRICA"));
  EXPECT_FALSE(SameBairro("Centro", "Centro Novo"));
}

TEST(Freight, FirstCepRangeHoldingTheCepWins) {
  std::vector<FreightRule> rules(2);
  rules[0].cep_start = "01000000";
  rules[0].cep_end = "01999999";
  rules[0].base = Money::Centavos(4000);
  rules[1].cep_start = "01300000";
  rules[1].cep_end = "01399999";
  rules[1].base = Money::Centavos(2000);
  EXPECT_EQ(FindFreightRule(rules, {"01310100", std::nullopt}), &rules[0]);
  EXPECT_EQ(FindFreightRule(rules, {"0131010", std::nullopt}), nullptr);
  EXPECT_EQ(FindFreightRule(rules, {std::nullopt, std::nullopt}), nullptr);
}

TEST(Freight, FreeAboveIsComparedWithTheGoodsSubtotal) {
  FreightRule rule;
  rule.base = Money::Centavos(3000);
  rule.per_kg = Money::Centavos(15);
  rule.free_above = Money::Centavos(50000);
  const Weight weight{100'000'000};  // 100 kg
  EXPECT_EQ(FreightUnderRule(rule, Money::Centavos(49999), weight), Money::Centavos(4500));
  EXPECT_EQ(FreightUnderRule(rule, Money::Centavos(50000), weight), Money());
}

TEST(Freight, FreightBeyondMoneyIsUnknownNotWrapped) {
  FreightRule rule;
  rule.cep_start = "01000000";
  rule.cep_end = "01999999";
  rule.base = Money::Centavos(3000);
  rule.per_kg = Money::Centavos(std::numeric_limits<int64_t>::max());
  EXPECT_EQ(ComputeFreight({rule}, Location{"01310100", std::nullopt}, Money(), Weight{}),
            Money::Centavos(3000));
  EXPECT_FALSE(FreightUnderRule(rule, Money(), Weight{1'000'000'000}));  // 1.000 kg
  EXPECT_FALSE(
      ComputeFreight({rule}, Location{"01310100", std::nullopt}, Money(), Weight{1'000'000'000}));
}

}  // namespace
}  // namespace orcazap::core
