#pragma once
// What a person may change in a quote before approving it (the conversation state machine:
// "admin approves (may edit prices/lines first)"), re-priced with the rules of core/pricing.h.
//
// Invariants:
// 1. No edits ⇒ the quote comes back unchanged: what was priced is what is sent.
// 2. A line that is not edited keeps its quoted prices (list price, volume discount, unit
//    price); the catalog is read only for added lines, costs (margin) and weights (freight).
// 3. An added line (an active catalog item, not already a line, quantity > 0) is priced by
//    PriceQuote: catalog price less its volume discount (pricing invariants 2 and 3).
// 3a. A new quantity for a line re-prices that line like an added one (catalog price less the
//     volume discount its new quantity earns; its quoted unit price when the item is no longer
//     active); quantity 0 removes the line. Quantities apply before additions and prices.
// 4. A price override replaces the unit price of every line of that SKU (added lines included)
//    and becomes its list price too: a negotiated price is not a volume discount.
// 5. Subtotal, volume discount, payment discount, total and margin follow pricing invariants
//    3–8, computed by PriceQuote on the edited lines with the catalog's costs. The payment
//    discount keeps the quote's own percentage: the customer keeps the terms they were quoted.
// 6. Freight: `freight` when given; else, when lines were added or re-priced and a freight rule
//    applies to the location, that rule on the new subtotal and weight (the free-freight minimum
//    may now be reached or missed); else the quoted freight.
// 7. Approval reasons are evaluated again with pricing invariant 9, for information: a person
//    approving may accept them.
// 8. A bad edit is kInvalidInput naming it, and nothing is edited. A quantity above kMaxQuantity
//    (core/quantity.h), or amounts too large to price exactly (pricing invariant 10), are bad
//    edits.

#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/extraction.h"
#include "core/money.h"
#include "core/pricing.h"
#include "core/result.h"

namespace orcazap::core {

struct PriceOverride {
  std::string sku;
  Money unit_price;
};

struct QuoteEdits {
  std::vector<QuoteRequestLine> quantities;  // new quantities of existing lines
  std::vector<PriceOverride> prices;
  std::vector<QuoteRequestLine> additions;  // catalog items to add
  std::optional<Money> freight;
  bool drop_unknown = false;  // the unknown items are not quoted

  bool empty() const {
    return quantities.empty() && prices.empty() && additions.empty() && !freight && !drop_unknown;
  }
};

// The quote with `edits` applied; `location` is where the order goes (for freight).
Result<Quote> EditQuote(const Quote& quote, const QuoteEdits& edits,
                        const std::optional<Location>& location, const Catalog& catalog);

// What keeps a quote from being sent to a customer, in this order.
enum class SendBlocker { kNoLines, kUnknownItems, kFreightUnknown };
std::vector<SendBlocker> SendBlockers(const Quote& quote);

}  // namespace orcazap::core
