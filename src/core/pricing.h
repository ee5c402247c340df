#pragma once
// Deterministic, exact pricing of a quote.
//
// Invariants:
// 1. Same QuoteRequest and Catalog ⇒ the same Quote, to the centavo. No floating point.
// 2. Volume discount: the item-specific rule with the largest min_quantity ≤ the line quantity;
//    if none applies, the global rule chosen the same way. Ties on min_quantity take the larger
//    percentage.
// 3. Discounted unit price = catalog price × (10000 − basis points) ÷ 10000, rounded half-up to
//    the centavo. Line total = discounted unit price × quantity, rounded half-up.
// 4. Subtotal = Σ line totals ("goods subtotal": after volume discounts, before payment discount).
// 5. Payment discount = PIX % × subtotal, rounded half-up; only when the payment is PIX; never on
//    freight.
// 6. Freight: see core/freight.h; the free-freight minimum is compared with the subtotal of (4).
//    Weight = Σ catalog weight × quantity over lines whose item has a weight.
// 7. Total = subtotal − payment discount + freight (freight unknown counts as zero in the total,
//    and the quote needs approval). Freight too large for Money, or to add to the total, is
//    unknown.
// 8. "Goods after discounts" = subtotal − payment discount. Margin is computed over the lines
//    whose cost is known: their revenue is their line totals minus their proportional share of
//    the payment discount (so with every cost known it is exactly subtotal − payment discount);
//    margin = (revenue − Σ cost × quantity) ÷ revenue, in basis points rounded half-up from the
//    exact fraction. Unknown when no line has a cost or that revenue is zero.
// 9. Approval reasons, all recorded, in this order: unknown item (a text the customer asked for
//    matched nothing, or a SKU missing from the catalog), freight unknown, margin below the
//    minimum (strictly below; an unknown margin never triggers it), total above the threshold
//    (strictly above).
// 10. Nothing wraps. A line is not priced, and is an unknown item instead ("1.000.001 sacos
//     Cimento CP II": quantity, unit and name, so invariant 9 asks a person), when its quantity
//     is above kMaxQuantity (core/quantity.h) or when its line total, or the quote's subtotal,
//     goods at list price or weight with it, would not fit in 64 bits. The margin's products are
//     exact in 128 bits, and the margin is unknown when they would not fit.
// Percentages (volume, PIX) are from 0 to 100 %, as the importers and the panel ensure; outside
// that range figures are clamped to Money's range, never wrapped.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/extraction.h"
#include "core/money.h"
#include "core/quantity.h"

namespace orcazap::core {

struct QuoteRequestLine {
  std::string sku;
  Quantity quantity;  // in the catalog item's unit
};

struct QuoteRequest {
  std::vector<QuoteRequestLine> lines;
  std::vector<std::string> unknown;  // texts the customer asked for that matched nothing
  std::optional<PaymentMethod> payment;
  std::optional<Location> location;
};

struct QuoteLine {
  std::string sku;
  std::string name;
  std::string unit;
  Quantity quantity;
  Money list_price;  // catalog price per unit
  int volume_discount_basis_points = 0;
  Money unit_price;  // after the volume discount (invariant 3)
  Money line_total;  // unit_price × quantity, half-up
  bool operator==(const QuoteLine&) const = default;
};

enum class ApprovalReason {
  kUnknownItem,
  kFreightUnknown,
  kMarginBelowMinimum,
  kTotalAboveThreshold
};

// Stable names: "unknown_item", "freight_unknown", "margin_below_minimum", "total_above_threshold".
const char* ApprovalReasonName(ApprovalReason reason);
std::optional<ApprovalReason> ParseApprovalReasonName(std::string_view name);

struct Quote {
  std::vector<QuoteLine> lines;
  std::vector<std::string> unknown;
  std::optional<PaymentMethod> payment;
  Money subtotal;
  // Σ (list price × quantity, half-up) − line total: what the volume discounts saved.
  Money volume_discount;
  int payment_discount_basis_points = 0;  // the PIX % applied, 0 when none
  Money payment_discount;
  std::optional<Money> freight;  // nullopt = unknown
  Money total;
  std::optional<int> margin_basis_points;  // 1834 = 18.34 %; nullopt = unknown
  std::vector<ApprovalReason> approval_reasons;

  bool needs_approval() const { return !approval_reasons.empty(); }
};

// Volume discount for `quantity` of `sku` in basis points (invariant 2); 0 when none applies.
int VolumeDiscountFor(const std::vector<VolumeDiscount>& rules, const std::string& sku,
                      Quantity quantity);

// Catalog price less `basis_points`, rounded half-up to the centavo (invariant 3).
Money DiscountedPrice(Money price, int basis_points);

Quote PriceQuote(const QuoteRequest& request, const Catalog& catalog);

}  // namespace orcazap::core
