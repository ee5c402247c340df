#include "core/conversation_engine.h"

#include <gtest/gtest.h>

#include <string>

namespace orcazap::core {
namespace {

using S = ConversationState;

CatalogItem Item(std::string sku, std::string name, std::string unit, int64_t centavos,
                 std::vector<std::string> aliases = {}) {
  CatalogItem item;
  item.sku = std::move(sku);
  item.name = std::move(name);
  item.unit = std::move(unit);
  item.price = Money::Centavos(centavos);
  item.aliases = std::move(aliases);
  return item;
}

class ConversationEngineTest : public ::testing::Test {
 protected:
  ConversationEngineTest() {
    catalog_.items = {Item("CIM", "Cimento CP II 50kg", "saco", 3890),
                      Item("ARE", "Areia média", "m³", 15000, {"areia"}),
                      Item("TIJ", "Tijolo baiano", "un", 120, {"tijolo"})};
    FreightRule centro;
    centro.bairro = "Centro";
    centro.base = Money::Centavos(3000);
    catalog_.freight_rules = {centro};
    catalog_.rules.pix_discount_basis_points = 500;
  }

  TurnContext Context(CivilDate today = kToday) const {
    return TurnContext{catalog_, texts_, "Ana", today, LocalDateTime{today.AddDays(1), 18, 0}};
  }

  // The reply with that purpose, or "" when none was sent.
  static std::string Reply(const Turn& turn, std::string_view purpose) {
    for (const OutgoingText& reply : turn.replies) {
      if (reply.purpose == purpose) return reply.body;
    }
    return "";
  }

  static constexpr CivilDate kToday{2026, 11, 27};
  Catalog catalog_;
  Texts texts_;
};

TEST_F(ConversationEngineTest, AnAbsurdQuantityIsNeverQuotedAutomatically) {
  const Turn turn = TakeTurn({},
                             {InboundKind::kText,
                              "999.999.999.999.999 m³ de areia, centro, "
                              "pix, amanhã"},
                             Context());
  EXPECT_EQ(turn.state, S::kHumanApproval);
  EXPECT_EQ(Reply(turn, "quote"), "");
  ASSERT_TRUE(turn.new_quote);
  EXPECT_TRUE(turn.new_quote->lines.empty());
  EXPECT_EQ(turn.new_quote->unknown, std::vector<std::string>{"999.999.999.999.999 m³ de areia"});
  EXPECT_GE(turn.new_quote->total, Money());
}

TEST_F(ConversationEngineTest, ALongPlainCountIsQuotedAsWritten) {
  const Turn turn = TakeTurn(
      {}, {InboundKind::kText, "100000 tijolos, entrega no centro, pix, amanhã"}, Context());
  EXPECT_EQ(turn.state, S::kQuoteSent);
  EXPECT_NE(Reply(turn, "quote").find("• Tijolo baiano — 100.000 un: R$ 120.000,00"),
            std::string::npos)
      << Reply(turn, "quote");
}

// What the service keeps of a turn for the next message in CAPTURE_MIN.
ConversationSnapshot After(const Turn& turn) {
  ConversationSnapshot snapshot;
  snapshot.state = turn.state;
  snapshot.captured = turn.captured;
  snapshot.needs_human = turn.needs_human;
  return snapshot;
}

TEST_F(ConversationEngineTest, AnItemNamedWithoutAQuantityIsAskedForNotQuotedAsOne) {
  const Turn turn =
      TakeTurn({}, {InboundKind::kText, "tem cimento? entrega no centro, pix, amanhã"}, Context());
  EXPECT_EQ(turn.state, S::kCaptureMin);
  EXPECT_FALSE(turn.new_quote);
  EXPECT_EQ(Reply(turn, "quote"), "");
  EXPECT_EQ(Reply(turn, "follow_up"),
            "Anotei, Ana:\n"
            "• Entrega: Centro\n"
            "• Pagamento: PIX\n"
            "• Dia: sábado, 28/11/2026\n\n"
            "Para fechar seu orçamento, ainda preciso de:\n"
            "• *Quantidade* de Cimento CP II 50kg (ex.: 10 sacos)");
}

TEST_F(ConversationEngineTest, TheQuantityInALaterMessageSendsTheQuote) {
  const Turn asked =
      TakeTurn({}, {InboundKind::kText, "tem cimento? entrega no centro, pix, amanhã"}, Context());
  const Turn turn = TakeTurn(After(asked), {InboundKind::kText, "10 sacos"}, Context());
  EXPECT_EQ(turn.state, S::kQuoteSent);
  ASSERT_TRUE(turn.new_quote);
  ASSERT_EQ(turn.new_quote->lines.size(), 1u);
  EXPECT_EQ(turn.new_quote->lines[0].quantity, Quantity::Whole(10));
  EXPECT_TRUE(turn.new_quote->unknown.empty());
  EXPECT_NE(Reply(turn, "quote").find("• Cimento CP II 50kg — 10 sacos: R$ 389,00"),
            std::string::npos)
      << Reply(turn, "quote");
}

TEST_F(ConversationEngineTest, ItemsWithAQuantityAreKeptWhileTheOthersAreAskedFor) {
  const Turn asked = TakeTurn(
      {}, {InboundKind::kText, "tem areia? e 20 sacos de cimento, centro, pix, amanhã"}, Context());
  EXPECT_EQ(asked.state, S::kCaptureMin);
  EXPECT_FALSE(asked.new_quote);
  const std::string follow_up = Reply(asked, "follow_up");
  EXPECT_NE(follow_up.find("• Cimento CP II 50kg — 20 sacos\n"), std::string::npos) << follow_up;
  EXPECT_NE(follow_up.find("• *Quantidade* de Areia média (ex.: 10 m³)"), std::string::npos)
      << follow_up;
  EXPECT_EQ(follow_up.find("Areia média — "), std::string::npos) << follow_up;

  const Turn turn = TakeTurn(After(asked), {InboundKind::kText, "3 m de areia"}, Context());
  EXPECT_EQ(turn.state, S::kQuoteSent);
  const std::string quote = Reply(turn, "quote");
  EXPECT_NE(quote.find("• Cimento CP II 50kg — 20 sacos: R$ 778,00"), std::string::npos) << quote;
  EXPECT_NE(quote.find("• Areia média — 3 m³: R$ 450,00"), std::string::npos) << quote;
}

TEST_F(ConversationEngineTest, ADeliveryDayThatPassedBeforeTheDataWasCompleteIsAskedAgain) {
  const Turn first =
      TakeTurn({}, {InboundKind::kText, "20 sacos de cimento pra amanhã, pix"}, Context());
  ASSERT_EQ(first.state, S::kCaptureMin);
  ASSERT_TRUE(first.captured.delivery && first.captured.delivery->date);
  EXPECT_EQ(*first.captured.delivery->date, kToday.AddDays(1));

  // The place comes three days later: "amanhã" of the first message is past.
  const Turn late =
      TakeTurn(After(first), {InboundKind::kText, "entrega no centro"}, Context(kToday.AddDays(3)));
  EXPECT_EQ(late.state, S::kCaptureMin);
  EXPECT_FALSE(late.new_quote.has_value());
  EXPECT_FALSE(late.captured.delivery.has_value());
  EXPECT_NE(Reply(late, "follow_up").find("Dia da entrega"), std::string::npos)
      << Reply(late, "follow_up");

  // The same place the next day still quotes for "amanhã" (today then).
  const Turn in_time =
      TakeTurn(After(first), {InboundKind::kText, "entrega no centro"}, Context(kToday.AddDays(1)));
  EXPECT_EQ(in_time.state, S::kQuoteSent);
}

TEST_F(ConversationEngineTest, HojeAnsweredTheNextDayIsAskedAgain) {
  const std::string order = "20 sacos de cimento, entrega hoje no centro, pix";
  // Written and answered the same day: quoted for that day.
  const Turn same_day = TakeTurn({}, {InboundKind::kText, order}, Context());
  EXPECT_EQ(same_day.state, S::kQuoteSent);

  // Written at 23:58, answered after midnight (or after an outage): "hoje" is the day it was
  // written, which has passed for the customer reading the answer.
  TurnContext late = Context();
  late.answer_date = kToday.AddDays(1);
  const Turn next_day = TakeTurn({}, {InboundKind::kText, order}, late);
  EXPECT_EQ(next_day.state, S::kCaptureMin);
  EXPECT_FALSE(next_day.new_quote.has_value());
  EXPECT_FALSE(next_day.captured.delivery.has_value());
  EXPECT_NE(Reply(next_day, "follow_up").find("Dia da entrega"), std::string::npos)
      << Reply(next_day, "follow_up");

  // "amanhã" written late and answered after midnight is that day: still quoted.
  const Turn tomorrow = TakeTurn(
      {}, {InboundKind::kText, "20 sacos de cimento, entrega amanhã no centro, pix"}, late);
  EXPECT_EQ(tomorrow.state, S::kQuoteSent);
}

TEST_F(ConversationEngineTest, AnUnknownItemStillGoesToAPersonOnceTheQuantitiesAreThere) {
  const Turn asked = TakeTurn(
      {}, {InboundKind::kText, "tem cimento? e 3 latas de verniz, centro, pix, amanhã"}, Context());
  EXPECT_EQ(asked.state, S::kCaptureMin);
  EXPECT_FALSE(asked.new_quote);
  const std::string follow_up = Reply(asked, "follow_up");
  EXPECT_NE(follow_up.find("Não encontrei no catálogo: 3 latas de verniz."), std::string::npos)
      << follow_up;
  EXPECT_NE(follow_up.find("• *Quantidade* de Cimento CP II 50kg"), std::string::npos) << follow_up;

  const Turn turn = TakeTurn(After(asked), {InboundKind::kText, "10 sacos"}, Context());
  EXPECT_EQ(turn.state, S::kHumanApproval);
  ASSERT_TRUE(turn.new_quote);
  ASSERT_EQ(turn.new_quote->lines.size(), 1u);
  EXPECT_EQ(turn.new_quote->lines[0].quantity, Quantity::Whole(10));
  EXPECT_EQ(turn.new_quote->unknown, std::vector<std::string>{"3 latas de verniz"});
  EXPECT_NE(Reply(turn, "approval_pending").find("não encontrei no catálogo: 3 latas de verniz"),
            std::string::npos);
}

TEST_F(ConversationEngineTest, ALineThatMatchesNothingSentAfterTheItemsIsReportedNotDropped) {
  const Turn asked = TakeTurn({}, {InboundKind::kText, "10 sacos de cimento"}, Context());
  EXPECT_EQ(asked.state, S::kCaptureMin);
  const Turn more = TakeTurn(After(asked), {InboundKind::kText, "lona preta"}, Context());
  EXPECT_EQ(more.captured.unknown, std::vector<std::string>{"lona preta"});
  EXPECT_NE(Reply(more, "follow_up").find("Não encontrei no catálogo: lona preta."),
            std::string::npos)
      << Reply(more, "follow_up");

  // The same words as the first message of an order are not an order line (rule 4).
  const Turn first = TakeTurn({}, {InboundKind::kText, "lona preta"}, Context());
  EXPECT_TRUE(first.captured.unknown.empty());
  // Nor is chatter after the items.
  const Turn thanks = TakeTurn(After(asked), {InboundKind::kText, "obrigado!"}, Context());
  EXPECT_TRUE(thanks.captured.unknown.empty());
}

// A snapshot waiting on a quote valid until 28/11/2026 18:00.
ConversationSnapshot WaitingOnQuote(ConversationState state) {
  ConversationSnapshot snapshot;
  snapshot.state = state;
  snapshot.open_quote = OpenQuote{"q1", Quote{}, LocalDateTime{{2026, 11, 28}, 18, 0}};
  return snapshot;
}

TEST_F(ConversationEngineTest, AnyReplyAfterTheValidityDateExpiresTheQuote) {
  for (const S state : {S::kQuoteSent, S::kWaitingReply}) {
    for (const char* text : {"sim, pode mandar", "não", "e o frete?"}) {
      const Turn turn =
          TakeTurn(WaitingOnQuote(state), {InboundKind::kText, text}, Context({2026, 11, 29}));
      EXPECT_EQ(turn.state, S::kLost) << text;
      EXPECT_EQ(turn.open_quote_outcome, QuoteOutcome::kExpired) << text;
      EXPECT_FALSE(turn.needs_human) << text;
      ASSERT_EQ(turn.replies.size(), 1u) << text;
      EXPECT_EQ(turn.replies[0].purpose, "quote_expired") << text;
      EXPECT_NE(turn.replies[0].body.find("venceu em 28/11/2026 18:00"), std::string::npos)
          << turn.replies[0].body;
    }
  }
}

TEST_F(ConversationEngineTest, OnItsLastDayAQuoteCanBeWonUntilItsMinute) {
  // The quote is valid until 2026-11-28 18:00 (WaitingOnQuote).
  TurnContext before = Context({2026, 11, 28});
  before.now = LocalDateTime{{2026, 11, 28}, 17, 59};
  const Turn won = TakeTurn(WaitingOnQuote(S::kQuoteSent), {InboundKind::kText, "sim"}, before);
  EXPECT_EQ(won.state, S::kWon);
  EXPECT_EQ(won.open_quote_outcome, QuoteOutcome::kWon);
  EXPECT_NE(Reply(won, "confirmation"), "");

  TurnContext at = Context({2026, 11, 28});
  at.now = LocalDateTime{{2026, 11, 28}, 18, 0};
  const Turn expired = TakeTurn(WaitingOnQuote(S::kQuoteSent), {InboundKind::kText, "sim"}, at);
  EXPECT_EQ(expired.state, S::kLost);
  EXPECT_EQ(expired.open_quote_outcome, QuoteOutcome::kExpired);
  EXPECT_NE(Reply(expired, "quote_expired"), "");

  // Without the time of day, only the date counts: the periodic job expires it at 18:00.
  const Turn by_date =
      TakeTurn(WaitingOnQuote(S::kQuoteSent), {InboundKind::kText, "sim"}, Context({2026, 11, 28}));
  EXPECT_EQ(by_date.state, S::kWon);
}

}  // namespace
}  // namespace orcazap::core
