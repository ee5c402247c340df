#include "core/quantity.h"

#include <cstdlib>

namespace orcazap::core {

std::optional<Quantity> Quantity::Parse(std::string_view text) {
  if (text.empty() || text.size() > 15) return std::nullopt;
  int64_t milli = 0;
  size_t i = 0;
  bool any_digit = false;
  for (; i < text.size() && text[i] != '.'; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    milli = milli * 10 + (text[i] - '0');
    any_digit = true;
  }
  milli *= kScale;
  if (i < text.size()) {
    const std::string_view decimals = text.substr(i + 1);
    if (decimals.empty() || decimals.size() > 3) return std::nullopt;
    int64_t place = kScale / 10;
    for (char c : decimals) {
      if (c < '0' || c > '9') return std::nullopt;
      milli += (c - '0') * place;
      place /= 10;
    }
  }
  if (!any_digit) return std::nullopt;
  return Quantity(milli);
}

std::string Quantity::ToString() const {
  const int64_t magnitude = std::llabs(milli_);
  // Appends rather than `"-" + std::string`: GCC 12 reports a false -Wrestrict for that at -O3
  // (GCC bug 105329).
  std::string out = milli_ < 0 ? "-" : "";
  out += std::to_string(magnitude / kScale);
  int64_t fraction = magnitude % kScale;
  if (fraction != 0) {
    std::string digits = std::to_string(fraction);
    digits.insert(0, 3 - digits.size(), '0');
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    out += '.';
    out += digits;
  }
  return out;
}

std::string Quantity::ToPtBr() const {
  std::string out = ToString();
  for (char& c : out) {
    if (c == '.') c = ',';
  }
  return out;
}

WideInt WideMultiplyRoundHalfUp(Money unit_price, Quantity quantity) {
  const WideInt product = static_cast<WideInt>(unit_price.centavos()) * quantity.milli();
  return DivideRoundHalfUp(product, Quantity::kScale);
}

std::optional<Money> MultiplyRoundHalfUp(Money unit_price, Quantity quantity) {
  return Money::FromWide(WideMultiplyRoundHalfUp(unit_price, quantity));
}

}  // namespace orcazap::core
