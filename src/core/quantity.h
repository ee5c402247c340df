#pragma once
// Exact decimal quantities (sacos, m³, metros, unidades...), stored as thousandths.
//
// Invariants:
// 1. A Quantity is an exact multiple of 0.001; parsing refuses anything finer.
// 2. No binary floating point is ever involved.
// 3. Arithmetic never wraps: a sum or product beyond 64 bits saturates at the int64 range, which
//    is far above kMaxQuantity, so such a result is refused wherever that limit is checked.

#include <compare>
#include <cstdint>
#include <limits>
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
  static constexpr Quantity Whole(int64_t units) { return Quantity(kScale) * units; }
  // Parses canonical decimals: "10", "2.5", "0.125" (dot, no thousands separator, ≤ 3 decimals).
  static std::optional<Quantity> Parse(std::string_view text);

  constexpr int64_t milli() const { return milli_; }
  constexpr bool is_whole() const { return milli_ % kScale == 0; }
  // Canonical form without trailing zeros: "10", "2.5", "0.125".
  std::string ToString() const;
  // pt-BR form: "10", "2,5".
  std::string ToPtBr() const;

  // Saturating (invariant 3).
  constexpr Quantity operator+(Quantity o) const {
    int64_t sum = 0;
    if (!__builtin_add_overflow(milli_, o.milli_, &sum)) return Quantity(sum);
    return Quantity(milli_ < 0 ? kLowest : kHighest);
  }
  constexpr Quantity operator*(int64_t factor) const {
    int64_t product = 0;
    if (!__builtin_mul_overflow(milli_, factor, &product)) return Quantity(product);
    return Quantity((milli_ < 0) != (factor < 0) ? kLowest : kHighest);
  }
  constexpr auto operator<=>(const Quantity&) const = default;

 private:
  static constexpr int64_t kLowest = std::numeric_limits<int64_t>::min();
  static constexpr int64_t kHighest = std::numeric_limits<int64_t>::max();
  constexpr explicit Quantity(int64_t milli) : milli_(milli) {}
  int64_t milli_ = 0;
};

// The largest quantity of one order line: a million of the item's unit (a thousand milheiros of
// bricks; a million metres, kg or m³ is no store's order either). A larger count is a typo, a
// joke or abuse, never something to quote without a person looking:
// - extraction never gives an item more: it reports the item as unknown, quoted as the customer
//   wrote it ("999.999.999 sacos de cimento");
// - pricing never prices more (quantities merged over several messages can add up past it):
//   such a line is an unknown item too.
// Either way the quote needs approval (reason unknown_item) and cannot be sent while the unknown
// item stays (SendBlockers in core/quote_edit.h). That is the existing path for what a customer
// asks and the store cannot quote as is, so the stored reasons and the panel stay as they are.
inline constexpr Quantity kMaxQuantity = Quantity::Whole(1'000'000);

// unit_price × quantity in centavos, rounded half-up, exactly: two 64-bit factors always fit in
// 128 bits. For sums that are narrowed to Money once, at the end.
WideInt WideMultiplyRoundHalfUp(Money unit_price, Quantity quantity);
// The same as Money; nullopt when it does not fit in Money's 64 bits.
std::optional<Money> MultiplyRoundHalfUp(Money unit_price, Quantity quantity);

}  // namespace orcazap::core
