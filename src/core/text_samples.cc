#include "core/text_samples.h"

#include "core/pricing.h"
#include "core/text_data.h"

namespace orcazap::core {
namespace {

// A sample order priced by the core, so that every variable of every text has a value.
Catalog SampleCatalog() {
  Catalog catalog;
  catalog.items = {{"", "CIM-CP2", "Cimento CP II 50kg", "saco", Money::Centavos(3890)},
                   {"", "ARE-MED", "Areia média", "m³", Money::Centavos(15000)}};
  FreightRule centro;
  centro.bairro = "Centro";
  centro.base = Money::Centavos(3000);
  catalog.freight_rules = {centro};
  catalog.rules.pix_discount_basis_points = 500;
  return catalog;
}

}  // namespace

TemplateData SampleTextData(TextKey key, const Texts& texts) {
  const std::string name = "Ana";
  const Catalog catalog = SampleCatalog();
  const Location centro{std::nullopt, "Centro"};
  const Delivery friday{false, CivilDate{2027, 1, 15}};
  const LocalDateTime valid_until{{2027, 1, 16}, 14, 30};
  TemplateData data = CustomerTextData(name);
  switch (key) {
    case TextKey::kMissingData: {
      Extraction captured;
      captured.items = {{"CIM-CP2", Quantity::Whole(10), "saco", "10 sacos de cimento"},
                        {"ARE-MED", Quantity::Whole(1), "m³", "areia", false}};
      captured.unknown = {"3 latas de verniz"};
      captured.location = centro;
      return MissingDataTextData(captured, MissingFields(captured), catalog, name, texts);
    }
    case TextKey::kQuote:
    case TextKey::kConfirmation: {
      const QuoteRequest request{
          {{"CIM-CP2", Quantity::Whole(10)}, {"ARE-MED", Quantity::Whole(2)}},
          {},
          PaymentMethod::kPix,
          centro};
      return QuoteTextData(PriceQuote(request, catalog), {name, friday, centro, valid_until});
    }
    case TextKey::kApprovalPending:
      data.values["store_hours"] = "seg a sex, 7h às 18h";
      data.values["unknown"] = "3 latas de verniz";
      return data;
    case TextKey::kQuoteExpired:
      data.values["valid_until"] = DateTimePtBr(valid_until);
      return data;
    case TextKey::kUnknownItems:
      data.values["unknown"] = "3 latas de verniz";
      return data;
    case TextKey::kAskForCep:
      data.values["location"] = "Estrada do Rio Acima, km 4";
      return data;
    default:
      return data;
  }
}

}  // namespace orcazap::core
