#include "core/delivery_parse.h"

#include <gtest/gtest.h>

#include "core/text_fold.h"

namespace orcazap::core {
namespace {

constexpr CivilDate kFriday{2026, 11, 27};

std::string When(std::string_view text, CivilDate today = kFriday) {
  const std::vector<Token> tokens = Tokenize(Fold(text));
  std::vector<bool> claimed(tokens.size());
  const auto is_product = [](std::string_view dimension) { return dimension == "3/8"; };
  const std::optional<Delivery> delivery = FindDelivery(tokens, today, is_product, &claimed);
  if (!delivery) return "none";
  return delivery->asap ? "asap" : delivery->date->ToIso();
}

TEST(DeliveryParse, RelativeDays) {
  EXPECT_EQ(When("hoje"), "2026-11-27");
  EXPECT_EQ(When("Amanhã"), "2026-11-28");
  EXPECT_EQ(When("depois de amanha"), "2026-11-29");
}

TEST(DeliveryParse, WeekdayIsTheNextOneStrictlyAfterToday) {
  EXPECT_EQ(When("sabado"), "2026-11-28");
  EXPECT_EQ(When("segunda-feira"), "2026-11-30");
  EXPECT_EQ(When("sexta"), "2026-12-04");  // today is a Friday
}

TEST(DeliveryParse, DatesWithoutYearAreTheNextOnes) {
  EXPECT_EQ(When("15/01"), "2027-01-15");
  EXPECT_EQ(When("05/12"), "2026-12-05");
  EXPECT_EQ(When("15/01/2028"), "2028-01-15");
  EXPECT_EQ(When("10 de dezembro"), "2026-12-10");
}

TEST(DeliveryParse, APastDateIsNotADeliveryDay) {
  EXPECT_EQ(When("entrega 10/01/2020"), "none");
  EXPECT_EQ(When("10/01/20"), "none");
  EXPECT_EQ(When("26/11/2026"), "none");  // yesterday
  EXPECT_EQ(When("27/11/2026"), "2026-11-27");
  EXPECT_EQ(When("entrega 10/01/2020, ou melhor amanhã"), "2026-11-28");
  EXPECT_EQ(When("10/01/2020 urgente"), "asap");
}

TEST(DeliveryParse, DayOfMonthRollsOverToNextMonth) {
  EXPECT_EQ(When("dia 30"), "2026-11-30");
  EXPECT_EQ(When("dia 27"), "2026-11-27");
  EXPECT_EQ(When("dia 5"), "2026-12-05");
  EXPECT_EQ(When("dia 31", CivilDate{2027, 4, 2}), "2027-05-31");  // April has no 31st
}

TEST(DeliveryParse, ProductSizesAndFractionsAreNotDates) {
  EXPECT_EQ(When("ferro 3/8"), "none");
  EXPECT_EQ(When("1/2 metro"), "none");
  EXPECT_EQ(When("dia 3/8"), "2027-08-03");
}

TEST(DeliveryParse, AsapPhrases) {
  EXPECT_EQ(When("o quanto antes"), "asap");
  EXPECT_EQ(When("URGENTE"), "asap");
  EXPECT_EQ(When("o mais rápido possível"), "asap");
  EXPECT_EQ(When("assim que puder"), "asap");
  EXPECT_EQ(When("nao e urgente"), "none");
}

TEST(DeliveryParse, NegatedDaysDoNotCountAndADayBeatsAsap) {
  EXPECT_EQ(When("hoje não dá, pode ser amanhã"), "2026-11-28");
  EXPECT_EQ(When("urgente, se der hoje melhor"), "2026-11-27");
}

TEST(DeliveryParse, WhatsAppAbbreviations) {
  EXPECT_EQ(When("pra hj"), "2026-11-27");
  EXPECT_EQ(When("amnh de manha"), "2026-11-28");
  EXPECT_EQ(When("p/ amanhã"), "2026-11-28");
  EXPECT_EQ(When("dps de amanha"), "2026-11-29");
  EXPECT_EQ(When("dps amanha"), "2026-11-29");
  EXPECT_EQ(When("qdo puder"), "asap");
  EXPECT_EQ(When("hj nao, amnh"), "2026-11-28");
}

TEST(DeliveryParse, TodaysPriceIsNotADeliveryDay) {
  EXPECT_EQ(When("quanto ta o cimento hj"), "none");
  EXPECT_EQ(When("qual o preço hoje?"), "none");
  EXPECT_EQ(When("quanto fica pra entregar hoje"), "2026-11-27");
  EXPECT_EQ(When("quanto fica? entrega hoje"), "2026-11-27");
}

TEST(DeliveryParse, WeekdayAbbreviations) {
  EXPECT_EQ(When("sab"), "2026-11-28");
  EXPECT_EQ(When("seg-feira"), "2026-11-30");
  EXPECT_EQ(When("qua ou qui"), "2026-12-02");
  EXPECT_EQ(When("entrega na sex"), "2026-12-04");
  EXPECT_EQ(When("pode ser sex?"), "2026-12-04");
  EXPECT_EQ(When("na ter"), "2026-12-01");
}

TEST(DeliveryParse, AbbreviationsThatAreAlsoWordsNeedADayContext) {
  EXPECT_EQ(When("sex"), "none");
  EXPECT_EQ(When("vou ter que ver"), "none");
  EXPECT_EQ(When("pra ter certeza"), "none");
  EXPECT_EQ(When("av dom pedro 100"), "none");
}

TEST(DeliveryParse, AWeekdayRangeIsOpeningDays) {
  EXPECT_EQ(When("vcs abrem seg a sex?"), "none");
  EXPECT_EQ(When("de segunda-feira a sábado"), "none");
  EXPECT_EQ(When("abre de seg a sab? entrega na quinta"), "2026-12-03");
}

}  // namespace
}  // namespace orcazap::core
