#pragma once
// JSON forms of what conversations store: the captured data (conversations.captured) and a
// priced quote (quotes.lines plus its columns). Quantities and money are kept exact: quantities
// as decimal strings ("2.5"), money as integer centavos.

#include <string>

#include "core/extraction.h"
#include "core/pricing.h"
#include "core/result.h"

namespace orcazap::adapters::postgres {

std::string CapturedToJson(const core::Extraction& captured);
core::Result<core::Extraction> CapturedFromJson(const std::string& json);

// The quote's lines, unknown texts and approval reasons as one JSON document.
std::string QuoteDetailToJson(const core::Quote& quote);
// Rebuilds a Quote from its detail JSON and its stored columns.
struct QuoteColumns {
  long long subtotal = 0;
  long long volume_discount = 0;
  long long payment_discount = 0;
  std::optional<long long> freight;
  long long total = 0;
  std::optional<int> margin_basis_points;
  std::optional<std::string> payment;
};
core::Result<core::Quote> QuoteFromJson(const std::string& detail, const QuoteColumns& columns);

}  // namespace orcazap::adapters::postgres
