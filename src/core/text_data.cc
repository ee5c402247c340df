#include "core/text_data.h"

#include <fmt/format.h>

#include <array>

namespace orcazap::core {

namespace {

std::string TwoDigits(int value) { return fmt::format("{:02d}", value); }

std::string GroupThousands(const std::string& digits) {
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += '.';
    grouped += digits[i];
  }
  return grouped;
}

std::string CepPtBr(const std::string& cep) {
  return cep.size() == 8 ? cep.substr(0, 5) + "-" + cep.substr(5) : cep;
}

std::string MissingWhat(const std::string& field) {
  if (field == "location") return "*Local de entrega* (CEP ou bairro)";
  if (field == "payment") return "*Forma de pagamento* (PIX, cartão, boleto ou dinheiro)";
  if (field == "delivery") return "*Dia da entrega* (ex.: amanhã, sexta, 15/01)";
  if (field == "items") return "*Itens e quantidades* (ex.: 10 sacos de cimento)";
  return field;
}

std::string ItemName(const Catalog& catalog, const ExtractedItem& item) {
  for (const CatalogItem& candidate : catalog.items) {
    if (candidate.sku == item.sku) return candidate.name;
  }
  return item.text;
}

// The missing row for an item named without a quantity, with an example in the item's unit.
std::string AskQuantity(const Catalog& catalog, const ExtractedItem& item) {
  const Quantity example = Quantity::Whole(10);
  return fmt::format("*Quantidade* de {} (ex.: {} {})", ItemName(catalog, item),
                     QuantityPtBr(example), UnitPtBr(item.unit, example));
}

// One row per missing field, but one per item still without a quantity for "quantities".
std::vector<TemplateRow> MissingRows(const Extraction& extraction,
                                     const std::vector<std::string>& missing,
                                     const Catalog& catalog) {
  std::vector<TemplateRow> rows;
  for (const std::string& field : missing) {
    if (field != "quantities") {
      rows.push_back({{"what", MissingWhat(field)}});
      continue;
    }
    for (const ExtractedItem& item : extraction.items) {
      if (!item.counted) rows.push_back({{"what", AskQuantity(catalog, item)}});
    }
  }
  return rows;
}

std::vector<TemplateRow> LineRows(const Quote& quote) {
  std::vector<TemplateRow> rows;
  for (const QuoteLine& line : quote.lines) {
    rows.push_back({{"name", line.name},
                    {"quantity", QuantityPtBr(line.quantity)},
                    {"unit", UnitPtBr(line.unit, line.quantity)},
                    {"unit_price", line.unit_price.ToBrl()},
                    {"line_total", line.line_total.ToBrl()}});
  }
  return rows;
}

std::string FreightPtBr(const std::optional<Money>& freight) {
  if (!freight) return "a combinar";
  return *freight == Money() ? "grátis" : freight->ToBrl();
}

}  // namespace

std::string QuantityPtBr(Quantity quantity) {
  const std::string canonical = quantity.ToString();
  const bool negative = !canonical.empty() && canonical[0] == '-';
  const std::string digits = canonical.substr(negative ? 1 : 0);
  const size_t dot = digits.find('.');
  std::string out = fmt::format("{}{}", negative ? "-" : "", GroupThousands(digits.substr(0, dot)));
  if (dot != std::string::npos) out += fmt::format(",{}", digits.substr(dot + 1));
  return out;
}

std::string UnitPtBr(const std::string& unit, Quantity quantity) {
  if (quantity < Quantity::Whole(2) || unit.size() < 3) return unit;
  const char last = unit.back();
  const bool word = unit.find_first_of(". 0123456789") == std::string::npos;
  return word && (last == 'a' || last == 'e' || last == 'o') ? unit + "s" : unit;
}

std::string PercentPtBr(int basis_points) {
  std::string out = std::to_string(basis_points / 100);
  if (const int fraction = basis_points % 100; fraction != 0) {
    std::string decimals = TwoDigits(fraction);
    if (decimals.back() == '0') decimals.pop_back();
    out += "," + decimals;
  }
  return out + "%";
}

std::string PaymentPtBr(PaymentMethod method) {
  switch (method) {
    case PaymentMethod::kPix:
      return "PIX";
    case PaymentMethod::kCartao:
      return "cartão";
    case PaymentMethod::kBoleto:
      return "boleto";
    case PaymentMethod::kDinheiro:
      return "dinheiro";
  }
  return "";
}

std::string DeliveryPtBr(const Delivery& delivery) {
  static constexpr std::array<const char*, 7> kWeekdays = {
      "domingo",      "segunda-feira", "terça-feira", "quarta-feira",
      "quinta-feira", "sexta-feira",   "sábado"};
  if (delivery.asap) return "o quanto antes";
  if (!delivery.date) return "a combinar";
  return std::string(kWeekdays[delivery.date->Weekday()]) + ", " + delivery.date->ToPtBr();
}

std::string LocationPtBr(const Location& location) {
  std::string out = location.bairro.value_or("");
  if (location.cep) out += (out.empty() ? "CEP " : ", CEP ") + CepPtBr(*location.cep);
  return out;
}

std::string DateTimePtBr(const LocalDateTime& time) {
  return time.date.ToPtBr() + " " + TwoDigits(time.hour) + ":" + TwoDigits(time.minute);
}

std::string JoinPtBr(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " e " : ", ";
    out += parts[i];
  }
  return out;
}

TemplateData QuoteTextData(const Quote& quote, const QuoteTextContext& context) {
  TemplateData data = CustomerTextData(context.customer_name);
  data.lists["lines"] = LineRows(quote);
  auto& values = data.values;
  values["subtotal"] = quote.subtotal.ToBrl();
  values["volume_discount"] = quote.volume_discount == Money() ? "" : quote.volume_discount.ToBrl();
  values["freight"] = FreightPtBr(quote.freight);
  values["payment"] = quote.payment ? PaymentPtBr(*quote.payment) : "a combinar";
  values["payment_discount"] =
      quote.payment_discount == Money() ? "" : quote.payment_discount.ToBrl();
  values["payment_discount_pct"] = PercentPtBr(quote.payment_discount_basis_points);
  values["total"] = quote.total.ToBrl();
  values["delivery"] = context.delivery ? DeliveryPtBr(*context.delivery) : "a combinar";
  values["location"] = context.location ? LocationPtBr(*context.location) : "";
  values["valid_until"] = DateTimePtBr(context.valid_until);
  return data;
}

TemplateData MissingDataTextData(const Extraction& extraction,
                                 const std::vector<std::string>& missing, const Catalog& catalog,
                                 const std::string& customer_name, const Texts& texts) {
  TemplateData data = CustomerTextData(customer_name);
  std::vector<TemplateRow>& items = data.lists["items"];
  for (const ExtractedItem& item : extraction.items) {
    if (!item.counted) continue;  // asked for in `missing`, not shown as 1
    items.push_back({{"quantity", QuantityPtBr(item.quantity)},
                     {"unit", UnitPtBr(item.unit, item.quantity)},
                     {"name", ItemName(catalog, item)}});
  }
  auto& values = data.values;
  if (extraction.location) values["location"] = LocationPtBr(*extraction.location);
  if (extraction.payment) values["payment"] = PaymentPtBr(*extraction.payment);
  if (extraction.delivery) values["delivery"] = DeliveryPtBr(*extraction.delivery);
  values["unknown"] = JoinPtBr(extraction.unknown);
  if (!extraction.unknown.empty()) {
    values["unknown_items"] = texts.Render(TextKey::kUnknownItems, data);
  }
  const bool understood =
      !items.empty() || extraction.location || extraction.payment || extraction.delivery;
  values["understood"] = understood ? "sim" : "";
  data.lists["missing"] = MissingRows(extraction, missing, catalog);
  return data;
}

TemplateData CustomerTextData(const std::string& customer_name) {
  TemplateData data;
  data.values["customer_name"] = customer_name;
  return data;
}

}  // namespace orcazap::core
