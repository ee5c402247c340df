#pragma once
// The delivery day a customer asks for, resolved against `today` (the tenant's date):
// 1. "hoje"/"hj" = today; "amanhã"/"amnh" = +1; "depois de amanhã"/"dps de amanha" = +2.
//    "hoje" that dates a price ("quanto tá o cimento hoje?") is not a delivery day.
// 2. A weekday ("sexta", "segunda-feira", "sábado", or "seg", "qua", "qui", "sab") is its next
//    occurrence strictly after today: on a Friday, "sexta" means the following Friday (the
//    customer says "hoje" for today). "dom", "ter" and "sex" are also common words, so they
//    are days only where a day is expected ("entrega na sex", "qui ou sex", "ter-feira").
//    A range of weekdays ("seg a sex", "de segunda a sábado") is opening days, not a day.
// 3. "15/01" and "15 de janeiro" are the next such date on or after today; "15/01/2027" and
//    "15/01/27" are exact, and when before today ("10/01/2020") they are not understood: the
//    tokens are used up but give no delivery day, so the customer is asked for it again. A d/m that
//    some catalog name holds ("vergalhão 3/8") or that reads as a fraction ("1/2 metro", "3/4") is
//    not a date unless written as "dia 3/8".
// 4. "dia 15" is this month when the 15th is today or later, else next month.
// 5. "urgente", "o quanto antes", "o mais rápido possível", "assim que puder" and "quando
//    puder"/"qdo puder" (no day asked: the store's first opportunity) mean asap; an explicit
//    day in the same message wins over asap.
// 6. A mention right after a negation ("hoje não", "não dá amanhã") does not count; otherwise
//    the first mention wins.

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "core/extraction.h"
#include "core/token.h"

namespace orcazap::core {

// `is_product_dimension` says whether a d/m token like "3/8" belongs to a product name.
// Marks the tokens it used in *claimed.
std::optional<Delivery> FindDelivery(
    const std::vector<Token>& tokens, CivilDate today,
    const std::function<bool(std::string_view)>& is_product_dimension, std::vector<bool>* claimed);

}  // namespace orcazap::core
