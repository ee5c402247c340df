#pragma once
// A calendar date with no time zone. "Today" always comes from outside the core (a Clock port
// and the tenant's time zone), so that extraction and texts are deterministic.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace orcazap::core {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  // Days since 1970-01-01 (proleptic Gregorian).
  long DaysSinceEpoch() const;
  static CivilDate FromDaysSinceEpoch(long days);
  CivilDate AddDays(long days) const { return FromDaysSinceEpoch(DaysSinceEpoch() + days); }
  // 0 = domingo (Sunday) ... 6 = sábado (Saturday).
  int Weekday() const;
  bool IsValid() const;
  // "2027-01-15"
  std::string ToIso() const;
  // "15/01/2027"
  std::string ToPtBr() const;
  // Parses "YYYY-MM-DD"; nullopt when malformed or not a real date.
  static std::optional<CivilDate> ParseIso(std::string_view text);

  auto operator<=>(const CivilDate&) const = default;
};

}  // namespace orcazap::core
