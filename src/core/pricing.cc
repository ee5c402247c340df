#include "core/pricing.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>

#include "core/freight.h"
#include "core/text_data.h"

namespace orcazap::core {

namespace {

constexpr int64_t kBasisPoints = 10'000;

constexpr std::array<const char*, 4> kReasonNames = {
    "unknown_item", "freight_unknown", "margin_below_minimum", "total_above_threshold"};

const CatalogItem* FindActiveItem(const Catalog& catalog, const std::string& sku) {
  for (const CatalogItem& item : catalog.items) {
    if (item.active && item.sku == sku) return &item;
  }
  return nullptr;
}

// The best rule among those `matches` accepts (invariant 2), or nullptr.
template <typename Matches>
const VolumeDiscount* BestRule(const std::vector<VolumeDiscount>& rules, Quantity quantity,
                               Matches matches) {
  const VolumeDiscount* best = nullptr;
  for (const VolumeDiscount& rule : rules) {
    if (!matches(rule) || rule.min_quantity > quantity) continue;
    if (best == nullptr || rule.min_quantity > best->min_quantity ||
        (rule.min_quantity == best->min_quantity &&
         rule.pct_basis_points > best->pct_basis_points)) {
      best = &rule;
    }
  }
  return best;
}

// A figure that fits whenever the rules' percentages are within 0–100 % (pricing.h); outside
// them it is clamped to Money's range rather than wrapped.
Money Saturated(WideInt centavos) {
  constexpr int64_t kLowest = std::numeric_limits<int64_t>::min();
  constexpr int64_t kHighest = std::numeric_limits<int64_t>::max();
  return Money::Centavos(
      static_cast<int64_t>(std::clamp<WideInt>(centavos, WideInt{kLowest}, WideInt{kHighest})));
}

bool FitsIn64Bits(WideInt value) { return Money::FromWide(value).has_value(); }

// nullopt when the line cannot be priced exactly: more than kMaxQuantity, or a line total beyond
// Money (invariant 10).
std::optional<QuoteLine> PriceLine(const CatalogItem& item, Quantity quantity,
                                   const PricingRules& rules) {
  if (quantity > kMaxQuantity) return std::nullopt;
  QuoteLine line;
  line.sku = item.sku;
  line.name = item.name;
  line.unit = item.unit;
  line.quantity = quantity;
  line.list_price = item.price;
  line.volume_discount_basis_points = VolumeDiscountFor(rules.volume_discounts, item.sku, quantity);
  line.unit_price = DiscountedPrice(item.price, line.volume_discount_basis_points);
  const std::optional<Money> total = MultiplyRoundHalfUp(line.unit_price, quantity);
  if (!total) return std::nullopt;
  line.line_total = *total;
  return line;
}

// What the customer asked for, for a line that could not be priced: "1.000.001 sacos Cimento".
std::string UnpricedText(const CatalogItem& item, Quantity quantity) {
  return fmt::format("{} {} {}", QuantityPtBr(quantity), UnitPtBr(item.unit, quantity), item.name);
}

// Sums over the priced lines, exact in 128 bits.
struct Sums {
  WideInt subtotal = 0;        // Σ line totals
  WideInt at_list_price = 0;   // Σ list price × quantity, each rounded half-up
  WideInt weight_mg = 0;       // Σ catalog weight × quantity
  WideInt costed_revenue = 0;  // Σ line totals of the lines whose cost is known
  WideInt cost_milli = 0;      // Σ cost × quantity of those lines, in centavos × 1/1000
  bool any_cost = false;

  // Adds a priced line when the sums that become Money or Weight still fit in 64 bits
  // (invariant 10); false, adding nothing, otherwise.
  bool Add(const QuoteLine& line, const CatalogItem& item) {
    const int64_t milli = line.quantity.milli();
    Sums next = *this;
    next.subtotal += line.line_total.centavos();
    next.at_list_price += WideMultiplyRoundHalfUp(line.list_price, line.quantity);
    if (item.weight_kg) next.weight_mg += static_cast<WideInt>(item.weight_kg->milli()) * milli;
    if (item.cost) {
      next.any_cost = true;
      next.costed_revenue += line.line_total.centavos();
      next.cost_milli += static_cast<WideInt>(item.cost->centavos()) * milli;
    }
    if (!FitsIn64Bits(next.subtotal) || !FitsIn64Bits(next.at_list_price) ||
        !FitsIn64Bits(next.at_list_price - next.subtotal) || !FitsIn64Bits(next.weight_mg)) {
      return false;
    }
    *this = next;
    return true;
  }
};

// Invariant 8, exactly: revenue R = S × (T − D) ÷ T, cost C = Cm ÷ 1000,
// margin = (R − C) ÷ R = (1000·S·(T − D) − Cm·T) ÷ (1000·S·(T − D)).
// Unknown when a product passes 128 bits (goods worth tens of trillions of reais).
std::optional<int> MarginBasisPoints(const Sums& sums, const Quote& quote) {
  if (!sums.any_cost) return std::nullopt;
  const WideInt subtotal = quote.subtotal.centavos();
  const WideInt after_discount = subtotal - quote.payment_discount.centavos();
  WideInt revenue_scaled = 0;
  WideInt cost_scaled = 0;
  WideInt numerator = 0;
  if (__builtin_mul_overflow(1000 * sums.costed_revenue, after_discount, &revenue_scaled) ||
      __builtin_mul_overflow(sums.cost_milli, subtotal, &cost_scaled) ||
      __builtin_sub_overflow(revenue_scaled, cost_scaled, &numerator) ||
      __builtin_mul_overflow(numerator, WideInt{kBasisPoints}, &numerator)) {
    return std::nullopt;
  }
  if (revenue_scaled <= 0 || subtotal <= 0) return std::nullopt;
  const WideInt margin = DivideRoundHalfUp(numerator, revenue_scaled);
  return static_cast<int>(std::clamp<WideInt>(margin, std::numeric_limits<int>::min(),
                                              std::numeric_limits<int>::max()));
}

void AddApprovalReasons(const Catalog& catalog, Quote& quote) {
  const PricingRules& rules = catalog.rules;
  if (!quote.unknown.empty()) quote.approval_reasons.push_back(ApprovalReason::kUnknownItem);
  if (!quote.freight) quote.approval_reasons.push_back(ApprovalReason::kFreightUnknown);
  if (rules.min_margin_basis_points && quote.margin_basis_points &&
      *quote.margin_basis_points < *rules.min_margin_basis_points) {
    quote.approval_reasons.push_back(ApprovalReason::kMarginBelowMinimum);
  }
  if (rules.approval_total_above && quote.total > *rules.approval_total_above) {
    quote.approval_reasons.push_back(ApprovalReason::kTotalAboveThreshold);
  }
}

}  // namespace

const char* ApprovalReasonName(ApprovalReason reason) {
  return kReasonNames[static_cast<size_t>(reason)];
}

std::optional<ApprovalReason> ParseApprovalReasonName(std::string_view name) {
  for (size_t i = 0; i < kReasonNames.size(); ++i) {
    if (name == kReasonNames[i]) return static_cast<ApprovalReason>(i);
  }
  return std::nullopt;
}

int VolumeDiscountFor(const std::vector<VolumeDiscount>& rules, const std::string& sku,
                      Quantity quantity) {
  const VolumeDiscount* best = BestRule(
      rules, quantity, [&](const VolumeDiscount& rule) { return rule.sku && *rule.sku == sku; });
  if (best == nullptr) {
    best = BestRule(rules, quantity, [](const VolumeDiscount& rule) { return !rule.sku; });
  }
  return best == nullptr ? 0 : best->pct_basis_points;
}

Money DiscountedPrice(Money price, int basis_points) {
  const WideInt product = static_cast<WideInt>(price.centavos()) * (kBasisPoints - basis_points);
  return Saturated(DivideRoundHalfUp(product, kBasisPoints));
}

Quote PriceQuote(const QuoteRequest& request, const Catalog& catalog) {
  Quote quote;
  quote.unknown = request.unknown;
  quote.payment = request.payment;
  Sums sums;
  for (const QuoteRequestLine& requested : request.lines) {
    const CatalogItem* item = FindActiveItem(catalog, requested.sku);
    if (item == nullptr) {
      quote.unknown.push_back(requested.sku);
      continue;
    }
    std::optional<QuoteLine> line = PriceLine(*item, requested.quantity, catalog.rules);
    if (!line || !sums.Add(*line, *item)) {
      quote.unknown.push_back(UnpricedText(*item, requested.quantity));
      continue;
    }
    quote.lines.push_back(std::move(*line));
  }
  // Sums::Add kept these within 64 bits.
  quote.subtotal = Money::Centavos(static_cast<int64_t>(sums.subtotal));
  quote.volume_discount = Money::Centavos(static_cast<int64_t>(sums.at_list_price - sums.subtotal));
  if (request.payment == PaymentMethod::kPix) {
    quote.payment_discount_basis_points = catalog.rules.pix_discount_basis_points;
    quote.payment_discount = Saturated(DivideRoundHalfUp(
        static_cast<WideInt>(quote.subtotal.centavos()) * quote.payment_discount_basis_points,
        kBasisPoints));
  }
  const WideInt goods =
      static_cast<WideInt>(quote.subtotal.centavos()) - quote.payment_discount.centavos();
  const Weight weight{static_cast<int64_t>(sums.weight_mg)};
  quote.freight = ComputeFreight(catalog.freight_rules, request.location, quote.subtotal, weight);
  std::optional<Money> total = Money::FromWide(goods + quote.freight.value_or(Money()).centavos());
  if (!total) {  // freight too large to add: a person sets it (invariant 7)
    quote.freight.reset();
    total = Saturated(goods);
  }
  quote.total = *total;
  quote.margin_basis_points = MarginBasisPoints(sums, quote);
  AddApprovalReasons(catalog, quote);
  return quote;
}

}  // namespace orcazap::core
