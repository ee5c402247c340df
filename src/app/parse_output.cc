#include "app/parse_output.h"

namespace orcazap::app {

namespace {

using Json = nlohmann::ordered_json;

// A quantity as a JSON number written from its exact decimal text ("10", "2.5").
Json QuantityJson(core::Quantity quantity) { return Json::parse(quantity.ToString()); }

Json LocationJson(const std::optional<core::Location>& location) {
  if (!location) return nullptr;
  Json out = Json::object();
  if (location->cep) out["cep"] = *location->cep;
  if (location->bairro) out["bairro"] = *location->bairro;
  return out;
}

Json DeliveryJson(const std::optional<core::Delivery>& delivery) {
  if (!delivery) return nullptr;
  if (delivery->asap) return Json{{"asap", true}};
  if (delivery->date) return Json{{"date", delivery->date->ToIso()}};
  return nullptr;
}

Json LineJson(const core::QuoteLine& line) {
  Json out;
  out["sku"] = line.sku;
  out["name"] = line.name;
  out["quantity"] = QuantityJson(line.quantity);
  out["unit"] = line.unit;
  out["unit_price"] = line.unit_price.centavos();
  out["line_total"] = line.line_total.centavos();
  return out;
}

}  // namespace

Json ExtractionJson(const core::Extraction& extraction, const std::vector<std::string>& missing) {
  Json out;
  out["location"] = LocationJson(extraction.location);
  out["payment"] =
      extraction.payment ? Json(core::PaymentMethodName(*extraction.payment)) : Json(nullptr);
  out["delivery"] = DeliveryJson(extraction.delivery);
  out["items"] = Json::array();
  for (const core::ExtractedItem& item : extraction.items) {
    Json entry;
    entry["sku"] = item.sku;
    entry["quantity"] = QuantityJson(item.quantity);
    entry["unit"] = item.unit;
    entry["text"] = item.text;
    out["items"].push_back(std::move(entry));
  }
  out["unknown"] = extraction.unknown;
  out["missing"] = missing;
  return out;
}

Json QuoteJson(const core::Quote& quote) {
  Json out;
  out["lines"] = Json::array();
  for (const core::QuoteLine& line : quote.lines) out["lines"].push_back(LineJson(line));
  out["subtotal"] = quote.subtotal.centavos();
  out["volume_discount"] = quote.volume_discount.centavos();
  out["payment_discount"] = quote.payment_discount.centavos();
  out["freight"] = quote.freight ? Json(quote.freight->centavos()) : Json(nullptr);
  out["total"] = quote.total.centavos();
  out["margin"] = quote.margin_basis_points ? Json(*quote.margin_basis_points) : Json(nullptr);
  out["approval_reasons"] = Json::array();
  for (core::ApprovalReason reason : quote.approval_reasons) {
    out["approval_reasons"].push_back(core::ApprovalReasonName(reason));
  }
  return out;
}

core::QuoteRequest QuoteRequestFrom(const core::Extraction& extraction) {
  core::QuoteRequest request;
  for (const core::ExtractedItem& item : extraction.items) {
    request.lines.push_back({item.sku, item.quantity});
  }
  request.unknown = extraction.unknown;
  request.payment = extraction.payment;
  request.location = extraction.location;
  return request;
}

std::string CustomerMessage(const core::Texts& texts, const core::Catalog& catalog,
                            const core::Extraction& extraction,
                            const std::vector<std::string>& missing, const core::Quote& quote,
                            const core::LocalDateTime& valid_until) {
  if (!missing.empty()) {
    return texts.Render(core::TextKey::kMissingData,
                        core::MissingDataTextData(extraction, missing, catalog, "", texts));
  }
  if (quote.needs_approval()) {
    core::TemplateData data = core::CustomerTextData("");
    data.values["unknown"] = core::JoinPtBr(quote.unknown);
    return texts.Render(core::TextKey::kApprovalPending, data);
  }
  const core::QuoteTextContext context{"", extraction.delivery, extraction.location, valid_until};
  return texts.Render(core::TextKey::kQuote, core::QuoteTextData(quote, context));
}

}  // namespace orcazap::app
