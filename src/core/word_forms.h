#pragma once
// Word-level knowledge of Brazilian Portuguese as typed on WhatsApp, on folded text
// (see text_fold.h): singular forms, unit words, small words and typo tolerance.

#include <optional>
#include <string>
#include <string_view>

namespace orcazap::core {

// Singular of a folded word: "sacos"→"saco", "vergalhoes"→"vergalhao", "perfis"→"perfil",
// "papeis"→"papel", "colheres"→"colher". Words shorter than 4 letters are returned unchanged.
std::string Singular(std::string_view word);

// The form used to compare words: the singular, with unit spellings unified ("sacos", "sc" →
// "saco"; "metros", "mts" → "m"; "litros", "lts" → "l"; "pecas", "pc", "und" → "un"; ...).
std::string WordKey(std::string_view word);

// When `key` (a WordKey) names a unit a quantity can be counted in, its canonical name:
// "saco", "m", "m2", "m3", "un", "kg", "l", "milheiro", "duzia", "lata", "barra", "rolo",
// "galao", "caixa", "balde", "pacote", "t".
std::optional<std::string_view> QuantityUnit(std::string_view key);

// Units that describe a product rather than count it when glued after its name ("50kg",
// "2,5mm", "100mm", "18l").
bool IsDimensionUnit(std::string_view key);

// Articles, prepositions and similar glue words ("de", "do", "da", "o", "a", "com").
bool IsGlueWord(std::string_view word);

// Optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions), or
// max_distance + 1 as soon as it is known to exceed max_distance.
int BoundedEditDistance(std::string_view a, std::string_view b, int max_distance);

// Whether a customer's word key stands for a catalog word key, allowing small typos scaled by
// length (none below 5 letters on either side, 1 up to 7, 2 from 8), never on numbers, never on the
// first letter, and never for a few frequent words that sit one typo away from products ("tinha").
// Returns the number of edits, or nullopt.
std::optional<int> FuzzyWordMatch(std::string_view customer, std::string_view catalog);

}  // namespace orcazap::core
