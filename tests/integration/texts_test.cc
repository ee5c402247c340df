// `orcazap texts`: a store's customer texts, validated before they are stored, and used by the
// worker in the next conversation.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "tests/harness/stack.h"

namespace orcazap::testing {
namespace {

constexpr char kSecretKey[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

// A file holding `text`, in `dir`.
std::string WriteText(const std::string& dir, const std::string& name, const std::string& text) {
  const std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

RunResult Texts(const std::map<std::string, std::string>& env, std::vector<std::string> args) {
  args.insert(args.begin(), {OrcazapBinary(), "texts"});
  return RunCommand(args, env);
}

// A migrated database with the demo store, for the commands alone.
class TextsCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = {{"DATABASE_URL", db_.url()}, {"ORCAZAP_ENV", "production"}, {"SECRET_KEY", kSecretKey}};
    for (std::vector<std::string> step : {std::vector<std::string>{"migrate", "up"}, {"seed"}}) {
      step.insert(step.begin(), OrcazapBinary());
      const RunResult result = RunCommand(step, env_);
      ASSERT_EQ(result.status, 0) << result.output;
    }
    char dir[] = "/tmp/orcazap-texts-XXXXXX";
    dir_ = mkdtemp(dir);
  }
  long long Stored() { return db_.Count("SELECT count(*) FROM message_templates"); }

  TestDatabase db_;
  std::map<std::string, std::string> env_;
  std::string dir_;
};

TEST_F(TextsCommand, AnUnknownVariableIsRefusedWithExit2NamingItAndNothingIsStored) {
  const std::string file = WriteText(dir_, "prompt.txt", "Olá {{unknown_var}}, o que precisa?\n");
  const RunResult set = Texts(env_, {"set", "--tenant", "demo", "capture_prompt", file});
  EXPECT_EQ(set.status, 2) << set.output;
  EXPECT_NE(set.output.find("text capture_prompt: line 1, column 5: unknown variable "
                            "\"unknown_var\" (known here: customer_name)"),
            std::string::npos)
      << set.output;
  EXPECT_NE(set.output.find("nothing was stored"), std::string::npos) << set.output;
  EXPECT_EQ(Stored(), 0);
}

TEST_F(TextsCommand, BrokenTemplatesAndEmptyTextsAreRefusedAndNothingIsStored) {
  for (const char* text : {"{{#lines}}{{name}}\n", "Total: {{total}\n", "\n  \n"}) {
    const std::string file = WriteText(dir_, "quote.txt", text);
    const RunResult set = Texts(env_, {"set", "--tenant", "demo", "quote", file});
    EXPECT_EQ(set.status, 2) << text << "\n" << set.output;
    EXPECT_NE(set.output.find("text quote: "), std::string::npos) << set.output;
  }
  EXPECT_EQ(Stored(), 0);
}

TEST_F(TextsCommand, UnknownTenantOrTextIsBadUsage) {
  const std::string file = WriteText(dir_, "decline.txt", "Tudo bem!\n");
  const RunResult tenant = Texts(env_, {"set", "--tenant", "nope", "decline", file});
  EXPECT_EQ(tenant.status, 2) << tenant.output;
  EXPECT_NE(tenant.output.find("no tenant \"nope\""), std::string::npos) << tenant.output;
  const RunResult key = Texts(env_, {"show", "--tenant", "demo", "goodbye"});
  EXPECT_EQ(key.status, 2) << key.output;
  EXPECT_NE(key.output.find("no text \"goodbye\" (the texts: capture_prompt, missing_data"),
            std::string::npos)
      << key.output;
  EXPECT_EQ(Stored(), 0);
}

TEST_F(TextsCommand, SetShowListResetRoundTrip) {
  const std::string body =
      "Beleza{{#customer_name}}, {{customer_name}}{{/customer_name}}! "
      "Cancelado. Qualquer coisa chama aqui.\n";
  const RunResult set =
      Texts(env_, {"set", "--tenant", "demo", "decline", WriteText(dir_, "decline.txt", body)});
  ASSERT_EQ(set.status, 0) << set.output;
  EXPECT_EQ(Stored(), 1);

  EXPECT_EQ(Texts(env_, {"show", "--tenant", "demo", "decline"}).output, body);
  const RunResult list = Texts(env_, {"list", "--tenant", "demo"});
  EXPECT_EQ(list.status, 0) << list.output;
  EXPECT_NE(list.output.find("decline           overridden\n"), std::string::npos) << list.output;
  EXPECT_NE(list.output.find("quote             default\n"), std::string::npos) << list.output;

  const RunResult preview = Texts(env_, {"preview", "--tenant", "demo", "decline"});
  EXPECT_EQ(preview.output, "Beleza, Ana! Cancelado. Qualquer coisa chama aqui.\n");

  const RunResult reset = Texts(env_, {"reset", "--tenant", "demo", "decline"});
  EXPECT_EQ(reset.status, 0) << reset.output;
  EXPECT_EQ(Stored(), 0);
  EXPECT_NE(
      Texts(env_, {"show", "--tenant", "demo", "decline"}).output.find("Cancelei o orçamento"),
      std::string::npos);
}

TEST_F(TextsCommand, PreviewFillsEveryVariableWithSampleData) {
  const RunResult quote = Texts(env_, {"preview", "--tenant", "demo", "quote"});
  EXPECT_EQ(quote.status, 0) << quote.output;
  // 10 × 38,90 + 2 × 150,00 = 689,00; PIX 5 % = 34,45; freight 30,00 → 684,55
  for (const char* part :
       {"• Cimento CP II 50kg — 10 sacos: R$ 389,00", "Desconto PIX (5%): -R$ 34,45",
        "*Total: R$ 684,55*", "Entrega: sexta-feira, 15/01/2027 (Centro)",
        "Válido até 16/01/2027 14:30"}) {
    EXPECT_NE(quote.output.find(part), std::string::npos) << part << "\n" << quote.output;
  }
  const std::string draft = WriteText(dir_, "expired.txt", "Venceu em {{valid_until}}.\n");
  const RunResult expired = Texts(env_, {"preview", "--tenant", "demo", "quote_expired", draft});
  EXPECT_EQ(expired.output, "Venceu em 16/01/2027 14:30.\n");
  EXPECT_EQ(Stored(), 0);
}

TEST(Texts, AnOverrideSetWithTheCommandIsWhatTheNextCustomerReceives) {
  Stack stack;
  char dir[] = "/tmp/orcazap-texts-XXXXXX";
  const std::string file = WriteText(mkdtemp(dir), "quote.txt",
                                     "{{#lines}}{{quantity}} {{unit}} {{name}} = {{line_total}}\n"
                                     "{{/lines}}Total: {{total}} ({{payment}})\n");
  const RunResult set =
      RunCommand({OrcazapBinary(), "texts", "set", "--tenant", "demo", "quote", file}, stack.Env());
  ASSERT_EQ(set.status, 0) << set.output;

  const std::string phone = "5511911119001";
  const auto response =
      stack.PostWebhook(TextWebhook(phone, "Ana",
                                    "Bom dia! Quero 10 sacos de cimento e 2 metros de areia, "
                                    "entrega no Centro amanhã, pago no pix",
                                    "wamid.texts.1"));
  ASSERT_EQ(response.status, 200) << response.body;
  ASSERT_TRUE(Stack::WaitUntil([&] { return stack.SentMessages(phone).size() == 1; }));
  // The demo store: 10 × 38,90 + 2 × 160,00 = 709,00; PIX −35,45; Centro 30,00 → 703,55
  EXPECT_EQ(stack.SentMessages(phone)[0]["body"].get<std::string>(),
            "10 sacos Cimento CP II 50kg = R$ 389,00\n"
            "2 m³ Areia média = R$ 320,00\n"
            "Total: R$ 703,55 (PIX)");
}

}  // namespace
}  // namespace orcazap::testing
