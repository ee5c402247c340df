#include "core/civil_date.h"

#include <gtest/gtest.h>

#include <string>

namespace orcazap::core {
namespace {

CivilDate Date(const std::string& iso) {
  auto parsed = CivilDate::ParseIso(iso);
  EXPECT_TRUE(parsed.has_value()) << iso << " was refused";
  return parsed.value_or(CivilDate{});
}

TEST(CivilDate, CountsDaysFromTheUnixEpoch) {
  EXPECT_EQ(Date("1970-01-01").DaysSinceEpoch(), 0);
  EXPECT_EQ(Date("1969-12-31").DaysSinceEpoch(), -1);
  EXPECT_EQ(Date("2000-01-01").DaysSinceEpoch(), 10957);
  EXPECT_EQ(Date("2027-01-15").DaysSinceEpoch(), 20833);
  EXPECT_EQ(Date("1900-01-01").DaysSinceEpoch(), -25567);
}

TEST(CivilDate, WeekdayStartsOnSunday) {
  EXPECT_EQ(Date("1970-01-01").Weekday(), 4);  // quinta-feira
  EXPECT_EQ(Date("1969-12-31").Weekday(), 3);  // quarta-feira, before the epoch
  EXPECT_EQ(Date("2000-01-01").Weekday(), 6);  // sábado
  EXPECT_EQ(Date("2027-01-15").Weekday(), 5);  // sexta-feira
  EXPECT_EQ(Date("2024-02-29").Weekday(), 4);  // quinta-feira
  EXPECT_EQ(Date("1900-01-01").Weekday(), 1);  // segunda-feira
  EXPECT_EQ(Date("2027-01-17").Weekday(), 0);  // domingo
}

TEST(CivilDate, KnowsLeapYearsIncludingCenturies) {
  EXPECT_TRUE((CivilDate{2024, 2, 29}.IsValid()));
  EXPECT_FALSE((CivilDate{2025, 2, 29}.IsValid()));
  EXPECT_TRUE((CivilDate{2000, 2, 29}.IsValid()));   // divisible by 400
  EXPECT_FALSE((CivilDate{1900, 2, 29}.IsValid()));  // divisible by 100 only
  EXPECT_FALSE((CivilDate{2100, 2, 29}.IsValid()));
}

TEST(CivilDate, RefusesDaysAndMonthsOutOfRange) {
  EXPECT_FALSE((CivilDate{2027, 4, 31}.IsValid()));
  EXPECT_FALSE((CivilDate{2027, 13, 1}.IsValid()));
  EXPECT_FALSE((CivilDate{2027, 0, 1}.IsValid()));
  EXPECT_FALSE((CivilDate{2027, 1, 0}.IsValid()));
  EXPECT_TRUE((CivilDate{2027, 12, 31}.IsValid()));
}

TEST(CivilDate, AddingDaysCrossesMonthsYearsAndLeapDays) {
  EXPECT_EQ(Date("2024-02-28").AddDays(1).ToIso(), "2024-02-29");
  EXPECT_EQ(Date("2025-02-28").AddDays(1).ToIso(), "2025-03-01");
  EXPECT_EQ(Date("2026-12-31").AddDays(1).ToIso(), "2027-01-01");
  EXPECT_EQ(Date("2027-01-01").AddDays(-1).ToIso(), "2026-12-31");
  EXPECT_EQ(Date("2027-01-15").AddDays(365).ToIso(), "2028-01-15");
  EXPECT_EQ(Date("2028-01-15").AddDays(366).ToIso(), "2029-01-15");
}

TEST(CivilDate, EveryDayOfFourHundredYearsRoundTripsThroughDaysAndIso) {
  const long first = Date("1900-01-01").DaysSinceEpoch();
  const long last = Date("2300-01-01").DaysSinceEpoch();
  CivilDate previous = CivilDate::FromDaysSinceEpoch(first - 1);
  for (long days = first; days <= last; ++days) {
    const CivilDate date = CivilDate::FromDaysSinceEpoch(days);
    ASSERT_TRUE(date.IsValid()) << days;
    ASSERT_EQ(date.DaysSinceEpoch(), days) << date.ToIso();
    ASSERT_LT(previous, date) << date.ToIso();
    auto parsed = CivilDate::ParseIso(date.ToIso());
    ASSERT_TRUE(parsed.has_value()) << date.ToIso();
    ASSERT_EQ(*parsed, date);
    previous = date;
  }
}

TEST(CivilDate, FormatsIsoAndBrazilianWithLeadingZeros) {
  const CivilDate date{2027, 1, 5};
  EXPECT_EQ(date.ToIso(), "2027-01-05");
  EXPECT_EQ(date.ToPtBr(), "05/01/2027");
}

TEST(CivilDateParseIso, RefusesMalformedTextAndDatesThatDoNotExist) {
  for (const char* text :
       {"", "2027-1-15", "2027-01-5", "2027/01/15", "15/01/2027", "2027-01-15 ", "2027-01-1x",
        "20270115", "2027-02-29", "2027-04-31", "2027-00-10", "2027-13-01", "-027-01-15"}) {
    EXPECT_FALSE(CivilDate::ParseIso(text).has_value()) << "\"" << text << "\" was accepted";
  }
}

}  // namespace
}  // namespace orcazap::core
