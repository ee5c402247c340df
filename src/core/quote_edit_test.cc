#include "core/quote_edit.h"

#include <gtest/gtest.h>

#include <limits>

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

class QuoteEditTest : public ::testing::Test {
 protected:
  QuoteEditTest() {
    catalog_.items = {Item("CIM", "38.90", "31.00", "50"), Item("AREIA", "160.00", "110.00"),
                      Item("TINTA", "100.00")};
    FreightRule centro;
    centro.bairro = "Centro";
    centro.base = R("30.00");
    centro.free_above = R("1500.00");
    catalog_.freight_rules = {centro};
    catalog_.rules.pix_discount_basis_points = 500;
    catalog_.rules.min_margin_basis_points = 1200;
    catalog_.rules.approval_total_above = R("5000.00");
    catalog_.rules.volume_discounts = {{std::string("CIM"), Q("50"), 300}};
  }
  Quote Price(std::vector<QuoteRequestLine> lines, std::vector<std::string> unknown = {}) {
    return PriceQuote({std::move(lines), std::move(unknown), PaymentMethod::kPix, centro_},
                      catalog_);
  }
  Quote Edit(const Quote& quote, const QuoteEdits& edits) {
    auto edited = EditQuote(quote, edits, centro_, catalog_);
    EXPECT_TRUE(edited) << edited.error().message();
    return edited ? *edited : Quote{};
  }
  std::string EditError(const Quote& quote, const QuoteEdits& edits) {
    auto edited = EditQuote(quote, edits, centro_, catalog_);
    EXPECT_FALSE(edited);
    return edited ? "" : edited.error().message();
  }

  Catalog catalog_;
  Location centro_{std::nullopt, "Centro"};
};

void ExpectSamePrices(const Quote& a, const Quote& b) {
  EXPECT_EQ(a.lines, b.lines);
  EXPECT_EQ(a.subtotal, b.subtotal);
  EXPECT_EQ(a.volume_discount, b.volume_discount);
  EXPECT_EQ(a.payment_discount, b.payment_discount);
  EXPECT_EQ(a.freight, b.freight);
  EXPECT_EQ(a.total, b.total);
  EXPECT_EQ(a.margin_basis_points, b.margin_basis_points);
  EXPECT_EQ(a.approval_reasons, b.approval_reasons);
}

TEST_F(QuoteEditTest, NoEditsGiveTheQuoteBackUnchanged) {
  const Quote quote = Price({{"CIM", Q("10")}}, {"3 latas de verniz"});
  const Quote edited = Edit(quote, {});
  ExpectSamePrices(edited, quote);
  EXPECT_EQ(edited.unknown, quote.unknown);
}

TEST_F(QuoteEditTest, DroppingTheUnknownItemsLeavesThePricesAndClearsThatReason) {
  const Quote quote = Price({{"CIM", Q("10")}}, {"3 latas de verniz"});
  ASSERT_EQ(quote.approval_reasons, std::vector{ApprovalReason::kUnknownItem});
  QuoteEdits edits;
  edits.drop_unknown = true;
  const Quote edited = Edit(quote, edits);
  EXPECT_TRUE(edited.unknown.empty());
  EXPECT_TRUE(edited.approval_reasons.empty());
  ExpectSamePrices(edited, Price({{"CIM", Q("10")}}));
}

TEST_F(QuoteEditTest, AnAddedLineIsPricedAsIfTheCustomerHadAskedForIt) {
  const Quote quote = Price({{"CIM", Q("60")}});
  QuoteEdits edits;
  edits.additions = {{"AREIA", Q("2")}};
  // Same subtotal, PIX discount, freight, total and margin as pricing the whole order at once.
  ExpectSamePrices(Edit(quote, edits), Price({{"CIM", Q("60")}, {"AREIA", Q("2")}}));
}

TEST_F(QuoteEditTest, ANewQuantityRepricesTheLineWithTheVolumeDiscountItNowEarns) {
  const Quote quote = Price({{"CIM", Q("10")}, {"AREIA", Q("2")}});
  QuoteEdits edits;
  edits.quantities = {{"CIM", Q("60")}};  // 50 or more: 3 % off
  ExpectSamePrices(Edit(quote, edits), Price({{"CIM", Q("60")}, {"AREIA", Q("2")}}));
}

TEST_F(QuoteEditTest, QuantityZeroRemovesTheLineAndAPriceStillAppliesAfterAChange) {
  const Quote quote = Price({{"CIM", Q("10")}, {"AREIA", Q("2")}});
  QuoteEdits edits;
  edits.quantities = {{"AREIA", Q("0")}, {"CIM", Q("20")}};
  edits.prices = {{"CIM", R("35.00")}};
  const Quote edited = Edit(quote, edits);
  ASSERT_EQ(edited.lines.size(), 1u);
  EXPECT_EQ(edited.lines[0].quantity, Q("20"));
  EXPECT_EQ(edited.lines[0].line_total, R("700.00"));
  EXPECT_NE(EditError(quote, {.quantities = {{"TINTA", Q("1")}}}).find("not a line"),
            std::string::npos);
  EXPECT_NE(EditError(quote, {.quantities = {{"CIM", Quantity::Whole(-1)}}}).find("negative"),
            std::string::npos);
}

TEST_F(QuoteEditTest, APriceOverrideRepricesTheLineAndEveryTotal) {
  const Quote quote = Price({{"CIM", Q("10")}, {"AREIA", Q("2")}});
  QuoteEdits edits;
  edits.prices = {{"CIM", R("35.00")}};
  const Quote edited = Edit(quote, edits);
  ASSERT_EQ(edited.lines.size(), 2u);
  EXPECT_EQ(edited.lines[0].unit_price, R("35.00"));
  EXPECT_EQ(edited.lines[0].list_price, R("35.00"));
  EXPECT_EQ(edited.lines[0].line_total, R("350.00"));
  EXPECT_EQ(edited.lines[1], quote.lines[1]);
  EXPECT_EQ(edited.subtotal, R("670.00"));         // 350 + 320
  EXPECT_EQ(edited.payment_discount, R("33.50"));  // 5 % of 670
  EXPECT_EQ(edited.freight, R("30.00"));
  EXPECT_EQ(edited.total, R("666.50"));  // 670 − 33,50 + 30
  // Revenue 636,50; cost 310 + 220 = 530 ⇒ (636,50 − 530) ÷ 636,50 = 16,73 %.
  EXPECT_EQ(edited.margin_basis_points, 1673);
}

TEST_F(QuoteEditTest, AnOverriddenPriceIsNotCountedAsAVolumeDiscount) {
  const Quote quote = Price({{"CIM", Q("50")}});
  ASSERT_EQ(quote.volume_discount, R("58.50"));  // 3 % of 50 × 38,90 = 1945,00
  QuoteEdits edits;
  edits.prices = {{"CIM", R("36.00")}};
  const Quote edited = Edit(quote, edits);
  EXPECT_EQ(edited.volume_discount, Money());
  EXPECT_EQ(edited.lines[0].volume_discount_basis_points, 0);
  EXPECT_EQ(edited.subtotal, R("1800.00"));
}

TEST_F(QuoteEditTest, AnOverrideBelowCostIsFlaggedByTheMarginRule) {
  const Quote quote = Price({{"CIM", Q("10")}});
  QuoteEdits edits;
  edits.prices = {{"CIM", R("33.00")}};
  const Quote edited = Edit(quote, edits);
  // Revenue 330 − 16,50 = 313,50; cost 310 ⇒ 1,12 %.
  EXPECT_EQ(edited.margin_basis_points, 112);
  EXPECT_EQ(edited.approval_reasons, std::vector{ApprovalReason::kMarginBelowMinimum});
}

TEST_F(QuoteEditTest, RepricedLinesReachingTheFreeFreightMinimumGetFreeFreight) {
  const Quote quote = Price({{"CIM", Q("30")}});  // 1167,00: freight R$ 30,00
  ASSERT_EQ(quote.freight, R("30.00"));
  QuoteEdits edits;
  edits.additions = {{"AREIA", Q("3")}};  // + 480,00 = 1647,00 ≥ 1500,00
  EXPECT_EQ(Edit(quote, edits).freight, Money());
}

TEST_F(QuoteEditTest, TheGivenFreightReplacesAnUnknownOneAndThatReason) {
  const Quote quote = PriceQuote(
      {{{"CIM", Q("10")}}, {}, PaymentMethod::kPix, Location{"13000000", std::nullopt}}, catalog_);
  ASSERT_FALSE(quote.freight);
  ASSERT_EQ(SendBlockers(quote), std::vector{SendBlocker::kFreightUnknown});
  QuoteEdits edits;
  edits.freight = R("45.00");
  auto edited = EditQuote(quote, edits, Location{"13000000", std::nullopt}, catalog_);
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->freight, R("45.00"));
  EXPECT_EQ(edited->total, R("414.55"));  // 389 − 19,45 + 45
  EXPECT_TRUE(edited->approval_reasons.empty());
  EXPECT_TRUE(SendBlockers(*edited).empty());
}

TEST_F(QuoteEditTest, AnAddedLineCanBeRepricedInTheSameEdit) {
  const Quote quote = Price({{"CIM", Q("10")}});
  QuoteEdits edits;
  edits.additions = {{"TINTA", Q("3")}};
  edits.prices = {{"TINTA", R("90.00")}};
  const Quote edited = Edit(quote, edits);
  ASSERT_EQ(edited.lines.size(), 2u);
  EXPECT_EQ(edited.lines[1].line_total, R("270.00"));
  EXPECT_EQ(edited.subtotal, R("659.00"));
}

TEST_F(QuoteEditTest, BadEditsAreRefusedNamingThem) {
  const Quote quote = Price({{"CIM", Q("10")}});
  QuoteEdits unknown_sku;
  unknown_sku.additions = {{"NOPE", Q("1")}};
  EXPECT_EQ(EditError(quote, unknown_sku), "adding NOPE: no active item with that SKU");
  QuoteEdits twice;
  twice.additions = {{"CIM", Q("1")}};
  EXPECT_EQ(EditError(quote, twice),
            "adding CIM: already a line of the quote (change its price instead)");
  QuoteEdits zero;
  zero.additions = {{"AREIA", Q("0")}};
  EXPECT_EQ(EditError(quote, zero), "adding AREIA: the quantity must be more than zero");
  QuoteEdits not_a_line;
  not_a_line.prices = {{"AREIA", R("1.00")}};
  EXPECT_EQ(EditError(quote, not_a_line), "price of AREIA: not a line of the quote");
}

TEST_F(QuoteEditTest, QuantitiesAboveTheMaximumAndUnpriceableAmountsAreRefused) {
  const Quote quote = Price({{"CIM", Q("10")}});
  QuoteEdits more;
  more.quantities = {{"CIM", Quantity::Whole(1'000'001)}};
  EXPECT_EQ(EditError(quote, more),
            "quantity of CIM: 1.000.001 is more than the maximum of 1.000.000");
  QuoteEdits added;
  added.additions = {{"AREIA", Quantity::Whole(2'000'000)}};
  EXPECT_EQ(EditError(quote, added),
            "adding AREIA: 2.000.000 is more than the maximum of 1.000.000");
  QuoteEdits dear;
  dear.prices = {{"CIM", Money::Centavos(std::numeric_limits<int64_t>::max() / 2)}};
  EXPECT_EQ(EditError(quote, dear), "price of CIM: the line total is too large to price");
  QuoteEdits freight;
  freight.freight = Money::Centavos(std::numeric_limits<int64_t>::max());
  EXPECT_EQ(EditError(quote, freight), "the edited quote is too large to price");
}

TEST_F(QuoteEditTest, AQuoteWithUnknownItemsOrNoLinesCannotBeSent) {
  EXPECT_TRUE(SendBlockers(Price({{"CIM", Q("1")}})).empty());
  EXPECT_EQ(SendBlockers(Price({{"CIM", Q("1")}}, {"verniz"})),
            std::vector{SendBlocker::kUnknownItems});
  EXPECT_EQ(SendBlockers(Price({}, {"verniz"})),
            (std::vector{SendBlocker::kNoLines, SendBlocker::kUnknownItems}));
}

}  // namespace
}  // namespace orcazap::core
