// The worker keeps each store's catalog and texts between jobs; a change committed by any writer
// (the CLI, or SQL straight into the tables) is what the next quote uses.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "tests/harness/stack.h"

namespace orcazap::testing {
namespace {

constexpr char kOrder[] =
    "Bom dia! Quero 10 sacos de cimento e 2 metros de areia, entrega no Centro amanhã, pago no pix";

// The first reply `phone` receives after ordering.
std::string QuoteFor(Stack& stack, const std::string& phone, const std::string& message_id) {
  const auto response = stack.PostWebhook(TextWebhook(phone, "Ana", kOrder, message_id));
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_TRUE(Stack::WaitUntil([&] { return stack.SentMessages(phone).size() == 1; }));
  const auto sent = stack.SentMessages(phone);
  return sent.empty() ? "" : sent[0]["body"].get<std::string>();
}

TEST(CatalogCache, APriceChangedAfterAQuoteIsWhatTheNextQuoteUses) {
  Stack stack;
  const std::string before = QuoteFor(stack, "5511911118001", "wamid.cache.1");
  EXPECT_NE(before.find("R$ 389,00"), std::string::npos) << before;  // 10 × 38,90

  stack.db().Query("UPDATE items SET price_centavos = 4000 WHERE sku = 'CIM-CPII-50'");
  const std::string after = QuoteFor(stack, "5511911118002", "wamid.cache.2");
  EXPECT_NE(after.find("R$ 400,00"), std::string::npos) << after;  // 10 × 40,00
  EXPECT_EQ(after.find("R$ 389,00"), std::string::npos) << after;
}

TEST(CatalogCache, ATextSetAfterAQuoteIsWhatTheNextCustomerReceives) {
  Stack stack;
  const std::string before = QuoteFor(stack, "5511911118003", "wamid.cache.3");
  EXPECT_NE(before.find("R$ 389,00"), std::string::npos) << before;

  char dir[] = "/tmp/orcazap-cache-XXXXXX";
  const std::string file = std::string(mkdtemp(dir)) + "/quote.txt";
  std::ofstream(file) << "Total: {{total}}\n";
  const RunResult set = stack.Orcazap({"texts", "set", "--tenant", "demo", "quote", file});
  ASSERT_EQ(set.status, 0) << set.output;
  // 10 × 38,90 + 2 × 160,00 = 709,00; PIX −35,45; Centro 30,00 → 703,55
  EXPECT_EQ(QuoteFor(stack, "5511911118004", "wamid.cache.4"), "Total: R$ 703,55");
}

}  // namespace
}  // namespace orcazap::testing
