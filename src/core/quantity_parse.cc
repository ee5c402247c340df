#include "core/quantity_parse.h"

#include <algorithm>
#include <array>

#include "core/number_words.h"
#include "core/word_forms.h"

namespace orcazap::core {
namespace {

// More plain digits is usually a CEP, a phone or an order number (QuantityPhrase::long_digits).
constexpr size_t kMaxQuantityDigits = 5;

// Word keys right after a number that make it something other than a count.
constexpr std::string_view kNotCountAfter[] = {
    "h",   "hs",   "hr",  "hrs", "hora",   "min",   "minuto", "real",  "dia",  "semana",
    "mes", "mese", "ano", "vez", "pessoa", "andar", "anos",   "horas", "reai", "metade"};

// Words right before a number that make it something other than a count.
constexpr std::string_view kNotCountBefore[] = {"r",    "rs",   "por", "dia",  "numero",
                                                "n",    "nro",  "num", "as",   "cep",
                                                "casa", "apto", "ap",  "lote", "km"};

template <typename List>
bool Contains(const List& list, std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

bool Usable(const std::vector<Token>& tokens, size_t i, const std::vector<bool>& available) {
  return i < tokens.size() && available[i];
}

bool IsAllDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool LongDigits(const Token& token) {
  return IsAllDigits(token.text) && token.text.size() > kMaxQuantityDigits;
}

// A number that is something else: money, a time, a house number, a CEP...
bool NotACount(const std::vector<Token>& tokens, size_t i) {
  if (i > 0) {
    const Token& before = tokens[i - 1];
    if (before.IsPunct('$') || before.IsPunct('#')) return true;
    if (before.IsWord() && Contains(kNotCountBefore, before.text)) return true;
    if (before.IsPunct(':') && i > 1 && tokens[i - 2].IsNumber()) return true;
  }
  if (i + 1 < tokens.size()) {
    const Token& after = tokens[i + 1];
    if (after.IsPunct('%')) return true;
    if (after.IsWord() && Contains(kNotCountAfter, after.key)) return true;
    if (after.IsPunct(':') && i + 2 < tokens.size() && tokens[i + 2].IsNumber()) return true;
    // "35 o saco", "40 a lata": a price per unit.
    if ((after.IsWord("o") || after.IsWord("a")) && i + 2 < tokens.size() &&
        QuantityUnit(tokens[i + 2].key)) {
      return true;
    }
  }
  return false;
}

// "1/2", "1/4", "3/4": fractions of a unit (a product's own sizes were matched before).
std::optional<Quantity> SimpleFraction(std::string_view text) {
  if (text.size() != 3 || text[1] != '/') return std::nullopt;
  const int numerator = text[0] - '0';
  const int denominator = text[2] - '0';
  if ((denominator != 2 && denominator != 4) || numerator < 1 || numerator >= denominator) {
    return std::nullopt;
  }
  return Quantity::Milli(numerator * Quantity::kScale / denominator);
}

// The bare count at tokens[i]: value, last token used, whether it is a bare "um"/"uma".
std::optional<QuantityPhrase> CountAt(const std::vector<Token>& tokens, size_t i,
                                      const std::vector<bool>& available) {
  const Token& token = tokens[i];
  QuantityPhrase phrase;
  phrase.first = phrase.last = i;
  if (token.IsNumber()) {
    if (!token.value || NotACount(tokens, i)) return std::nullopt;
    phrase.value = *token.value;
    phrase.long_digits = LongDigits(token);
    return phrase;
  }
  if (token.kind == TokenKind::kDimension) {
    const std::optional<Quantity> fraction = SimpleFraction(token.text);
    if (!fraction) return std::nullopt;
    phrase.value = *fraction;
    return phrase;
  }
  if (!token.IsWord()) return std::nullopt;
  if (token.text == "x" && Usable(tokens, i + 1, available) && tokens[i + 1].IsNumber() &&
      tokens[i + 1].value && !NotACount(tokens, i + 1)) {
    phrase.value = *tokens[i + 1].value;
    phrase.last = i + 1;
    phrase.long_digits = LongDigits(tokens[i + 1]);
    return phrase;
  }
  if (token.text == "mil") {
    phrase.value = Quantity::Whole(1000);
    return phrase;
  }
  const std::optional<Quantity> word_value = NumberWordValue(token.text);
  if (!word_value) return std::nullopt;
  phrase.value = *word_value;
  phrase.weak = token.text == "um" || token.text == "uma";
  if (IsTensWord(token.text) && Usable(tokens, i + 2, available) && tokens[i + 1].IsWord("e")) {
    const std::optional<Quantity> units = NumberWordValue(tokens[i + 2].text);
    if (units && units->is_whole() && *units < Quantity::Whole(10)) {
      phrase.value = phrase.value + *units;
      phrase.last = i + 2;
    }
  }
  return phrase;
}

// "10x", "1 e meio", "2 mil": what may follow a count.
void ExtendCount(const std::vector<Token>& tokens, const std::vector<bool>& available,
                 QuantityPhrase* phrase) {
  const size_t next = phrase->last + 1;
  if (Usable(tokens, next, available) && tokens[next].IsWord("x") &&
      !(tokens[phrase->first].IsWord("x")) &&
      (tokens[next].glued || !Usable(tokens, next + 1, available) ||
       !tokens[next + 1].IsNumber())) {
    phrase->last = next;
    return;
  }
  if (Usable(tokens, next + 1, available) && tokens[next].IsWord("e") &&
      (tokens[next + 1].IsWord("meio") || tokens[next + 1].IsWord("meia"))) {
    phrase->value = phrase->value + Quantity::Milli(500);
    phrase->last = next + 1;
  }
  if (Usable(tokens, phrase->last + 1, available) && tokens[phrase->last + 1].IsWord("mil") &&
      !tokens[phrase->first].IsWord("mil")) {
    phrase->value = phrase->value * 1000;
    phrase->last += 1;
    phrase->weak = false;
  }
}

void ReadUnit(const std::vector<Token>& tokens, const std::vector<bool>& available,
              QuantityPhrase* phrase) {
  const size_t next = phrase->last + 1;
  if (!Usable(tokens, next, available) || !tokens[next].IsWord()) return;
  const std::string& key = tokens[next].key;
  const std::optional<std::string_view> unit = QuantityUnit(key);
  if (!unit && !IsDimensionUnit(key)) return;
  phrase->unit = unit ? std::string(*unit) : key;
  phrase->last = next;
  phrase->weak = false;
  if (phrase->unit == "duzia") {
    phrase->value = phrase->value * 12;
    phrase->unit = "un";
  }
  const size_t after = next + 1;
  if (Usable(tokens, after + 1, available) && tokens[after].IsWord("e") &&
      (tokens[after + 1].IsWord("meio") || tokens[after + 1].IsWord("meia"))) {
    phrase->value = phrase->value + Quantity::Milli(500);  // "2 metros e meio"
    phrase->last = after + 1;
    return;
  }
  if (phrase->unit == "m" && Usable(tokens, after, available) && tokens[after].IsWord()) {
    const std::string& word = tokens[after].key;
    if (word == "cubico") phrase->unit = "m3";
    if (word == "quadrado") phrase->unit = "m2";
    if (phrase->unit != "m") phrase->last = after;
  }
}

}  // namespace

std::optional<QuantityPhrase> QuantityAt(const std::vector<Token>& tokens, size_t i,
                                         const std::vector<bool>& available) {
  if (!Usable(tokens, i, available)) return std::nullopt;
  std::optional<QuantityPhrase> phrase = CountAt(tokens, i, available);
  if (!phrase) return std::nullopt;
  ExtendCount(tokens, available, &*phrase);
  ReadUnit(tokens, available, &*phrase);
  if (phrase->value <= Quantity()) return std::nullopt;
  return phrase;
}

Quantity InCatalogUnit(const QuantityPhrase& phrase, std::string_view catalog_unit) {
  if (phrase.unit == "milheiro" && catalog_unit != "milheiro") return phrase.value * 1000;
  const bool countable = phrase.unit.empty() || phrase.unit == "un";
  if (catalog_unit == "milheiro" && countable && phrase.value >= Quantity::Whole(100) &&
      phrase.value.milli() % 1000 == 0) {
    return Quantity::Milli(phrase.value.milli() / 1000);
  }
  return phrase.value;
}

bool FitsUnit(const QuantityPhrase& phrase, std::string_view catalog_unit) {
  const std::string_view unit = phrase.unit;
  if (unit.empty() || unit == catalog_unit) return true;
  if (IsDimensionUnit(unit)) return false;
  if (unit == "un" || catalog_unit == "un") return true;
  if (unit == "m") return catalog_unit == "m2" || catalog_unit == "m3";
  return false;
}

}  // namespace orcazap::core
