#pragma once
// Exact decimal quantities (sacos, m³, metros, unidades...), stored as thousandths.
//
// Invariants:
// 1. A Quantity is an exact multiple of 0.001; parsing refuses anything finer.
// 2. No binary floating point is ever involved.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/money.h"

namespace orcazap::core {

class Quantity {
 public:
  static constexpr int64_t kScale = 1000;

  constexpr Quantity() = default;
  static constexpr Quantity Milli(int64_t thousandths) { return Quantity(thousandths); }
  static constexpr Quantity Whole(int64_t units) { return Quantity(units * kScale); }
  // Parses canonical decimals: "10", "2.5", "0.125" (dot, no thousands separator, ≤ 3 decimals).
  static std::optional<Quantity> Parse(std::string_view text);

  constexpr int64_t milli() const { return milli_; }
  constexpr bool is_whole() const { return milli_ % kScale == 0; }
  // Canonical form without trailing zeros: "10", "2.5", "0.125".
  std::string ToString() const;
  // pt-BR form: "10", "2,5".
  std::string ToPtBr() const;

  constexpr Quantity operator+(Quantity o) const { return Quantity(milli_ + o.milli_); }
  constexpr Quantity operator*(int64_t factor) const { return Quantity(milli_ * factor); }
  constexpr auto operator<=>(const Quantity&) const = default;

 private:
  constexpr explicit Quantity(int64_t milli) : milli_(milli) {}
  int64_t milli_ = 0;
};

// unit_price × quantity, rounded half-up to the centavo.
Money MultiplyRoundHalfUp(Money unit_price, Quantity quantity);

}  // namespace orcazap::core
