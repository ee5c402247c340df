#include "adapters/clock/local_time.h"

#include <gtest/gtest.h>

namespace orcazap::adapters {
namespace {

std::chrono::system_clock::time_point At(long long unix_seconds) {
  return std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds));
}

TEST(LocalTime, SaoPauloIsThreeHoursBehindUtc) {
  // 2027-01-15T02:30:00Z is still the 14th in São Paulo.
  auto local = LocalTimeIn("America/Sao_Paulo", At(1799980200));
  ASSERT_TRUE(local.ok()) << local.error().message();
  EXPECT_EQ(local->date, (core::CivilDate{2027, 1, 14}));
  EXPECT_EQ(local->hour, 23);
  EXPECT_EQ(local->minute, 30);
  auto utc = LocalDateIn("UTC", At(1799980200));
  ASSERT_TRUE(utc.ok());
  EXPECT_EQ(*utc, (core::CivilDate{2027, 1, 15}));
}

TEST(LocalTime, OtherZonesAndDaylightSaving) {
  // 2026-07-01T12:00:00Z: Lisbon is on summer time (UTC+1).
  auto lisbon = LocalTimeIn("Europe/Lisbon", At(1782907200));
  ASSERT_TRUE(lisbon.ok());
  EXPECT_EQ(lisbon->hour, 13);
}

TEST(LocalTime, EveryMinuteAcrossDaylightSavingChangesReadsTheWallClock) {
  // New York, 2026-03-08: 01:59 EST is followed by 03:00 EDT (07:00Z); 2026-11-01: 01:59 EDT is
  // followed by 01:00 EST (06:00Z). Each minute from an hour before to an hour after.
  for (long long change : {1772953200LL, 1793512800LL}) {
    for (long long t = change - 3600; t <= change + 3600; t += 60) {
      auto local = LocalTimeIn("America/New_York", At(t));
      ASSERT_TRUE(local.ok());
      const long long offset = t < change ? (change == 1772953200LL ? -5 : -4) * 3600
                                          : (change == 1772953200LL ? -4 : -5) * 3600;
      const long long wall = t + offset;
      const long long minute_of_day = ((wall % 86400) + 86400) % 86400 / 60;
      EXPECT_EQ(local->hour * 60 + local->minute, minute_of_day) << t;
    }
  }
}

TEST(LocalTime, RejectsUnknownZones) {
  for (const char* zone : {"America/Atlantida", "", "../etc/passwd", "/etc/localtime", "Brasil"}) {
    auto local = LocalDateIn(zone, At(0));
    ASSERT_FALSE(local.ok()) << zone;
    EXPECT_EQ(local.error().code(), core::ErrorCode::kInvalidInput);
    EXPECT_NE(local.error().message().find("unknown time zone"), std::string::npos);
  }
}

TEST(LocalTime, RestoresTheProcessTz) {
  setenv("TZ", "UTC", 1);
  ASSERT_TRUE(LocalDateIn("Asia/Tokyo", At(0)).ok());
  EXPECT_STREQ(std::getenv("TZ"), "UTC");
}

}  // namespace
}  // namespace orcazap::adapters
