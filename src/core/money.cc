#include "core/money.h"

#include <cstdlib>
#include <limits>

namespace orcazap::core {
namespace {

// Two digits, built by appends: GCC 12 reports a false -Wrestrict at -O3 for `"0" + cents`
// (GCC bug 105329).
void AppendCents(int64_t cents, std::string& text) {
  text += static_cast<char>('0' + cents / 10);
  text += static_cast<char>('0' + cents % 10);
}

}  // namespace

WideInt DivideRoundHalfUp(WideInt numerator, WideInt denominator) {
  // Truncating division rounds toward zero; a remainder of at least half the denominator moves
  // the quotient one away from zero. Doubling only the remainder cannot overflow.
  WideInt quotient = numerator / denominator;
  const WideInt remainder = numerator % denominator;
  const WideInt twice = remainder < 0 ? -remainder * 2 : remainder * 2;
  if (twice >= denominator) quotient += numerator < 0 ? -1 : 1;
  return quotient;
}

std::optional<Money> Money::FromWide(WideInt centavos) {
  if (centavos < std::numeric_limits<int64_t>::min() ||
      centavos > std::numeric_limits<int64_t>::max()) {
    return std::nullopt;
  }
  return Money(static_cast<int64_t>(centavos));
}

std::optional<Money> Money::ParseReais(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t whole = 0;
  size_t i = 0;
  bool any_digit = false;
  for (; i < text.size() && text[i] != '.'; ++i) {
    if (text[i] < '0' || text[i] > '9' || i == kMaxReaisDigits) return std::nullopt;
    whole = whole * 10 + (text[i] - '0');
    any_digit = true;
  }
  int64_t fraction = 0;
  if (i < text.size()) {  // at '.'
    const std::string_view decimals = text.substr(i + 1);
    if (decimals.empty() || decimals.size() > 2) return std::nullopt;
    for (char c : decimals) {
      if (c < '0' || c > '9') return std::nullopt;
      fraction = fraction * 10 + (c - '0');
    }
    if (decimals.size() == 1) fraction *= 10;
  }
  if (!any_digit) return std::nullopt;
  return Money::Centavos(whole * 100 + fraction);
}

std::string Money::ToReaisString() const {
  const int64_t magnitude = std::llabs(centavos_);
  std::string text = centavos_ < 0 ? "-" : "";
  text += std::to_string(magnitude / 100);
  text += '.';
  AppendCents(magnitude % 100, text);
  return text;
}

std::string Money::ToBrl() const {
  const int64_t magnitude = std::llabs(centavos_);
  const std::string whole = std::to_string(magnitude / 100);
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += '.';
    grouped += whole[i];
  }
  std::string text = centavos_ < 0 ? "-R$ " : "R$ ";
  text += grouped;
  text += ',';
  AppendCents(magnitude % 100, text);
  return text;
}

}  // namespace orcazap::core
