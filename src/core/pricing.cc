#include "core/pricing.h"

#include <array>

#include "core/freight.h"

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

// n / d rounded half-up for a positive denominator that may not fit in 64 bits.
WideInt DivideWideRoundHalfUp(WideInt n, WideInt d) {
  const bool negative = n < 0;
  const WideInt magnitude = negative ? -n : n;
  const WideInt quotient = (magnitude * 2 + d) / (d * 2);
  return negative ? -quotient : quotient;
}

QuoteLine PriceLine(const CatalogItem& item, Quantity quantity, const PricingRules& rules) {
  QuoteLine line;
  line.sku = item.sku;
  line.name = item.name;
  line.unit = item.unit;
  line.quantity = quantity;
  line.list_price = item.price;
  line.volume_discount_basis_points = VolumeDiscountFor(rules.volume_discounts, item.sku, quantity);
  line.unit_price = DiscountedPrice(item.price, line.volume_discount_basis_points);
  line.line_total = MultiplyRoundHalfUp(line.unit_price, quantity);
  return line;
}

Weight LineWeight(const CatalogItem& item, Quantity quantity) {
  if (!item.weight_kg) return {};
  return {item.weight_kg->milli() * quantity.milli()};
}

// Sums of the lines whose cost is known.
struct CostedLines {
  int64_t revenue_centavos = 0;     // Σ line totals
  WideInt cost_centavos_milli = 0;  // Σ cost × quantity, in centavos × 1/1000
  bool any = false;
};

// Invariant 8, exactly: revenue R = S × (T − D) ÷ T, cost C = Cm ÷ 1000,
// margin = (R − C) ÷ R = (1000·S·(T − D) − Cm·T) ÷ (1000·S·(T − D)).
std::optional<int> MarginBasisPoints(const CostedLines& costed, const Quote& quote) {
  if (!costed.any) return std::nullopt;
  const WideInt subtotal = quote.subtotal.centavos();
  const WideInt after_discount = subtotal - quote.payment_discount.centavos();
  const WideInt revenue_scaled =
      1000 * static_cast<WideInt>(costed.revenue_centavos) * after_discount;
  if (revenue_scaled <= 0 || subtotal <= 0) return std::nullopt;
  const WideInt numerator = revenue_scaled - costed.cost_centavos_milli * subtotal;
  return static_cast<int>(DivideWideRoundHalfUp(numerator * kBasisPoints, revenue_scaled));
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
  return Money::Centavos(DivideRoundHalfUp(product, kBasisPoints));
}

Quote PriceQuote(const QuoteRequest& request, const Catalog& catalog) {
  Quote quote;
  quote.unknown = request.unknown;
  quote.payment = request.payment;
  Weight weight;
  CostedLines costed;
  for (const QuoteRequestLine& requested : request.lines) {
    const CatalogItem* item = FindActiveItem(catalog, requested.sku);
    if (item == nullptr) {
      quote.unknown.push_back(requested.sku);
      continue;
    }
    QuoteLine line = PriceLine(*item, requested.quantity, catalog.rules);
    quote.subtotal += line.line_total;
    quote.volume_discount += MultiplyRoundHalfUp(line.list_price, line.quantity) - line.line_total;
    weight.milligrams += LineWeight(*item, requested.quantity).milligrams;
    if (item->cost) {
      costed.any = true;
      costed.revenue_centavos += line.line_total.centavos();
      costed.cost_centavos_milli +=
          static_cast<WideInt>(item->cost->centavos()) * requested.quantity.milli();
    }
    quote.lines.push_back(std::move(line));
  }
  if (request.payment == PaymentMethod::kPix) {
    quote.payment_discount_basis_points = catalog.rules.pix_discount_basis_points;
    quote.payment_discount = Money::Centavos(DivideRoundHalfUp(
        static_cast<WideInt>(quote.subtotal.centavos()) * quote.payment_discount_basis_points,
        kBasisPoints));
  }
  quote.freight = ComputeFreight(catalog.freight_rules, request.location, quote.subtotal, weight);
  quote.total = quote.subtotal - quote.payment_discount + quote.freight.value_or(Money());
  quote.margin_basis_points = MarginBasisPoints(costed, quote);
  AddApprovalReasons(catalog, quote);
  return quote;
}

}  // namespace orcazap::core
