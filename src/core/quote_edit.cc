#include "core/quote_edit.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text_data.h"

namespace orcazap::core {
namespace {

const CatalogItem* FindActiveItem(const Catalog& catalog, const std::string& sku) {
  for (const CatalogItem& item : catalog.items) {
    if (item.active && item.sku == sku) return &item;
  }
  return nullptr;
}

bool HasLine(const std::vector<QuoteLine>& lines, const std::string& sku) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const QuoteLine& line) { return line.sku == sku; });
}

Error TooLarge(const std::string& what) {
  return Error::InvalidInput(what + ": the line total is too large to price");
}

Status CheckMaximum(const std::string& what, Quantity quantity) {
  if (quantity <= kMaxQuantity) return Ok();
  return Error::InvalidInput(fmt::format("{}: {} is more than the maximum of {}", what,
                                         QuantityPtBr(quantity), QuantityPtBr(kMaxQuantity)));
}

Status AddLine(std::vector<QuoteLine>& lines, const QuoteRequestLine& addition,
               const Catalog& catalog) {
  const std::string what = "adding " + addition.sku;
  if (addition.quantity <= Quantity()) {
    return Error::InvalidInput(what + ": the quantity must be more than zero");
  }
  if (auto checked = CheckMaximum(what, addition.quantity); !checked) return checked;
  if (HasLine(lines, addition.sku)) {
    return Error::InvalidInput(what + ": already a line of the quote (change its price instead)");
  }
  if (FindActiveItem(catalog, addition.sku) == nullptr) {
    return Error::InvalidInput(what + ": no active item with that SKU");
  }
  const Quote priced = PriceQuote({{addition}, {}, std::nullopt, std::nullopt}, catalog);
  if (priced.lines.empty()) return TooLarge(what);
  lines.push_back(priced.lines.front());
  return Ok();
}

Status ChangeQuantity(std::vector<QuoteLine>& lines, const QuoteRequestLine& change,
                      const Catalog& catalog) {
  auto line = std::find_if(lines.begin(), lines.end(),
                           [&](const QuoteLine& candidate) { return candidate.sku == change.sku; });
  if (line == lines.end()) {
    return Error::InvalidInput("quantity of " + change.sku + ": not a line of the quote");
  }
  const std::string what = "quantity of " + change.sku;
  if (change.quantity < Quantity()) return Error::InvalidInput(what + ": must not be negative");
  if (auto checked = CheckMaximum(what, change.quantity); !checked) return checked;
  if (change.quantity == Quantity()) {
    lines.erase(line);
    return Ok();
  }
  if (FindActiveItem(catalog, change.sku) != nullptr) {
    const Quote priced = PriceQuote({{change}, {}, std::nullopt, std::nullopt}, catalog);
    if (priced.lines.empty()) return TooLarge(what);
    *line = priced.lines.front();
    return Ok();
  }
  // No longer in the catalog: the quoted unit price stands.
  const std::optional<Money> total = MultiplyRoundHalfUp(line->unit_price, change.quantity);
  if (!total) return TooLarge(what);
  line->quantity = change.quantity;
  line->line_total = *total;
  return Ok();
}

Status OverridePrice(std::vector<QuoteLine>& lines, const PriceOverride& price) {
  if (!HasLine(lines, price.sku)) {
    return Error::InvalidInput("price of " + price.sku + ": not a line of the quote");
  }
  for (QuoteLine& line : lines) {
    if (line.sku != price.sku) continue;
    const std::optional<Money> total = MultiplyRoundHalfUp(price.unit_price, line.quantity);
    if (!total) return TooLarge("price of " + price.sku);
    line.list_price = price.unit_price;
    line.volume_discount_basis_points = 0;
    line.unit_price = price.unit_price;
    line.line_total = *total;
  }
  return Ok();
}

// PriceQuote over the edited lines: each line is an item of its own at its unit price, with the
// catalog's cost and weight, so that totals, margin and freight come from pricing's own rules.
Quote PriceLines(const std::vector<QuoteLine>& lines, const Quote& quote,
                 const std::optional<Location>& location, const Catalog& catalog) {
  Catalog own;
  own.freight_rules = catalog.freight_rules;
  own.rules.pix_discount_basis_points = quote.payment_discount_basis_points;
  QuoteRequest request{{}, quote.unknown, quote.payment, location};
  for (size_t i = 0; i < lines.size(); ++i) {
    CatalogItem item;
    item.sku = fmt::format("#{}", i);  // lines of one SKU may differ in price
    item.price = lines[i].unit_price;
    if (const CatalogItem* known = FindActiveItem(catalog, lines[i].sku)) {
      item.cost = known->cost;
      item.weight_kg = known->weight_kg;
    }
    own.items.push_back(item);
    request.lines.push_back({item.sku, lines[i].quantity});
  }
  return PriceQuote(request, own);
}

std::vector<ApprovalReason> ReasonsFor(const Quote& quote, const PricingRules& rules) {
  std::vector<ApprovalReason> reasons;
  if (!quote.unknown.empty()) reasons.push_back(ApprovalReason::kUnknownItem);
  if (!quote.freight) reasons.push_back(ApprovalReason::kFreightUnknown);
  if (rules.min_margin_basis_points && quote.margin_basis_points &&
      *quote.margin_basis_points < *rules.min_margin_basis_points) {
    reasons.push_back(ApprovalReason::kMarginBelowMinimum);
  }
  if (rules.approval_total_above && quote.total > *rules.approval_total_above) {
    reasons.push_back(ApprovalReason::kTotalAboveThreshold);
  }
  return reasons;
}

}  // namespace

Result<Quote> EditQuote(const Quote& quote, const QuoteEdits& edits,
                        const std::optional<Location>& location, const Catalog& catalog) {
  if (edits.empty()) return quote;
  std::vector<QuoteLine> lines = quote.lines;
  for (const QuoteRequestLine& change : edits.quantities) {
    if (auto changed = ChangeQuantity(lines, change, catalog); !changed) return changed.error();
  }
  for (const QuoteRequestLine& addition : edits.additions) {
    if (auto added = AddLine(lines, addition, catalog); !added) return added.error();
  }
  for (const PriceOverride& price : edits.prices) {
    if (auto overridden = OverridePrice(lines, price); !overridden) return overridden.error();
  }
  if (edits.freight && *edits.freight < Money()) {
    return Error::InvalidInput("freight: must not be negative");
  }

  Quote edited = quote;
  if (edits.drop_unknown) edited.unknown.clear();
  const Quote priced = PriceLines(lines, edited, location, catalog);
  // PriceQuote leaves out what it cannot price exactly (pricing invariant 10).
  if (priced.lines.size() != lines.size()) {
    return Error::InvalidInput("the edited quote is too large to price");
  }
  const bool lines_changed =
      !edits.quantities.empty() || !edits.additions.empty() || !edits.prices.empty();
  edited.lines = lines;
  edited.subtotal = priced.subtotal;
  WideInt volume_discount = 0;
  for (const QuoteLine& line : lines) {
    volume_discount +=
        WideMultiplyRoundHalfUp(line.list_price, line.quantity) - line.line_total.centavos();
  }
  edited.payment_discount = priced.payment_discount;
  if (edits.freight) {
    edited.freight = edits.freight;
  } else if (lines_changed && priced.freight) {
    edited.freight = priced.freight;
  }
  const std::optional<Money> volume = Money::FromWide(volume_discount);
  const std::optional<Money> total = Money::FromWide(
      static_cast<WideInt>(edited.subtotal.centavos()) - edited.payment_discount.centavos() +
      edited.freight.value_or(Money()).centavos());
  if (!volume || !total) return Error::InvalidInput("the edited quote is too large to price");
  edited.volume_discount = *volume;
  edited.total = *total;
  edited.margin_basis_points = priced.margin_basis_points;
  edited.approval_reasons = ReasonsFor(edited, catalog.rules);
  return edited;
}

std::vector<SendBlocker> SendBlockers(const Quote& quote) {
  std::vector<SendBlocker> blockers;
  if (quote.lines.empty()) blockers.push_back(SendBlocker::kNoLines);
  if (!quote.unknown.empty()) blockers.push_back(SendBlocker::kUnknownItems);
  if (!quote.freight) blockers.push_back(SendBlocker::kFreightUnknown);
  return blockers;
}

}  // namespace orcazap::core
