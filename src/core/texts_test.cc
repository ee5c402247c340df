#include "core/texts.h"

#include <gtest/gtest.h>

#include "core/text_data.h"

namespace orcazap::core {
namespace {

Money R(const char* reais) { return *Money::ParseReais(reais); }
Quantity Q(const char* text) { return *Quantity::Parse(text); }

Quote SampleQuote() {
  Quote quote;
  quote.lines = {
      {"CIM", "Cimento CP-II 50kg", "saco", Q("10"), R("38.90"), 300, R("37.73"), R("377.30")},
      {"AREIA", "Areia média", "m³", Q("2.5"), R("120.00"), 0, R("120.00"), R("300.00")}};
  quote.payment = PaymentMethod::kPix;
  quote.subtotal = R("677.30");
  quote.volume_discount = R("11.70");
  quote.payment_discount_basis_points = 500;
  quote.payment_discount = R("33.87");
  quote.freight = R("30.00");
  quote.total = R("673.43");
  return quote;
}

QuoteTextContext SampleContext() {
  return {"Ana", Delivery{false, CivilDate{2027, 1, 15}}, Location{"01310100", "Centro"},
          LocalDateTime{CivilDate{2027, 1, 14}, 9, 5}};
}

TEST(Texts, EveryDefaultIsAValidTemplate) {
  for (int i = 0; i < kTextKeyCount; ++i) {
    const auto key = static_cast<TextKey>(i);
    EXPECT_TRUE(ParseText(key, DefaultText(key)).ok()) << TextKeyName(key);
    EXPECT_EQ(ParseTextKey(TextKeyName(key)), key);
  }
  EXPECT_EQ(ParseTextKey("nope"), std::nullopt);
}

TEST(Texts, CapturePromptGreetsByNameWhenKnown) {
  const std::string named = RenderCapturePrompt("Ana");
  EXPECT_TRUE(named.starts_with("Olá, Ana! Para montar seu orçamento")) << named;
  EXPECT_NE(named.find("*Local de entrega* (CEP ou bairro)"), std::string::npos);
  EXPECT_NE(named.find("*Forma de pagamento*"), std::string::npos);
  EXPECT_NE(named.find("*Dia da entrega*"), std::string::npos);
  EXPECT_NE(named.find("*Itens e quantidades*"), std::string::npos);
  EXPECT_TRUE(RenderCapturePrompt("").starts_with("Olá! Para montar"));
}

TEST(Texts, QuoteShowsEveryPart) {
  EXPECT_EQ(Texts().Render(TextKey::kQuote, QuoteTextData(SampleQuote(), SampleContext())),
            "*Orçamento* para Ana\n\n"
            "• Cimento CP-II 50kg — 10 sacos: R$ 377,30\n"
            "• Areia média — 2,5 m³: R$ 300,00\n\n"
            "Subtotal: R$ 677,30\n"
            "(já com R$ 11,70 de desconto por volume)\n"
            "Frete: R$ 30,00\n"
            "Desconto PIX (5%): -R$ 33,87\n"
            "*Total: R$ 673,43*\n\n"
            "Pagamento: PIX\n"
            "Entrega: sexta-feira, 15/01/2027 (Centro, CEP 01310-100)\n"
            "Válido até 14/01/2027 09:05\n\n"
            "Responda *SIM* para confirmar ou *NÃO* para cancelar.");
}

TEST(Texts, QuoteWithFreeFreightAndNoDiscounts) {
  Quote quote = SampleQuote();
  quote.payment = PaymentMethod::kBoleto;
  quote.payment_discount = Money();
  quote.payment_discount_basis_points = 0;
  quote.volume_discount = Money();
  quote.freight = Money();
  QuoteTextContext context = SampleContext();
  context.customer_name.clear();
  context.delivery = Delivery{true, std::nullopt};
  const std::string text = Texts().Render(TextKey::kQuote, QuoteTextData(quote, context));
  EXPECT_TRUE(text.starts_with("*Orçamento*\n\n")) << text;
  EXPECT_NE(text.find("Frete: grátis\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("Desconto"), std::string::npos) << text;
  EXPECT_EQ(text.find("desconto por volume"), std::string::npos) << text;
  EXPECT_NE(text.find("Entrega: o quanto antes"), std::string::npos) << text;
}

TEST(Texts, MissingDataSaysWhatWasUnderstoodAndWhatIsMissing) {
  Catalog catalog;
  catalog.items.push_back({"", "CIM", "Cimento CP-II 50kg", "saco", R("38.90"), {}, {}, {}, true});
  Extraction extraction;
  extraction.items = {{"CIM", Q("10"), "saco", "10 sacos de cimento"}};
  extraction.payment = PaymentMethod::kPix;
  extraction.unknown = {"tijolo azul", "telha"};
  const TemplateData data =
      MissingDataTextData(extraction, {"location", "delivery"}, catalog, "Ana", Texts());
  EXPECT_EQ(Texts().Render(TextKey::kMissingData, data),
            "Anotei, Ana:\n"
            "• Cimento CP-II 50kg — 10 sacos\n"
            "• Pagamento: PIX\n\n"
            "Não encontrei no catálogo: tijolo azul e telha. Pode conferir o nome? Um atendente "
            "também vai olhar seu pedido.\n\n"
            "Para fechar seu orçamento, ainda preciso de:\n"
            "• *Local de entrega* (CEP ou bairro)\n"
            "• *Dia da entrega* (ex.: amanhã, sexta, 15/01)");
}

TEST(Texts, MissingDataTellsOfUnknownItemsWithTheStoresUnknownItemsText) {
  Catalog catalog;
  Extraction extraction;
  extraction.unknown = {"lona preta"};
  Texts texts;
  ASSERT_TRUE(texts.Override(TextKey::kUnknownItems, "Não temos {{unknown}}, {{customer_name}}."));
  const TemplateData data = MissingDataTextData(extraction, {"location"}, catalog, "Ana", texts);
  const std::string text = texts.Render(TextKey::kMissingData, data);
  EXPECT_TRUE(text.starts_with("Não temos lona preta, Ana.\n\nPara fechar")) << text;
  // A store's missing_data written with {{unknown}} keeps working.
  ASSERT_TRUE(texts.Override(TextKey::kMissingData, "Faltou: {{unknown}}"));
  EXPECT_EQ(texts.Render(TextKey::kMissingData, data), "Faltou: lona preta");
  extraction.unknown.clear();
  EXPECT_EQ(Texts()
                .Render(TextKey::kMissingData,
                        MissingDataTextData(extraction, {"location"}, catalog, "", Texts()))
                .find("catálogo"),
            std::string::npos);
}

TEST(Texts, MissingDataWithNothingUnderstood) {
  const TemplateData data = MissingDataTextData({}, {"items"}, {}, "", Texts());
  EXPECT_EQ(Texts().Render(TextKey::kMissingData, data),
            "Para fechar seu orçamento, ainda preciso de:\n"
            "• *Itens e quantidades* (ex.: 10 sacos de cimento)");
}

TEST(Texts, MissingDataAsksForTheQuantityOfEachItemNamedWithoutOne) {
  Catalog catalog;
  catalog.items = {{"", "CIM", "Cimento CP-II 50kg", "saco", R("38.90"), {}, {}, {}, true},
                   {"", "ARE", "Areia média", "m³", R("150.00"), {}, {}, {}, true},
                   {"", "TIJ", "Tijolo baiano", "un", R("1.20"), {}, {}, {}, true}};
  Extraction extraction;
  extraction.items = {{"CIM", Q("10"), "saco", "10 sacos de cimento"},
                      {"ARE", Q("1"), "m³", "areia", false},
                      {"TIJ", Q("1"), "un", "tijolo", false}};
  const TemplateData data =
      MissingDataTextData(extraction, {"delivery", "quantities"}, catalog, "", Texts());
  EXPECT_EQ(Texts().Render(TextKey::kMissingData, data),
            "Anotei:\n"
            "• Cimento CP-II 50kg — 10 sacos\n\n"
            "Para fechar seu orçamento, ainda preciso de:\n"
            "• *Dia da entrega* (ex.: amanhã, sexta, 15/01)\n"
            "• *Quantidade* de Areia média (ex.: 10 m³)\n"
            "• *Quantidade* de Tijolo baiano (ex.: 10 un)");
  // A store's own follow-up, written before, still validates and asks for them too.
  Texts texts;
  ASSERT_TRUE(
      texts.Override(TextKey::kMissingData, "Falta: {{#missing}}{{what}}; {{/missing}}").ok());
  EXPECT_EQ(texts.Render(TextKey::kMissingData, data),
            "Falta: *Dia da entrega* (ex.: amanhã, sexta, 15/01); *Quantidade* de Areia média "
            "(ex.: 10 m³); *Quantidade* de Tijolo baiano (ex.: 10 un);");
}

TEST(Texts, ShortTexts) {
  const Texts texts;
  EXPECT_EQ(texts.Render(TextKey::kDecline, CustomerTextData("Ana")),
            "Tudo bem, Ana! Cancelei o orçamento. Quando precisar, é só mandar mensagem.");
  TemplateData expired = CustomerTextData("");
  expired.values["valid_until"] = "14/01/2027 09:05";
  EXPECT_EQ(texts.Render(TextKey::kQuoteExpired, expired)
                .rfind("Seu orçamento venceu em "
                       "14/01/2027 09:05.",
                       0),
            0u);
  TemplateData unknown = CustomerTextData("");
  unknown.values["unknown"] = JoinPtBr({"tijolo azul"});
  EXPECT_TRUE(texts.Render(TextKey::kUnknownItems, unknown)
                  .starts_with("Não encontrei no catálogo: tijolo azul."));
  EXPECT_NE(texts.Render(TextKey::kSendAsText, CustomerTextData("")).find("*texto*"),
            std::string::npos);
  EXPECT_NE(texts.Render(TextKey::kAskForCep, CustomerTextData("")).find("esse local"),
            std::string::npos);
  EXPECT_EQ(texts.Render(TextKey::kApprovalPending, CustomerTextData("Ana")),
            "Obrigado, Ana! Recebi seu pedido e um atendente vai conferir o orçamento. Você "
            "recebe a resposta em breve.");
  TemplateData pending = CustomerTextData("");
  pending.values["unknown"] = "telha colonial";
  pending.values["store_hours"] = "seg. a sex., 7h às 18h";
  EXPECT_EQ(texts.Render(TextKey::kApprovalPending, pending),
            "Obrigado! Recebi seu pedido e um atendente vai conferir o orçamento, pois não "
            "encontrei no catálogo: telha colonial. Você recebe a resposta em breve (seg. a sex., "
            "7h às 18h).");
}

TEST(Texts, ConfirmationSummarisesTheOrder) {
  const std::string text =
      Texts().Render(TextKey::kConfirmation, QuoteTextData(SampleQuote(), SampleContext()));
  EXPECT_TRUE(
      text.starts_with("*Pedido confirmado!* Obrigado, Ana!\n\n"
                       "• Cimento CP-II 50kg — 10 sacos\n"
                       "• Areia média — 2,5 m³\n\n"
                       "*Total: R$ 673,43* (PIX)\n"
                       "Entrega: sexta-feira, 15/01/2027 (Centro, CEP 01310-100)"))
      << text;
}

TEST(Texts, OverrideIsValidatedAndUsed) {
  Texts texts;
  const Status bad = texts.Override(TextKey::kDecline, "Até logo, {{nome}}!");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message(),
            "text decline: line 1, column 11: unknown variable \"nome\" (known here: "
            "customer_name)");
  EXPECT_TRUE(texts.Render(TextKey::kDecline, CustomerTextData("Ana")).starts_with("Tudo bem"));
  ASSERT_TRUE(texts.Override(TextKey::kDecline, "Até logo, {{customer_name}}!\n").ok());
  EXPECT_EQ(texts.Render(TextKey::kDecline, CustomerTextData("Ana")), "Até logo, Ana!");
}

TEST(Texts, WithOverridesInstallsTheValidOnesAndSkipsTheRest) {
  const Texts texts = TextsWithOverrides({{"decline", "Até logo, {{customer_name}}!"},
                                          {"quote_expired", "Venceu em {{nome}}"},
                                          {"no_such_text", "oi"}});
  EXPECT_EQ(texts.Render(TextKey::kDecline, CustomerTextData("Ana")), "Até logo, Ana!");
  EXPECT_EQ(texts.Render(TextKey::kQuoteExpired, CustomerTextData("Ana")),
            Texts().Render(TextKey::kQuoteExpired, CustomerTextData("Ana")))
      << "a broken override leaves the default";
}

TEST(Texts, TheDefaultsAreParsedOnceAndShared) {
  ASSERT_NE(DefaultTexts(), nullptr);
  EXPECT_EQ(DefaultTexts().get(), DefaultTexts().get());
  EXPECT_EQ(DefaultTexts()->Render(TextKey::kDecline, CustomerTextData("Ana")),
            Texts().Render(TextKey::kDecline, CustomerTextData("Ana")));
}

TEST(TextData, PtBrFormats) {
  EXPECT_EQ(QuantityPtBr(Q("1000")), "1.000");
  EXPECT_EQ(QuantityPtBr(Q("2.5")), "2,5");
  EXPECT_EQ(QuantityPtBr(Q("12345.125")), "12.345,125");
  EXPECT_EQ(UnitPtBr("saco", Q("10")), "sacos");
  EXPECT_EQ(UnitPtBr("saco", Q("1.5")), "saco");
  EXPECT_EQ(UnitPtBr("milheiro", Q("2")), "milheiros");
  EXPECT_EQ(UnitPtBr("peça", Q("3")), "peças");
  EXPECT_EQ(UnitPtBr("m³", Q("3")), "m³");
  EXPECT_EQ(UnitPtBr("un", Q("3")), "un");
  EXPECT_EQ(UnitPtBr("kg", Q("3")), "kg");
  EXPECT_EQ(PercentPtBr(500), "5%");
  EXPECT_EQ(PercentPtBr(250), "2,5%");
  EXPECT_EQ(PercentPtBr(1234), "12,34%");
  EXPECT_EQ(PaymentPtBr(PaymentMethod::kCartao), "cartão");
  EXPECT_EQ(DeliveryPtBr({false, CivilDate{2027, 1, 17}}), "domingo, 17/01/2027");
  EXPECT_EQ(DeliveryPtBr({false, CivilDate{2027, 1, 16}}), "sábado, 16/01/2027");
  EXPECT_EQ(LocationPtBr({"01310100", std::nullopt}), "CEP 01310-100");
  EXPECT_EQ(LocationPtBr({std::nullopt, "Vila Mariana"}), "Vila Mariana");
  EXPECT_EQ(DateTimePtBr({CivilDate{2027, 12, 31}, 23, 59}), "31/12/2027 23:59");
  EXPECT_EQ(JoinPtBr({"a", "b", "c"}), "a, b e c");
}

}  // namespace
}  // namespace orcazap::core
