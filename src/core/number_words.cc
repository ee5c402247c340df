#include "core/number_words.h"

#include <array>
#include <string>
#include <utility>

namespace orcazap::core {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

struct NumberWord {
  std::string_view word;
  int value;
};

constexpr NumberWord kNumberWords[] = {
    {"um", 1},         {"uma", 1},        {"dois", 2},      {"duas", 2},       {"tres", 3},
    {"quatro", 4},     {"cinco", 5},      {"seis", 6},      {"sete", 7},       {"oito", 8},
    {"nove", 9},       {"dez", 10},       {"onze", 11},     {"doze", 12},      {"treze", 13},
    {"quatorze", 14},  {"catorze", 14},   {"quinze", 15},   {"dezesseis", 16}, {"dezasseis", 16},
    {"dezessete", 17}, {"dezoito", 18},   {"dezenove", 19}, {"vinte", 20},     {"trinta", 30},
    {"quarenta", 40},  {"cinquenta", 50}, {"sessenta", 60}, {"setenta", 70},   {"oitenta", 80},
    {"noventa", 90},   {"cem", 100},      {"cento", 100},
};

// Digits of `text` with separators removed; false when a group is malformed.
bool StripThousands(std::string_view text, std::string* digits) {
  size_t group = 0;
  bool first_group = true;
  for (char c : text) {
    if (c == '.') {
      if ((first_group && (group == 0 || group > 3)) || (!first_group && group != 3)) return false;
      first_group = false;
      group = 0;
      continue;
    }
    digits->push_back(c);
    ++group;
  }
  return first_group || group == 3;
}

}  // namespace

std::optional<Quantity> ParseNumeral(std::string_view text) {
  if (text.empty() || !IsDigit(text.front()) || !IsDigit(text.back())) return std::nullopt;
  for (char c : text) {
    if (!IsDigit(c) && c != '.' && c != ',') return std::nullopt;
  }
  const size_t comma = text.find(',');
  std::string canonical;
  if (comma != std::string_view::npos) {
    if (text.find(',', comma + 1) != std::string_view::npos) return std::nullopt;
    const std::string_view fraction = text.substr(comma + 1);
    if (fraction.find('.') != std::string_view::npos) return std::nullopt;
    if (!StripThousands(text.substr(0, comma), &canonical)) return std::nullopt;
    canonical += ".";
    canonical += fraction;
  } else {
    const size_t dot = text.find('.');
    const bool single_dot = dot != std::string_view::npos && text.find('.', dot + 1) == text.npos;
    if (single_dot && text.size() - dot - 1 != 3) {
      canonical = text;  // "2.5": a decimal dot
    } else if (!StripThousands(text, &canonical)) {
      return std::nullopt;
    }
  }
  return Quantity::Parse(canonical);
}

std::optional<Quantity> NumberWordValue(std::string_view word) {
  if (word == "meio" || word == "meia") return Quantity::Milli(500);
  for (const NumberWord& entry : kNumberWords) {
    if (entry.word == word) return Quantity::Whole(entry.value);
  }
  return std::nullopt;
}

bool IsTensWord(std::string_view word) {
  return word == "vinte" || word == "trinta" || word == "quarenta" || word == "cinquenta" ||
         word == "sessenta" || word == "setenta" || word == "oitenta" || word == "noventa";
}

}  // namespace orcazap::core
