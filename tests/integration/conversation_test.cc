// Whole conversations through the real webhook, queue, worker, PostgreSQL and Graph stand-in,
// against the demo store (orcazap seed): catalog, freight by bairro/CEP, PIX 5 %, minimum margin
// 12 %, approval above R$ 5.000,00.
#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "tests/harness/stack.h"

namespace orcazap::testing {
namespace {

// A customer of the demo store: sends text messages and reads the replies addressed to them.
class Customer {
 public:
  Customer(Stack& stack, std::string phone, std::string name)
      : stack_(stack), phone_(std::move(phone)), name_(std::move(name)) {}

  // Sends `text` and waits for `replies` new replies; returns the last one.
  std::string Say(const std::string& text, size_t replies = 1) {
    const size_t before = stack_.SentMessages(phone_).size();
    const std::string id = "wamid.test." + phone_ + "." + std::to_string(++sequence_);
    const auto response = stack_.PostWebhook(TextWebhook(phone_, name_, text, id));
    EXPECT_EQ(response.status, 200) << response.body;
    if (replies == 0) return "";
    const bool arrived =
        Stack::WaitUntil([&] { return stack_.SentMessages(phone_).size() >= before + replies; });
    EXPECT_TRUE(arrived) << "no reply to \"" << text << "\"";
    const auto sent = stack_.SentMessages(phone_);
    return sent.empty() ? "" : sent.back()["body"].get<std::string>();
  }

  // Sends `text`, expecting no reply: waits until the worker processed it.
  void SayExpectingSilence(const std::string& text) {
    const size_t before = stack_.SentMessages(phone_).size();
    Say(text, 0);
    EXPECT_TRUE(Stack::WaitUntil([&] {
      return stack_.db().Count(
                 "SELECT count(*) FROM messages WHERE direction = 'inbound' AND "
                 "peer_phone = $1 AND processed_at IS NULL",
                 {phone_}) == 0;
    }));
    EXPECT_EQ(stack_.SentMessages(phone_).size(), before);
  }

  std::string State() {
    auto rows = stack_.db().Query(
        "SELECT c.state FROM conversations c JOIN contacts k ON k.id = c.contact_id "
        "WHERE k.phone = $1",
        {phone_});
    return rows.empty() ? "" : std::string(rows.Get(0, 0));
  }
  bool NeedsHuman() {
    return stack_.db().Count(
               "SELECT count(*) FROM conversations c JOIN contacts k ON k.id = c.contact_id "
               "WHERE k.phone = $1 AND c.needs_human",
               {phone_}) == 1;
  }
  long long Quotes(const std::string& status) {
    return stack_.db().Count(
        "SELECT count(*) FROM quotes q JOIN conversations c ON c.id = q.conversation_id "
        "JOIN contacts k ON k.id = c.contact_id WHERE k.phone = $1 AND q.status = $2",
        {phone_, status});
  }
  size_t RepliesSoFar() { return stack_.SentMessages(phone_).size(); }

 private:
  Stack& stack_;
  std::string phone_;
  std::string name_;
  int sequence_ = 0;
};

constexpr char kCompleteOrder[] =
    "Bom dia! Quero 10 sacos de cimento e 2 metros de areia, entrega no Centro amanhã, pago no pix";

TEST(Conversation, ACompleteFirstMessageGetsAQuote) {
  Stack stack;
  Customer ana(stack, "5511911110001", "Ana");
  const std::string quote = ana.Say(kCompleteOrder);
  // 10 × 38,90 + 2 × 160,00 = 709,00; PIX 5 % = 35,45; Centro R$ 30,00 → 703,55
  EXPECT_NE(quote.find("R$ 709,00"), std::string::npos) << quote;
  EXPECT_NE(quote.find("R$ 35,45"), std::string::npos) << quote;
  EXPECT_NE(quote.find("R$ 30,00"), std::string::npos) << quote;
  EXPECT_NE(quote.find("R$ 703,55"), std::string::npos) << quote;
  EXPECT_EQ(ana.State(), "QUOTE_SENT");
  EXPECT_EQ(ana.Quotes("sent"), 1);
  EXPECT_EQ(ana.RepliesSoFar(), 1u);
}

TEST(Conversation, DataOverThreeMessagesGetsOneQuoteAfterTheThirdAskingOnlyForWhatIsMissing) {
  Stack stack;
  Customer bruno(stack, "5511911110002", "Bruno");
  const std::string first = bruno.Say("oi, preciso de 10 sacos de cimento");
  EXPECT_EQ(bruno.State(), "CAPTURE_MIN");
  EXPECT_EQ(
      first.find("cimento ") == std::string::npos && first.find("Cimento") == std::string::npos,
      false)
      << "the follow-up says what was understood: " << first;

  const std::string second = bruno.Say("entrega no bairro Centro");
  EXPECT_EQ(bruno.State(), "CAPTURE_MIN");
  EXPECT_EQ(bruno.Quotes("sent"), 0);

  const std::string third = bruno.Say("pago no pix, pode ser sexta");
  EXPECT_EQ(bruno.State(), "QUOTE_SENT");
  EXPECT_EQ(bruno.Quotes("sent"), 1);
  EXPECT_EQ(bruno.RepliesSoFar(), 3u);
  EXPECT_NE(third.find("R$ 389,00"), std::string::npos) << third;  // 10 × 38,90
}

TEST(Conversation, FollowUpsAskOnlyForWhatIsStillMissing) {
  Stack stack;
  Customer carla(stack, "5511911110003", "Carla");
  const std::string first = carla.Say("quero 5 sacos de cimento, pago no pix, entrega amanhã");
  // Only the location is missing: the follow-up must not ask for payment or day again.
  EXPECT_NE(first.find("Local de entrega"), std::string::npos) << first;
  EXPECT_EQ(first.find("Forma de pagamento"), std::string::npos) << first;
  EXPECT_EQ(first.find("Dia da entrega"), std::string::npos) << first;
  EXPECT_EQ(carla.State(), "CAPTURE_MIN");
}

TEST(Conversation, AnUnknownItemGoesToHumanApprovalAndTheCustomerIsToldAPersonWillAnswer) {
  Stack stack;
  Customer davi(stack, "5511911110004", "Davi");
  const std::string reply = davi.Say(
      "quero 10 sacos de cimento e 3 latas de verniz marítimo, entrega no Centro "
      "amanhã, pix");
  EXPECT_EQ(davi.State(), "HUMAN_APPROVAL");
  EXPECT_TRUE(davi.NeedsHuman());
  EXPECT_EQ(davi.Quotes("pending_approval"), 1);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM approvals WHERE status = 'pending' AND "
                             "'unknown_item' = ANY(reasons)"),
            1);
  EXPECT_NE(reply.find("verniz"), std::string::npos) << reply;
  EXPECT_EQ(reply.find("R$"), std::string::npos) << "no prices before a person looked: " << reply;
}

TEST(Conversation, SimAfterAQuoteWinsTheSaleAndConfirms) {
  Stack stack;
  Customer elisa(stack, "5511911110005", "Elisa");
  elisa.Say(kCompleteOrder);
  ASSERT_EQ(elisa.State(), "QUOTE_SENT");
  const std::string confirmation = elisa.Say("sim");
  EXPECT_EQ(elisa.State(), "WON");
  EXPECT_EQ(elisa.Quotes("won"), 1);
  EXPECT_NE(confirmation.find("R$ 703,55"), std::string::npos) << confirmation;
}

TEST(Conversation, NaoAfterAQuoteLosesTheSale) {
  Stack stack;
  Customer fabio(stack, "5511911110006", "Fábio");
  fabio.Say(kCompleteOrder);
  fabio.Say("não, obrigado");
  EXPECT_EQ(fabio.State(), "LOST");
  EXPECT_EQ(fabio.Quotes("lost"), 1);
  EXPECT_FALSE(fabio.NeedsHuman());
}

TEST(Conversation, AQuestionAfterAQuoteWaitsForAPersonFlagged) {
  Stack stack;
  Customer gabi(stack, "5511911110007", "Gabi");
  gabi.Say(kCompleteOrder);
  gabi.SayExpectingSilence("a areia é lavada? dá pra entregar de manhã?");
  EXPECT_EQ(gabi.State(), "WAITING_REPLY");
  EXPECT_TRUE(gabi.NeedsHuman());
  // Confirming later still closes the sale.
  gabi.Say("ok, sim, pode fechar");
  EXPECT_EQ(gabi.State(), "WON");
}

TEST(Conversation, AnExpiredQuoteIsLostByThePeriodicJob) {
  Stack stack;
  Customer hugo(stack, "5511911110008", "Hugo");
  hugo.Say(kCompleteOrder);
  ASSERT_EQ(hugo.State(), "QUOTE_SENT");
  stack.db().Query(
      "UPDATE quotes SET valid_until = now() - interval '1 minute' WHERE status = 'sent'");
  ASSERT_TRUE(Stack::WaitUntil([&] { return hugo.State() == "LOST"; }, std::chrono::seconds(20)));
  EXPECT_EQ(hugo.Quotes("expired"), 1);
  ASSERT_TRUE(Stack::WaitUntil([&] { return hugo.RepliesSoFar() == 2u; }));
  const std::string expired = stack.SentMessages("5511911110008").back()["body"];
  EXPECT_NE(expired.find("venc"), std::string::npos) << expired;  // "vencido"/"venceu"
}

TEST(Conversation, AnExpiryAfterTheCustomerServiceWindowIsRecordedFailedNotSent) {
  Stack stack;
  Customer hugo(stack, "5511911110018", "Hugo");
  hugo.Say(kCompleteOrder);
  ASSERT_EQ(hugo.State(), "QUOTE_SENT");
  // The customer last wrote 25 hours ago; the quote's validity has just passed.
  stack.db().Query("UPDATE conversations SET last_inbound_at = now() - interval '25 hours'");
  stack.db().Query(
      "UPDATE quotes SET valid_until = now() - interval '1 minute' WHERE status = 'sent'");
  ASSERT_TRUE(Stack::WaitUntil([&] { return hugo.State() == "LOST"; }, std::chrono::seconds(20)));
  ASSERT_TRUE(Stack::WaitUntil([&] {
    return stack.db().Count(
               "SELECT count(*) FROM messages WHERE direction = 'outbound' AND "
               "status = 'failed' AND error LIKE '%24 hours%'") == 1;
  }));
  EXPECT_EQ(hugo.RepliesSoFar(), 1u) << "only the quote reached WhatsApp";
}

TEST(Conversation, ANewMessageAfterWonStartsANewQuote) {
  Stack stack;
  Customer iris(stack, "5511911110009", "Íris");
  iris.Say(kCompleteOrder);
  iris.Say("sim");
  ASSERT_EQ(iris.State(), "WON");
  const std::string quote = iris.Say("de novo: 20 sacos de cimento, entrega no Centro amanhã, pix");
  EXPECT_EQ(iris.State(), "QUOTE_SENT");
  EXPECT_EQ(iris.Quotes("won"), 1);
  EXPECT_EQ(iris.Quotes("sent"), 1);
  EXPECT_NE(quote.find("R$ 778,00"), std::string::npos) << quote;  // 20 × 38,90
}

TEST(Conversation, NonTextMessagesGetAPoliteAnswer) {
  Stack stack;
  ASSERT_EQ(stack.PostWebhook(Fixture("batch_mixed.json")).status, 200);
  // José sent a button reply, a location and a sticker; Ana an image with a caption. A message
  // is marked processed before its replies leave: wait for both.
  ASSERT_TRUE(Stack::WaitUntil([&] {
    return stack.db().Count(
               "SELECT count(*) FROM messages WHERE (direction = 'inbound' AND "
               "processed_at IS NULL) OR (direction = 'outbound' AND status = 'queued')") == 0;
  }));
  const auto to_jose = stack.SentMessages("5531988887777");
  bool asked_as_text = false;
  bool asked_for_cep = false;
  for (const auto& message : to_jose) {
    const std::string body = message["body"];
    asked_as_text = asked_as_text || body.find("texto") != std::string::npos;
    asked_for_cep = asked_for_cep || body.find("CEP") != std::string::npos;
  }
  EXPECT_TRUE(asked_as_text) << to_jose.dump(2);
  EXPECT_TRUE(asked_for_cep) << to_jose.dump(2);
  EXPECT_FALSE(stack.SentMessages("5521991234567").empty());  // the caption was read
}

}  // namespace
}  // namespace orcazap::testing
