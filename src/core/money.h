#pragma once
// Money in integer centavos (BRL). Never a binary floating point anywhere.
//
// Invariants:
// 1. A Money is an exact count of centavos (64 bits, about ±9e16 R$). Its + and − assume the
//    result fits; products and quotients are computed in 128 bits (WideInt) and narrowed with
//    Money::FromWide, which refuses what does not fit instead of wrapping.
// 2. Every rounding in OrcaZap is half-up (away from zero at .5) to the centavo, and happens only
//    in the functions that say so.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace orcazap::core {

// 128-bit intermediate for exact products (a GCC/Clang extension).
__extension__ typedef __int128 WideInt;

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money Centavos(int64_t centavos) { return Money(centavos); }
  // `centavos` as Money; nullopt when it does not fit in 64 bits.
  static std::optional<Money> FromWide(WideInt centavos);
  // Parses reais written with a dot for decimals and no thousands separator: "38.90", "5000",
  // "0.5" (= 50 centavos). At most kMaxReaisDigits digits before the dot and two after it, so
  // that whatever it accepts, ToReaisString writes in a form it accepts again. Returns nullopt
  // on anything else.
  static constexpr size_t kMaxReaisDigits = 13;  // up to R$ 9.999.999.999.999,99
  static std::optional<Money> ParseReais(std::string_view text);

  constexpr int64_t centavos() const { return centavos_; }
  // "38.90": the inverse of ParseReais.
  std::string ToReaisString() const;
  // "R$ 1.234,56" (pt-BR), negative as "-R$ 1,00".
  std::string ToBrl() const;

  constexpr Money operator+(Money o) const { return Money(centavos_ + o.centavos_); }
  constexpr Money operator-(Money o) const { return Money(centavos_ - o.centavos_); }
  constexpr Money& operator+=(Money o) {
    centavos_ += o.centavos_;
    return *this;
  }
  constexpr Money& operator-=(Money o) {
    centavos_ -= o.centavos_;
    return *this;
  }
  constexpr auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(int64_t centavos) : centavos_(centavos) {}
  int64_t centavos_ = 0;
};

// numerator / denominator rounded half-up (away from zero), exactly for any numerator;
// denominator > 0.
WideInt DivideRoundHalfUp(WideInt numerator, WideInt denominator);

}  // namespace orcazap::core
