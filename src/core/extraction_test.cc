#include "core/extraction.h"

#include <gtest/gtest.h>

namespace orcazap::core {
namespace {

Catalog SmallCatalog() {
  Catalog catalog;
  CatalogItem cimento;
  cimento.sku = "CIM";
  cimento.name = "Cimento CP II 50kg";
  cimento.unit = "saco";
  CatalogItem areia;
  areia.sku = "ARE";
  areia.name = "Areia média";
  areia.unit = "m³";
  areia.aliases = {"areia"};
  CatalogItem tijolo;
  tijolo.sku = "TIJ";
  tijolo.name = "Tijolo baiano";
  tijolo.unit = "un";
  tijolo.aliases = {"tijolo"};
  catalog.items = {cimento, areia, tijolo};
  FreightRule centro;
  centro.bairro = "Centro";
  catalog.freight_rules = {centro};
  return catalog;
}

const Catalog& TheCatalog() {
  static const Catalog catalog = SmallCatalog();
  return catalog;
}

Extraction ExtractFrom(std::string_view text) {
  return Extract(text, ExtractionContext{TheCatalog(), CivilDate{2026, 11, 27}});
}

TEST(Extraction, UnderstandsTheSpecExample) {
  const Extraction e =
      ExtractFrom("quanto fica 10 sacos de cimento e 2 metros de areia entregue no Centro?");
  ASSERT_EQ(e.items.size(), 2u);
  EXPECT_EQ(e.items[0].sku, "CIM");
  EXPECT_EQ(e.items[0].quantity, Quantity::Whole(10));
  EXPECT_EQ(e.items[0].unit, "saco");
  EXPECT_EQ(e.items[1].sku, "ARE");
  EXPECT_EQ(e.items[1].quantity, Quantity::Whole(2));
  EXPECT_EQ(e.items[1].unit, "m³");
  ASSERT_TRUE(e.location);
  EXPECT_EQ(e.location->bairro, "Centro");
  EXPECT_TRUE(e.unknown.empty());
}

TEST(Extraction, ItemAndUnknownTextsQuoteTheCustomer) {
  const Extraction e = ExtractFrom("👷 10 SACOS de Cimento, 3 latas de Tinta Azul!");
  ASSERT_EQ(e.items.size(), 1u);
  EXPECT_EQ(e.items[0].text, "10 SACOS de Cimento");
  EXPECT_EQ(e.unknown, std::vector<std::string>{"3 latas de Tinta Azul"});
}

TEST(Extraction, ChatterAndAddressesAreNotItems) {
  for (const char* text : {"bom dia", "quanto fica?", "vocês entregam?", "obrigado!",
                           "rua das flores 123", "meu nome é Ana"}) {
    const Extraction e = ExtractFrom(text);
    EXPECT_TRUE(e.items.empty() && e.unknown.empty()) << text;
  }
}

TEST(Extraction, IsDeterministic) {
  const std::string text = "10 cimento, 2 areia, pix, amanhã, centro";
  const Extraction a = ExtractFrom(text);
  const Extraction b = ExtractFrom(text);
  EXPECT_EQ(a.items, b.items);
  EXPECT_EQ(a.location, b.location);
  EXPECT_EQ(a.payment, b.payment);
  EXPECT_EQ(a.delivery, b.delivery);
}

TEST(Extraction, PaymentNamesRoundTrip) {
  for (PaymentMethod method : {PaymentMethod::kPix, PaymentMethod::kCartao, PaymentMethod::kBoleto,
                               PaymentMethod::kDinheiro}) {
    EXPECT_EQ(ParsePaymentMethodName(PaymentMethodName(method)), method);
  }
  EXPECT_FALSE(ParsePaymentMethodName("cheque"));
}

TEST(MissingFields, ListsWhatIsMissingInOrder) {
  EXPECT_EQ(MissingFields(Extraction{}),
            (std::vector<std::string>{"location", "payment", "delivery", "items"}));
  const Extraction complete = ExtractFrom("10 cimento, pix, amanhã, centro");
  EXPECT_TRUE(MissingFields(complete).empty());
  Extraction only_unknown;
  only_unknown.unknown = {"1 trena"};
  EXPECT_EQ(MissingFields(only_unknown),
            (std::vector<std::string>{"location", "payment", "delivery"}));
}

TEST(MissingFields, AnItemNamedWithoutAQuantityStillNeedsOne) {
  const Extraction interest = ExtractFrom("tem cimento? entrega no centro, pix, amanhã");
  ASSERT_EQ(interest.items.size(), 1u);
  EXPECT_EQ(MissingFields(interest), std::vector<std::string>{"quantities"});
  EXPECT_EQ(MissingFields(ExtractFrom("tem cimento?")),
            (std::vector<std::string>{"location", "payment", "delivery", "quantities"}));
  // One counted item does not make up for another without a quantity.
  EXPECT_EQ(MissingFields(ExtractFrom("tem cimento? e 2 m de areia, centro, pix, amanhã")),
            std::vector<std::string>{"quantities"});
  // The quantity in a later message completes it.
  EXPECT_TRUE(MissingFields(MergeExtraction(interest, ExtractFrom("10 sacos"))).empty());
}

TEST(ClassifyReply, ClearYes) {
  for (const char* text :
       {"sim", "Sim!", "confirmo", "pode mandar", "fechado", "fechar", "ok pode ser", "quero sim",
        "bora", "pode fechar", "👍", "SIM 👍", "Confirmo, pode entregar amanhã", "beleza, manda"}) {
    EXPECT_EQ(ClassifyReply(text), ReplyIntent::kConfirm) << text;
  }
}

TEST(ClassifyReply, ClearNo) {
  for (const char* text : {"não", "nao", "não quero", "deixa pra lá", "muito caro, não",
                           "não, obrigado", "desisto", "cancela", "fica pra próxima", "👎"}) {
    EXPECT_EQ(ClassifyReply(text), ReplyIntent::kDecline) << text;
  }
}

TEST(ClassifyReply, AnythingElseGoesToAPerson) {
  for (const char* text :
       {"e o frete?", "sim, mas dá pra trocar a areia?", "vou pensar", "não sei ainda",
        "quero mais 2 sacos", "muito caro", "tem desconto no pix?", "sim não", "não, pode mandar",
        "", "qual o prazo de entrega?",
        "sim, só que eu queria mudar o dia da entrega pra segunda e trocar o cimento"}) {
    EXPECT_EQ(ClassifyReply(text), ReplyIntent::kOther) << text;
  }
}

TEST(ClassifyReply, EverydayYes) {
  for (const char* text : {"pode ser", "fechado entao", "manda ai", "confirmado", "ok", "Ok!",
                           "beleza, pode mandar", "vou querer sim", "blz", "fechou 👍"}) {
    EXPECT_EQ(ClassifyReply(text), ReplyIntent::kConfirm) << text;
  }
}

TEST(ClassifyReply, EverydayNo) {
  for (const char* text : {"nao quero mais nao", "não preciso mais", "nao obrigado", "agora nao",
                           "ta caro, deixa", "n"}) {
    EXPECT_EQ(ClassifyReply(text), ReplyIntent::kDecline) << text;
  }
}

TEST(ClassifyReply, MoreOfSomethingIsNotAYes) {
  for (const char* text : {"vou ver e te falo", "quero mais", "mais cimento", "ok, vou ver"}) {
    EXPECT_EQ(ClassifyReply(text), ReplyIntent::kOther) << text;
  }
}

TEST(Extraction, AQuantityWithoutAProductIsNeverDropped) {
  const Extraction e = ExtractFrom("quero 8 sacos entao, no centro, pix, hoje");
  EXPECT_TRUE(e.items.empty());
  EXPECT_EQ(e.unknown, std::vector<std::string>{"8 sacos"});
  ASSERT_EQ(e.bare.size(), 1u);
  EXPECT_EQ(e.bare[0].value, Quantity::Whole(8));
  EXPECT_EQ(e.bare[0].unit, "saco");
}

TEST(Extraction, ACorrectionIsNotAProduct) {
  const Extraction e = ExtractFrom("na verdade sao 12 sacos");
  EXPECT_TRUE(e.correction);
  EXPECT_EQ(e.unknown, std::vector<std::string>{"12 sacos"});
  const Extraction bare = ExtractFrom("ops, são 12");
  EXPECT_TRUE(bare.unknown.empty());
  ASSERT_EQ(bare.bare.size(), 1u);
  EXPECT_TRUE(bare.bare[0].unit.empty());
}

TEST(Extraction, AShortLineAloneContinuesTheItemsOfEarlierMessages) {
  ExtractionContext context{TheCatalog(), CivilDate{2026, 11, 27}};
  context.continues_order = true;
  EXPECT_EQ(Extract("lona preta", context).unknown, std::vector<std::string>{"lona preta"});
  EXPECT_EQ(Extract("oi, lona preta", context).unknown, std::vector<std::string>{"lona preta"});
  const Extraction with_payment = Extract("lona preta, pix", context);
  EXPECT_EQ(with_payment.unknown, std::vector<std::string>{"lona preta"});
  EXPECT_TRUE(with_payment.payment);
  EXPECT_TRUE(Extract("obrigado, aguardo", context).unknown.empty());
  EXPECT_TRUE(Extract("perfeito, fechado", context).unknown.empty());
  EXPECT_TRUE(Extract("tem lona preta?", context).unknown.empty()) << "a question is not a line";
  EXPECT_TRUE(Extract("lona preta", {TheCatalog(), CivilDate{2026, 11, 27}}).unknown.empty());
}

TEST(Extraction, AnItemNamedWithoutQuantityIsMarked) {
  const Extraction e = ExtractFrom("tem cimento? e 2 m de areia");
  ASSERT_EQ(e.items.size(), 2u);
  EXPECT_FALSE(e.items[0].counted);
  EXPECT_TRUE(e.items[1].counted);
}

TEST(Extraction, AQuantityAboveTheMaximumIsReportedAsWrittenNotTaken) {
  const Extraction absurd = ExtractFrom("999.999.999.999.999 m³ de areia, centro, pix, amanhã");
  EXPECT_TRUE(absurd.items.empty());
  EXPECT_EQ(absurd.unknown, std::vector<std::string>{"999.999.999.999.999 m³ de areia"});
  // "mil" would take it past 64 bits.
  const Extraction thousands = ExtractFrom("cimento 999.999.999.999.999 mil sacos");
  EXPECT_TRUE(thousands.items.empty());
  EXPECT_EQ(thousands.unknown, std::vector<std::string>{"cimento 999.999.999.999.999 mil sacos"});
  const Extraction over = ExtractFrom("1.000.001 sacos de cimento");
  EXPECT_TRUE(over.items.empty());
  EXPECT_EQ(over.unknown, std::vector<std::string>{"1.000.001 sacos de cimento"});
  const Extraction at = ExtractFrom("1.000.000 sacos de cimento");
  ASSERT_EQ(at.items.size(), 1u);
  EXPECT_EQ(at.items[0].quantity, Quantity::Whole(1'000'000));
  EXPECT_TRUE(at.unknown.empty());
}

TEST(Extraction, TwoMentionsAddingUpPastTheMaximumAreReported) {
  const Extraction e = ExtractFrom("600.000 sacos de cimento\n600.000 sacos de cimento");
  EXPECT_TRUE(e.items.empty());
  EXPECT_EQ(e.unknown.size(), 1u);
}

TEST(Extraction, ALongPlainNumberNextToAnItemIsItsCount) {
  const Extraction e = ExtractFrom("100000 tijolos, entrega no centro, pix, amanhã");
  ASSERT_EQ(e.items.size(), 1u);
  EXPECT_EQ(e.items[0].quantity, Quantity::Whole(100'000));
  EXPECT_TRUE(e.items[0].counted);
  EXPECT_EQ(e.items[0].text, "100000 tijolos");
  const Extraction after = ExtractFrom("tijolo 250000");
  ASSERT_EQ(after.items.size(), 1u);
  EXPECT_EQ(after.items[0].quantity, Quantity::Whole(250'000));
  const Extraction with_unit = ExtractFrom("120000 unidades de tijolo");
  ASSERT_EQ(with_unit.items.size(), 1u);
  EXPECT_EQ(with_unit.items[0].quantity, Quantity::Whole(120'000));
  const Extraction later = ExtractFrom("tem tijolo baiano? quero 100000");
  ASSERT_EQ(later.items.size(), 1u);
  EXPECT_EQ(later.items[0].quantity, Quantity::Whole(100'000));
  EXPECT_TRUE(later.items[0].counted);
  // Past the maximum it is not priced, but a person sees it.
  const Extraction over = ExtractFrom("123456789 tijolos");
  EXPECT_TRUE(over.items.empty());
  EXPECT_EQ(over.unknown, std::vector<std::string>{"123456789 tijolos"});
}

TEST(Extraction, LongNumbersThatCountNoItemAreStillNotCounts) {
  for (const char* text :
       {"meu zap 11987654321, me liga", "pedido 123456", "quero 123456", "meu cpf 12345678900"}) {
    const Extraction e = ExtractFrom(text);
    EXPECT_TRUE(e.items.empty() && e.unknown.empty() && e.bare.empty()) << text;
  }
  for (const char* text : {"tijolo, meu telefone é 987654321", "tijolo pro pedido 123456",
                           "tem tijolo? meu pedido é 123456", "pedido 123456 de tijolo"}) {
    const Extraction e = ExtractFrom(text);
    ASSERT_EQ(e.items.size(), 1u) << text;
    EXPECT_FALSE(e.items[0].counted) << text;
    EXPECT_TRUE(e.unknown.empty()) << text;
  }
}

TEST(Extraction, APastDeliveryDateIsAskedAgain) {
  const Extraction e = ExtractFrom("10 sacos de cimento, entrega 10/01/2020, centro, pix");
  EXPECT_FALSE(e.delivery);
  EXPECT_EQ(MissingFields(e), std::vector<std::string>{"delivery"});
  ASSERT_EQ(e.items.size(), 1u);
  EXPECT_EQ(e.items[0].quantity, Quantity::Whole(10));
  EXPECT_TRUE(e.unknown.empty());
}

}  // namespace
}  // namespace orcazap::core
