// `orcazap approvals`: a person approves (maybe editing first) or rejects a quote that went to
// HUMAN_APPROVAL; the worker sends what the decision recorded. Against the demo store: cimento
// R$ 38,90 (cost 31,00), PIX 5 %, Centro freight R$ 30,00, minimum margin 12 %.
#include <gtest/gtest.h>

#include <string>

#include "tests/harness/stack.h"

namespace orcazap::testing {
namespace {

constexpr char kOwner[] = "dono@demo.orcazap.test";
constexpr char kOrderWithUnknownItem[] =
    "quero 10 sacos de cimento e 3 latas de verniz marítimo, entrega no Centro amanhã, pix";

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A customer of the demo store, as in conversation_test.cc.
class Customer {
 public:
  Customer(Stack& stack, std::string phone, std::string name)
      : stack_(stack), phone_(std::move(phone)), name_(std::move(name)) {}

  // Sends `text` and waits for one new reply; returns it.
  std::string Say(const std::string& text) {
    const size_t before = Replies();
    const std::string id = "wamid.approvals." + phone_ + "." + std::to_string(++sequence_);
    const auto response = stack_.PostWebhook(TextWebhook(phone_, name_, text, id));
    EXPECT_EQ(response.status, 200) << response.body;
    return WaitForReply(before);
  }
  // Waits for the reply after the first `before` ones; returns it.
  std::string WaitForReply(size_t before) {
    const bool arrived = Stack::WaitUntil([&] { return Replies() > before; });
    EXPECT_TRUE(arrived) << "no reply after " << before;
    const auto sent = stack_.SentMessages(phone_);
    return sent.size() > before ? sent[before]["body"].get<std::string>() : "";
  }
  size_t Replies() { return stack_.SentMessages(phone_).size(); }

  std::string State() {
    auto rows = stack_.db().Query(
        "SELECT c.state FROM conversations c JOIN contacts k ON k.id = c.contact_id "
        "WHERE k.phone = $1",
        {phone_});
    return rows.empty() ? "" : std::string(rows.Get(0, 0));
  }
  std::string QuoteId() {
    auto rows = stack_.db().Query(
        "SELECT q.id FROM quotes q JOIN conversations c ON c.id = q.conversation_id "
        "JOIN contacts k ON k.id = c.contact_id WHERE k.phone = $1 ORDER BY q.created_at DESC",
        {phone_});
    return rows.empty() ? "" : std::string(rows.Get(0, 0));
  }
  std::string QuoteStatus() {
    auto rows = stack_.db().Query("SELECT status FROM quotes WHERE id = $1", {QuoteId()});
    return rows.empty() ? "" : std::string(rows.Get(0, 0));
  }

 private:
  Stack& stack_;
  std::string phone_;
  std::string name_;
  int sequence_ = 0;
};

long long Approvals(Stack& stack, const std::string& status) {
  return stack.db().Count("SELECT count(*) FROM approvals WHERE status = $1", {status});
}

TEST(Approvals, ApprovingWithTheUnknownItemDroppedSendsTheQuoteOnceAndSimWins) {
  Stack stack;
  Customer davi(stack, "5511922220001", "Davi");
  davi.Say(kOrderWithUnknownItem);
  ASSERT_EQ(davi.State(), "HUMAN_APPROVAL");
  const std::string quote_id = davi.QuoteId();

  const RunResult list = stack.Orcazap({"approvals", "list", "--tenant", "demo"});
  EXPECT_EQ(list.status, 0) << list.output;
  EXPECT_TRUE(Contains(list.output, quote_id)) << list.output;
  EXPECT_TRUE(Contains(list.output, "Davi +5511922220001")) << list.output;
  EXPECT_TRUE(Contains(list.output, "unknown_item")) << list.output;

  // The unknown item must be resolved first.
  const RunResult refused = stack.Orcazap({"approvals", "approve", "--tenant", "demo", quote_id});
  EXPECT_EQ(refused.status, 2) << refused.output;
  EXPECT_TRUE(Contains(refused.output, "unknown items must be dropped")) << refused.output;
  EXPECT_TRUE(Contains(refused.output, "verniz")) << refused.output;
  EXPECT_TRUE(Contains(refused.output, "nothing was changed")) << refused.output;
  EXPECT_EQ(davi.State(), "HUMAN_APPROVAL");
  EXPECT_EQ(Approvals(stack, "pending"), 1);

  const RunResult approved = stack.Orcazap(
      {"approvals", "approve", "--tenant", "demo", quote_id, "--drop-unknown", "--by", kOwner});
  ASSERT_EQ(approved.status, 0) << approved.output;
  // 10 × 38,90 = 389,00; PIX 5 % = 19,45; Centro R$ 30,00 → 399,55
  const std::string quote = davi.WaitForReply(1);
  EXPECT_TRUE(Contains(quote, "R$ 389,00")) << quote;
  EXPECT_TRUE(Contains(quote, "R$ 19,45")) << quote;
  EXPECT_TRUE(Contains(quote, "R$ 399,55")) << quote;
  EXPECT_FALSE(Contains(quote, "verniz")) << quote;
  EXPECT_EQ(davi.State(), "QUOTE_SENT");
  EXPECT_EQ(davi.QuoteStatus(), "sent");
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM approvals a JOIN users u ON u.id = a.decided_by "
                             "WHERE a.status = 'approved' AND u.email = $1 AND a.decided_at "
                             "IS NOT NULL",
                             {kOwner}),
            1);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM quotes WHERE status = 'sent' AND "
                             "valid_until > now() + interval '23 hours'"),
            1);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM audit_log WHERE entity_type = 'quote' AND "
                             "action = 'approve' AND entity_id = $1 AND "
                             "before->>'quote_status' = 'pending_approval' AND "
                             "after->>'quote_status' = 'sent' AND user_id IS NOT NULL",
                             {quote_id}),
            1);

  const RunResult again =
      stack.Orcazap({"approvals", "approve", "--tenant", "demo", quote_id, "--drop-unknown"});
  EXPECT_EQ(again.status, 2) << again.output;
  EXPECT_TRUE(Contains(again.output, "already approved and sent")) << again.output;

  const std::string confirmation = davi.Say("sim");
  EXPECT_EQ(davi.State(), "WON");
  EXPECT_EQ(davi.QuoteStatus(), "won");
  EXPECT_TRUE(Contains(confirmation, "R$ 399,55")) << confirmation;
  EXPECT_EQ(davi.Replies(), 3u) << "approval pending, quote (once), confirmation";
}

TEST(Approvals, RejectingWithAMessageLosesTheSaleAndSendsTheDeclineText) {
  Stack stack;
  Customer eva(stack, "5511922220002", "Eva");
  eva.Say(kOrderWithUnknownItem);
  ASSERT_EQ(eva.State(), "HUMAN_APPROVAL");
  const std::string quote_id = eva.QuoteId();

  // A conversation that left HUMAN_APPROVAL cannot be decided on.
  stack.db().Query("UPDATE conversations SET state = 'CAPTURE_MIN'");
  const RunResult moved_on =
      stack.Orcazap({"approvals", "reject", "--tenant", "demo", quote_id, "--message"});
  EXPECT_EQ(moved_on.status, 2) << moved_on.output;
  EXPECT_TRUE(Contains(moved_on.output, "is in CAPTURE_MIN, not HUMAN_APPROVAL"))
      << moved_on.output;
  EXPECT_EQ(Approvals(stack, "pending"), 1);
  stack.db().Query("UPDATE conversations SET state = 'HUMAN_APPROVAL'");

  const RunResult rejected =
      stack.Orcazap({"approvals", "reject", "--tenant", "demo", quote_id, "--message"});
  ASSERT_EQ(rejected.status, 0) << rejected.output;
  const std::string decline = eva.WaitForReply(1);
  EXPECT_TRUE(Contains(decline, "Tudo bem, Eva!")) << decline;
  EXPECT_EQ(eva.State(), "LOST");
  EXPECT_EQ(eva.QuoteStatus(), "lost");
  EXPECT_EQ(Approvals(stack, "rejected"), 1);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM audit_log WHERE action = 'reject' AND "
                             "after->>'conversation_state' = 'LOST'"),
            1);

  const RunResult approve =
      stack.Orcazap({"approvals", "approve", "--tenant", "demo", quote_id, "--drop-unknown"});
  EXPECT_EQ(approve.status, 2) << approve.output;
  EXPECT_TRUE(Contains(approve.output, "already lost")) << approve.output;
  EXPECT_EQ(eva.Replies(), 2u);
}

TEST(Approvals, EditedPricesAndAddedLinesAreWhatTheCustomerGets) {
  Stack stack;
  Customer flor(stack, "5511922220003", "Flor");
  flor.Say(kOrderWithUnknownItem);
  ASSERT_EQ(flor.State(), "HUMAN_APPROVAL");
  const std::string quote_id = flor.QuoteId();

  const RunResult show = stack.Orcazap({"approvals", "show", "--tenant", "demo", quote_id});
  EXPECT_EQ(show.status, 0) << show.output;
  EXPECT_TRUE(Contains(show.output, "CIM-CPII-50")) << show.output;
  EXPECT_TRUE(Contains(show.output, "3 latas de verniz")) << show.output;
  EXPECT_TRUE(Contains(show.output, "HUMAN_APPROVAL")) << show.output;
  EXPECT_TRUE(Contains(show.output, "customer: quero 10 sacos de cimento")) << show.output;

  for (const std::vector<std::string>& bad : {std::vector<std::string>{"--price", "NOPE=1.00"},
                                              {"--price", "CIM-CPII-50=abc"},
                                              {"--add", "NOPE=1"},
                                              {"--by", "nobody@example.com"}}) {
    std::vector<std::string> args = {"approvals", "approve", "--tenant",
                                     "demo",      quote_id,  "--drop-unknown"};
    args.insert(args.end(), bad.begin(), bad.end());
    const RunResult refused = stack.Orcazap(args);
    EXPECT_EQ(refused.status, 2) << bad[1] << "\n" << refused.output;
  }
  const RunResult no_tenant = stack.Orcazap({"approvals", "list", "--tenant", "nope"});
  EXPECT_EQ(no_tenant.status, 2) << no_tenant.output;
  EXPECT_TRUE(Contains(no_tenant.output, "no tenant \"nope\"")) << no_tenant.output;
  const RunResult no_quote =
      stack.Orcazap({"approvals", "approve", "--tenant", "demo", "not-a-quote", "--drop-unknown"});
  EXPECT_EQ(no_quote.status, 2) << no_quote.output;
  EXPECT_EQ(flor.State(), "HUMAN_APPROVAL");
  EXPECT_EQ(flor.Replies(), 1u);

  const RunResult approved =
      stack.Orcazap({"approvals", "approve", "--tenant", "demo", quote_id, "--drop-unknown",
                     "--price", "CIM-CPII-50=35.00", "--add", "ARE-MED=2"});
  ASSERT_EQ(approved.status, 0) << approved.output;
  // 10 × 35,00 + 2 × 160,00 = 670,00; PIX 5 % = 33,50; Centro R$ 30,00 → 666,50
  const std::string quote = flor.WaitForReply(1);
  EXPECT_TRUE(Contains(quote, "R$ 670,00")) << quote;
  EXPECT_TRUE(Contains(quote, "R$ 33,50")) << quote;
  EXPECT_TRUE(Contains(quote, "R$ 666,50")) << quote;
  EXPECT_TRUE(Contains(quote, "Areia")) << quote;
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM quotes WHERE id = $1 AND status = 'sent' AND "
                             "total_centavos = 66650 AND subtotal_centavos = 67000",
                             {quote_id}),
            1);
}

}  // namespace
}  // namespace orcazap::testing
