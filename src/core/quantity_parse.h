#pragma once
// A quantity as customers type it, read from tokens (see token.h): "10", "2,5", "1.000",
// "x10", "10x", "dez", "vinte e cinco", "meia", "1 e meio", "2 mil", "uma dúzia", optionally
// followed by its unit ("sacos", "sc", "m³", "metros cúbicos", "milheiros", "latas"...).
//
// Numbers that are not quantities are refused: money ("R$ 50", "50 reais", "por 35", "35 o
// saco"), times ("10h", "10:30", "às 10"), house numbers ("nº 12"), days ("dia 15", "15 de
// janeiro", "3 dias"). Six or more plain digits ("100000", "11987654321") are read but marked
// `long_digits`: usually a CEP, a phone or an order number, they count only where the caller
// sees that they quantify an item (core/item_parse.h, rule 8).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/quantity.h"
#include "core/token.h"

namespace orcazap::core {

// `value` may be above kMaxQuantity (core/quantity.h), even saturated ("999.999.999.999.999 mil"):
// the caller decides what such a count means.
struct QuantityPhrase {
  Quantity value;    // dúzias already multiplied by 12
  std::string unit;  // a QuantityUnit() name, or empty when none was written
  size_t first = 0;  // token range [first, last]
  size_t last = 0;
  bool weak = false;         // a bare "um"/"uma", which is as often an article as a count
  bool long_digits = false;  // six or more plain digits: "100000", not "100.000"
};

// The quantity that starts at tokens[i], using only tokens whose `available` flag is set.
std::optional<QuantityPhrase> QuantityAt(const std::vector<Token>& tokens, size_t i,
                                         const std::vector<bool>& available);

// `phrase.value` in `catalog_unit` (a folded unit such as "un", "milheiro", "m3"):
// "2 milheiros" of an item sold by "un" is 2000; "2000 tijolos" of an item sold by the
// "milheiro" is 2 (from 100 units on, when exact). Saturates rather than wraps: the result may be
// above kMaxQuantity.
Quantity InCatalogUnit(const QuantityPhrase& phrase, std::string_view catalog_unit);

// Whether a count written with an item's name can be in the unit the item is sold in
// (`catalog_unit`, folded): no unit, the same unit, "metros" for m²/m³, "unidades" or any
// package for an item sold by the unit. "cimento 50kg" or "tinta 18 litros" describe the
// product instead, and "cimento ... 20 m²" is about something else.
bool FitsUnit(const QuantityPhrase& phrase, std::string_view catalog_unit);

}  // namespace orcazap::core
