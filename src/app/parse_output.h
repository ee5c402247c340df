#pragma once
// What `orcazap parse` prints: the understood message and, with rules, the quote and the text
// the customer would receive, as one JSON object with keys in a fixed order.
//
//   {"location": {"cep": "01310100", "bairro": "Centro"} | null   (either key may be absent),
//    "payment": "pix" | "cartao" | "boleto" | "dinheiro" | null,
//    "delivery": {"date": "YYYY-MM-DD"} | {"asap": true} | null,
//    "items": [{"sku", "quantity" (a JSON number: 2.5), "unit", "text"}],
//    "unknown": ["..."],
//    "missing": ["location" | "payment" | "delivery" | "items" | "quantities", ...],
//    "quote": {"lines": [{"sku", "name", "quantity", "unit", "unit_price", "line_total"}],
//              "subtotal", "volume_discount", "payment_discount", "freight" (null = unknown),
//              "total", "margin" (basis points: 1611 = 16.11 %; null = unknown),
//              "approval_reasons": [...]} | null   (money in integer centavos),
//    "message": "..."}
// "quote" and "message" appear only when pricing rules were given; "quote" is null when no item
// was understood.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/extraction.h"
#include "core/pricing.h"
#include "core/text_data.h"
#include "core/texts.h"

namespace orcazap::app {

nlohmann::ordered_json ExtractionJson(const core::Extraction& extraction,
                                      const std::vector<std::string>& missing);

nlohmann::ordered_json QuoteJson(const core::Quote& quote);

// The request pricing needs, from what was understood.
core::QuoteRequest QuoteRequestFrom(const core::Extraction& extraction);

// The text the customer would receive now: the follow-up when something is missing, else the
// approval-pending text when a person must look first, else the quote.
std::string CustomerMessage(const core::Texts& texts, const core::Catalog& catalog,
                            const core::Extraction& extraction,
                            const std::vector<std::string>& missing, const core::Quote& quote,
                            const core::LocalDateTime& valid_until);

}  // namespace orcazap::app
