#include "core/pricing.h"

#include <gtest/gtest.h>

namespace orcazap::core {
namespace {

Money R(const char* reais) { return *Money::ParseReais(reais); }
Quantity Q(const char* text) { return *Quantity::Parse(text); }

CatalogItem Item(std::string sku, const char* price, std::optional<const char*> cost = {},
                 std::optional<const char*> weight = {}) {
  CatalogItem item;
  item.sku = sku;
  item.name = "Item " + sku;
  item.unit = "un";
  item.price = R(price);
  if (cost) item.cost = R(*cost);
  if (weight) item.weight_kg = Q(*weight);
  return item;
}

FreightRule BairroRule(std::string bairro, const char* base) {
  FreightRule rule;
  rule.bairro = std::move(bairro);
  rule.base = R(base);
  return rule;
}

FreightRule CepRule(std::string start, std::string end, const char* base) {
  FreightRule rule;
  rule.cep_start = std::move(start);
  rule.cep_end = std::move(end);
  rule.base = R(base);
  return rule;
}

VolumeDiscount Discount(std::optional<std::string> sku, const char* min, int bp) {
  return {std::move(sku), Q(min), bp};
}

class PricingTest : public ::testing::Test {
 protected:
  PricingTest() {
    catalog_.items = {Item("CIM", "38.90", "31.00", "50"), Item("AREIA", "120.00", {}, "1500"),
                      Item("PREGO", "0.67")};
    catalog_.freight_rules = {BairroRule("Centro", "30.00")};
    request_.location = Location{std::nullopt, "Centro"};
  }
  Quote Price(std::vector<QuoteRequestLine> lines) {
    request_.lines = std::move(lines);
    return PriceQuote(request_, catalog_);
  }
  Catalog catalog_;
  QuoteRequest request_;
};

TEST_F(PricingTest, LineTotalIsCatalogPriceTimesQuantity) {
  const Quote quote = Price({{"CIM", Q("10")}});
  ASSERT_EQ(quote.lines.size(), 1u);
  EXPECT_EQ(quote.lines[0].name, "Item CIM");
  EXPECT_EQ(quote.lines[0].unit_price, R("38.90"));
  EXPECT_EQ(quote.lines[0].line_total, R("389.00"));
  EXPECT_EQ(quote.subtotal, R("389.00"));
  EXPECT_EQ(quote.total, R("419.00"));
}

TEST_F(PricingTest, DecimalQuantityIsExact) {
  EXPECT_EQ(Price({{"CIM", Q("2.5")}}).lines[0].line_total, R("97.25"));
}

TEST_F(PricingTest, LineTotalRoundsHalfUp) {
  EXPECT_EQ(Price({{"PREGO", Q("0.5")}}).lines[0].line_total, R("0.34"));    // 0.335
  EXPECT_EQ(Price({{"PREGO", Q("0.125")}}).lines[0].line_total, R("0.08"));  // 0.08375
  EXPECT_EQ(Price({{"PREGO", Q("0.007")}}).lines[0].line_total, R("0.00"));  // 0.00469
}

TEST_F(PricingTest, DiscountedUnitPriceRoundsHalfUpBeforeMultiplying) {
  catalog_.rules.volume_discounts = {Discount("PREGO", "1", 5000)};
  const Quote quote = Price({{"PREGO", Q("3")}});
  EXPECT_EQ(quote.lines[0].unit_price, R("0.34"));  // 0.335 half-up
  EXPECT_EQ(quote.lines[0].line_total, R("1.02"));  // 3 × 0.34, not 3 × 0.335 = 1.005
  EXPECT_EQ(quote.volume_discount, R("0.99"));      // 2.01 − 1.02
}

TEST(DiscountedPrice, RoundsHalfUpToTheCentavo) {
  EXPECT_EQ(DiscountedPrice(R("38.90"), 300), R("37.73"));  // 37.733
  EXPECT_EQ(DiscountedPrice(R("38.90"), 250), R("37.93"));  // 37.9275
  EXPECT_EQ(DiscountedPrice(R("0.67"), 5000), R("0.34"));   // 0.335
  EXPECT_EQ(DiscountedPrice(R("10.00"), 0), R("10.00"));
}

TEST_F(PricingTest, ItemSpecificVolumeDiscountBeatsGlobal) {
  catalog_.rules.volume_discounts = {Discount(std::nullopt, "10", 1000),
                                     Discount("CIM", "10", 300)};
  const Quote quote = Price({{"CIM", Q("10")}});
  EXPECT_EQ(quote.lines[0].volume_discount_basis_points, 300);
  EXPECT_EQ(quote.lines[0].unit_price, R("37.73"));
  EXPECT_EQ(quote.lines[0].line_total, R("377.30"));
  EXPECT_EQ(quote.volume_discount, R("11.70"));
}

TEST_F(PricingTest, LargestMinimumQuantityNotAboveTheLineWins) {
  catalog_.rules.volume_discounts = {Discount("CIM", "10", 300), Discount("CIM", "50", 500),
                                     Discount("CIM", "100", 800)};
  EXPECT_EQ(Price({{"CIM", Q("9.999")}}).lines[0].volume_discount_basis_points, 0);
  EXPECT_EQ(Price({{"CIM", Q("10")}}).lines[0].volume_discount_basis_points, 300);
  EXPECT_EQ(Price({{"CIM", Q("50")}}).lines[0].volume_discount_basis_points, 500);
  EXPECT_EQ(Price({{"CIM", Q("99")}}).lines[0].volume_discount_basis_points, 500);
  EXPECT_EQ(Price({{"CIM", Q("1000")}}).lines[0].volume_discount_basis_points, 800);
}

TEST_F(PricingTest, GlobalRuleAppliesWhenNoItemRuleReachesTheQuantity) {
  catalog_.rules.volume_discounts = {Discount("CIM", "100", 800), Discount(std::nullopt, "5", 200),
                                     Discount(std::nullopt, "20", 400)};
  EXPECT_EQ(Price({{"CIM", Q("50")}}).lines[0].volume_discount_basis_points, 400);
  EXPECT_EQ(Price({{"CIM", Q("6")}}).lines[0].volume_discount_basis_points, 200);
  EXPECT_EQ(Price({{"AREIA", Q("4")}}).lines[0].volume_discount_basis_points, 0);
}

TEST_F(PricingTest, PixDiscountIsAPercentageOfTheSubtotalRoundedHalfUp) {
  catalog_.rules.pix_discount_basis_points = 500;
  request_.payment = PaymentMethod::kPix;
  const Quote quote = Price({{"CIM", Q("1")}});
  EXPECT_EQ(quote.payment_discount_basis_points, 500);
  EXPECT_EQ(quote.payment_discount, R("1.95"));  // 1.945
  EXPECT_EQ(quote.total, R("66.95"));            // 38.90 − 1.95 + 30.00
}

TEST_F(PricingTest, PixDiscountNeverAppliesToFreight) {
  catalog_.rules.pix_discount_basis_points = 500;
  request_.payment = PaymentMethod::kPix;
  const Quote quote = Price({{"CIM", Q("10")}});
  EXPECT_EQ(quote.payment_discount, R("19.45"));  // 5 % of 389.00, not of 419.00
  EXPECT_EQ(quote.freight, R("30.00"));
  EXPECT_EQ(quote.total, R("399.55"));
}

TEST_F(PricingTest, OtherPaymentMethodsGetNoDiscount) {
  catalog_.rules.pix_discount_basis_points = 500;
  for (PaymentMethod method :
       {PaymentMethod::kCartao, PaymentMethod::kBoleto, PaymentMethod::kDinheiro}) {
    request_.payment = method;
    const Quote quote = Price({{"CIM", Q("10")}});
    EXPECT_EQ(quote.payment_discount, Money());
    EXPECT_EQ(quote.payment_discount_basis_points, 0);
  }
  request_.payment.reset();
  EXPECT_EQ(Price({{"CIM", Q("10")}}).payment_discount, Money());
}

TEST_F(PricingTest, FreightByBairroIgnoresAccentsAndCase) {
  catalog_.freight_rules = {BairroRule("Jardim América", "45.00")};
  request_.location = Location{std::nullopt, "  JARDIM   america "};
  EXPECT_EQ(Price({{"CIM", Q("1")}}).freight, R("45.00"));
}

TEST_F(PricingTest, BairroRuleWinsOverCepRange) {
  catalog_.freight_rules = {CepRule("01000000", "01999999", "50.00"), BairroRule("Sé", "20.00")};
  request_.location = Location{"01310100", "se"};
  EXPECT_EQ(Price({{"CIM", Q("1")}}).freight, R("20.00"));
  request_.location = Location{"01310100", "Pinheiros"};
  EXPECT_EQ(Price({{"CIM", Q("1")}}).freight, R("50.00"));
}

TEST_F(PricingTest, CepRangeIsInclusive) {
  catalog_.freight_rules = {CepRule("01000000", "01099999", "15.00"),
                            CepRule("01100000", "01999999", "25.00")};
  const std::pair<const char*, std::optional<Money>> cases[] = {
      {"01000000", R("15.00")}, {"01099999", R("15.00")},   {"01100000", R("25.00")},
      {"01999999", R("25.00")}, {"02000000", std::nullopt}, {"00999999", std::nullopt}};
  for (const auto& [cep, freight] : cases) {
    request_.location = Location{cep, std::nullopt};
    EXPECT_EQ(Price({{"CIM", Q("1")}}).freight, freight) << cep;
  }
}

TEST_F(PricingTest, FreightIsFreeFromTheMinimumOrderOn) {
  FreightRule rule = BairroRule("Centro", "30.00");
  rule.free_above = R("389.00");
  catalog_.freight_rules = {rule};
  EXPECT_EQ(Price({{"CIM", Q("10")}}).freight, Money());  // exactly 389.00
  catalog_.freight_rules[0].free_above = R("389.01");
  EXPECT_EQ(Price({{"CIM", Q("10")}}).freight, R("30.00"));  // one centavo short
}

TEST_F(PricingTest, FreeFreightComparesTheSubtotalBeforeThePixDiscount) {
  FreightRule rule = BairroRule("Centro", "30.00");
  rule.free_above = R("389.00");
  catalog_.freight_rules = {rule};
  catalog_.rules.pix_discount_basis_points = 500;
  request_.payment = PaymentMethod::kPix;
  const Quote quote = Price({{"CIM", Q("10")}});
  EXPECT_EQ(quote.freight, Money());
  EXPECT_EQ(quote.total, R("369.55"));
}

TEST_F(PricingTest, PerKgFreightUsesCatalogWeightTimesQuantity) {
  FreightRule rule = BairroRule("Centro", "20.00");
  rule.per_kg = R("0.15");
  catalog_.freight_rules = {rule};
  // 10 × 50 kg + 0.5 × 1500 kg + prego without weight = 1250 kg; 1250 × 0.15 = 187.50.
  EXPECT_EQ(Price({{"CIM", Q("10")}, {"AREIA", Q("0.5")}, {"PREGO", Q("100")}}).freight,
            R("207.50"));
}

TEST_F(PricingTest, PerKgFreightRoundsHalfUpOnce) {
  catalog_.items.push_back(Item("PARAF", "1.00", {}, "0.125"));
  FreightRule rule = BairroRule("Centro", "0");
  rule.per_kg = R("0.10");
  catalog_.freight_rules = {rule};
  EXPECT_EQ(Price({{"PARAF", Q("3")}}).freight, R("0.04"));    // 0.375 kg × 0.10 = 0.0375
  EXPECT_EQ(Price({{"PARAF", Q("1")}}).freight, R("0.01"));    // 0.0125
  EXPECT_EQ(Price({{"PARAF", Q("0.3")}}).freight, R("0.00"));  // 0.00375
}

TEST_F(PricingTest, MarginFromCost) {
  const Quote quote = Price({{"CIM", Q("10")}});
  EXPECT_EQ(quote.margin_basis_points, 2031);  // (389 − 310) ÷ 389 = 20.308 %
}

TEST_F(PricingTest, MarginIsOverGoodsAfterThePaymentDiscount) {
  catalog_.rules.pix_discount_basis_points = 500;
  request_.payment = PaymentMethod::kPix;
  EXPECT_EQ(Price({{"CIM", Q("10")}}).margin_basis_points, 1611);  // 59.55 ÷ 369.55 = 16.114 %
}

TEST_F(PricingTest, MarginIgnoresLinesWithoutCost) {
  catalog_.rules.pix_discount_basis_points = 500;
  request_.payment = PaymentMethod::kPix;
  const Quote quote = Price({{"CIM", Q("10")}, {"AREIA", Q("2")}});
  EXPECT_EQ(quote.payment_discount, R("31.45"));  // 5 % of 629.00
  EXPECT_EQ(quote.margin_basis_points, 1611);     // only the cimento line counts
}

TEST_F(PricingTest, MarginUnknownWhenNoLineHasACost) {
  catalog_.rules.min_margin_basis_points = 1200;
  const Quote quote = Price({{"AREIA", Q("2")}, {"PREGO", Q("10")}});
  EXPECT_EQ(quote.margin_basis_points, std::nullopt);
  EXPECT_FALSE(quote.needs_approval());
}

TEST_F(PricingTest, NegativeMargin) {
  catalog_.items[0].cost = R("50.00");
  EXPECT_EQ(Price({{"CIM", Q("1")}}).margin_basis_points, -2853);  // −11.10 ÷ 38.90
}

TEST_F(PricingTest, NoApprovalWhenEveryRulePasses) {
  catalog_.rules.min_margin_basis_points = 1200;
  catalog_.rules.approval_total_above = R("419.00");
  EXPECT_TRUE(Price({{"CIM", Q("10")}}).approval_reasons.empty());  // total exactly 419.00
}

TEST_F(PricingTest, UnknownItemAloneRequiresApproval) {
  request_.unknown = {"tijolo azul"};
  const Quote quote = Price({{"CIM", Q("10")}});
  EXPECT_EQ(quote.approval_reasons, std::vector{ApprovalReason::kUnknownItem});
  EXPECT_EQ(quote.unknown, std::vector<std::string>{"tijolo azul"});
}

TEST_F(PricingTest, SkuMissingFromTheCatalogIsAnUnknownItem) {
  catalog_.items[1].active = false;
  const Quote quote = Price({{"CIM", Q("10")}, {"NOPE", Q("1")}, {"AREIA", Q("1")}});
  EXPECT_EQ(quote.lines.size(), 1u);
  EXPECT_EQ(quote.unknown, (std::vector<std::string>{"NOPE", "AREIA"}));
  EXPECT_EQ(quote.approval_reasons, std::vector{ApprovalReason::kUnknownItem});
}

TEST_F(PricingTest, FreightUnknownAloneRequiresApproval) {
  request_.location = Location{"99999999", "Longe"};
  const Quote quote = Price({{"CIM", Q("10")}});
  EXPECT_EQ(quote.freight, std::nullopt);
  EXPECT_EQ(quote.total, R("389.00"));
  EXPECT_EQ(quote.approval_reasons, std::vector{ApprovalReason::kFreightUnknown});
  request_.location.reset();
  EXPECT_EQ(Price({{"CIM", Q("10")}}).approval_reasons,
            std::vector{ApprovalReason::kFreightUnknown});
}

TEST_F(PricingTest, MarginBelowMinimumAloneRequiresApproval) {
  catalog_.rules.min_margin_basis_points = 2032;
  EXPECT_EQ(Price({{"CIM", Q("10")}}).approval_reasons,
            std::vector{ApprovalReason::kMarginBelowMinimum});
  catalog_.rules.min_margin_basis_points = 2031;
  EXPECT_TRUE(Price({{"CIM", Q("10")}}).approval_reasons.empty());
}

TEST_F(PricingTest, TotalAboveThresholdAloneRequiresApproval) {
  catalog_.rules.approval_total_above = R("418.99");
  EXPECT_EQ(Price({{"CIM", Q("10")}}).approval_reasons,
            std::vector{ApprovalReason::kTotalAboveThreshold});
}

TEST_F(PricingTest, AllApprovalReasonsAreRecorded) {
  catalog_.rules.min_margin_basis_points = 5000;
  catalog_.rules.approval_total_above = R("100.00");
  request_.unknown = {"telha colonial"};
  request_.location = Location{"70000000", std::nullopt};
  const Quote quote = Price({{"CIM", Q("10")}});
  EXPECT_EQ(
      quote.approval_reasons,
      (std::vector{ApprovalReason::kUnknownItem, ApprovalReason::kFreightUnknown,
                   ApprovalReason::kMarginBelowMinimum, ApprovalReason::kTotalAboveThreshold}));
}

TEST_F(PricingTest, SameInputGivesTheSameQuote) {
  catalog_.rules.volume_discounts = {Discount(std::nullopt, "2", 250)};
  catalog_.rules.pix_discount_basis_points = 500;
  request_.payment = PaymentMethod::kPix;
  const std::vector<QuoteRequestLine> lines = {{"CIM", Q("7.5")}, {"PREGO", Q("33")}};
  const Quote first = Price(lines);
  const Quote second = Price(lines);
  EXPECT_EQ(first.lines, second.lines);
  EXPECT_EQ(first.total, second.total);
  EXPECT_EQ(first.margin_basis_points, second.margin_basis_points);
}

TEST_F(PricingTest, AQuantityAboveTheMaximumIsLeftToAPerson) {
  const Quote quote = Price({{"CIM", Quantity::Whole(1'000'001)}, {"PREGO", Q("2")}});
  ASSERT_EQ(quote.lines.size(), 1u);
  EXPECT_EQ(quote.lines[0].sku, "PREGO");
  EXPECT_EQ(quote.unknown, std::vector<std::string>{"1.000.001 un Item CIM"});
  EXPECT_EQ(quote.subtotal, R("1.34"));
  EXPECT_EQ(quote.approval_reasons, std::vector{ApprovalReason::kUnknownItem});
}

TEST_F(PricingTest, AmountsBeyondSixtyFourBitsAreLeftToAPersonNotWrapped) {
  CatalogItem dear = Item("CARO", "1.00");
  dear.price = Money::Centavos(int64_t{1} << 60);  // × 1.000 units does not fit in centavos
  CatalogItem heavy = Item("PESADO", "1.00", {}, "9000000000000");  // kg × milli-units neither
  catalog_.items.push_back(dear);
  catalog_.items.push_back(heavy);
  for (const char* sku : {"CARO", "PESADO"}) {
    const Quote quote = Price({{sku, Q("1000")}, {"PREGO", Q("2")}});
    ASSERT_EQ(quote.lines.size(), 1u) << sku;
    EXPECT_EQ(quote.unknown.size(), 1u) << sku;
    EXPECT_EQ(quote.total, R("31.34")) << sku;
    EXPECT_EQ(quote.approval_reasons, std::vector{ApprovalReason::kUnknownItem}) << sku;
  }
}

TEST(ApprovalReason, NamesAreStable) {
  EXPECT_STREQ(ApprovalReasonName(ApprovalReason::kUnknownItem), "unknown_item");
  EXPECT_STREQ(ApprovalReasonName(ApprovalReason::kFreightUnknown), "freight_unknown");
  EXPECT_STREQ(ApprovalReasonName(ApprovalReason::kMarginBelowMinimum), "margin_below_minimum");
  EXPECT_STREQ(ApprovalReasonName(ApprovalReason::kTotalAboveThreshold), "total_above_threshold");
  EXPECT_EQ(ParseApprovalReasonName("freight_unknown"), ApprovalReason::kFreightUnknown);
  EXPECT_EQ(ParseApprovalReasonName("nope"), std::nullopt);
}

}  // namespace
}  // namespace orcazap::core
