#pragma once
// How Brazilians write quantities: numerals ("10", "2,5", "1.000", "2.5") and number words
// ("um", "duas", "quinze", "vinte", "meio"/"meia").

#include <optional>
#include <string_view>

#include "core/quantity.h"

namespace orcazap::core {

// A folded numeral: digits with an optional decimal comma ("2,5"), thousands dots ("1.000",
// "12.500,75"), or a decimal dot when the dot is not followed by exactly three digits ("2.5").
// nullopt when it is not a numeral or needs more than three decimals.
std::optional<Quantity> ParseNumeral(std::string_view text);

// The value of a folded number word: "um"/"uma" = 1 ... "vinte" = 20, the tens up to "noventa",
// "cem", "meio"/"meia" = 0.5. nullopt for any other word.
std::optional<Quantity> NumberWordValue(std::string_view word);

// True for the tens ("vinte".."noventa") that combine with a unit: "vinte e cinco".
bool IsTensWord(std::string_view word);

}  // namespace orcazap::core
