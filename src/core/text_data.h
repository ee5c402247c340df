#pragma once
// The variables of the customer texts (core/texts.h), built from domain values and formatted
// for pt-BR: money "R$ 1.234,56", quantities "1.000" / "2,5", dates "15/01/2027", times
// "14:30" (already in the tenant's time zone: the caller converts).

#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/civil_date.h"
#include "core/extraction.h"
#include "core/pricing.h"
#include "core/quantity.h"
#include "core/template.h"
#include "core/texts.h"

namespace orcazap::core {

// A wall-clock time in the tenant's time zone; ordered by date, then hour, then minute.
struct LocalDateTime {
  CivilDate date;
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
  auto operator<=>(const LocalDateTime&) const = default;
};

// "1.000", "2,5", "0,125".
std::string QuantityPtBr(Quantity quantity);
// The unit as read after a quantity: plural from 2 on for unit words ("saco" → "sacos",
// "milheiro" → "milheiros"); abbreviations ("un", "kg", "m³") stay as they are.
std::string UnitPtBr(const std::string& unit, Quantity quantity);
// "5%", "2,5%".
std::string PercentPtBr(int basis_points);
// "PIX", "cartão", "boleto", "dinheiro".
std::string PaymentPtBr(PaymentMethod method);
// "sexta-feira, 15/01/2027" or "o quanto antes".
std::string DeliveryPtBr(const Delivery& delivery);
// "Centro", "CEP 01310-100", or "Centro, CEP 01310-100".
std::string LocationPtBr(const Location& location);
// "16/01/2027 14:30".
std::string DateTimePtBr(const LocalDateTime& time);
// "a", "a e b", "a, b e c".
std::string JoinPtBr(const std::vector<std::string>& parts);

// Variables of the quote and confirmation texts.
struct QuoteTextContext {
  std::string customer_name;
  std::optional<Delivery> delivery;
  std::optional<Location> location;
  LocalDateTime valid_until;
};
TemplateData QuoteTextData(const Quote& quote, const QuoteTextContext& context);

// Variables of the missing-data follow-up. `missing` holds names from MissingFields()
// ("location", "payment", "delivery", "items", "quantities"): one `missing` row each, but
// "quantities" gives one row per item named without a quantity
// ("*Quantidade* de Areia média (ex.: 10 m³)"); such items are left out of `items`, which shows
// only what has a quantity. Item names come from `catalog`; `unknown_items` is the store's
// unknown_items text from `texts`.
TemplateData MissingDataTextData(const Extraction& extraction,
                                 const std::vector<std::string>& missing, const Catalog& catalog,
                                 const std::string& customer_name, const Texts& texts);

// Just `customer_name`, for the texts that need nothing else.
TemplateData CustomerTextData(const std::string& customer_name);

}  // namespace orcazap::core
