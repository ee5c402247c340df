#include "adapters/postgres/conversation_codec.h"

#include <nlohmann/json.hpp>

namespace orcazap::adapters::postgres {
namespace {

using nlohmann::json;

core::Error Malformed(const std::string& what) {
  return core::Error::Permanent("stored " + what + " is malformed");
}

core::Quantity QuantityOr(const json& value) {
  if (!value.is_string()) return {};
  return core::Quantity::Parse(value.get<std::string>()).value_or(core::Quantity{});
}

}  // namespace

std::string CapturedToJson(const core::Extraction& captured) {
  json out = json::object();
  if (captured.location) {
    json location = json::object();
    if (captured.location->cep) location["cep"] = *captured.location->cep;
    if (captured.location->bairro) location["bairro"] = *captured.location->bairro;
    out["location"] = location;
  }
  if (captured.payment) out["payment"] = core::PaymentMethodName(*captured.payment);
  if (captured.delivery) {
    out["delivery"] = captured.delivery->asap ? json{{"asap", true}}
                                              : json{{"date", captured.delivery->date->ToIso()}};
  }
  json items = json::array();
  for (const auto& item : captured.items) {
    items.push_back({{"sku", item.sku},
                     {"quantity", item.quantity.ToString()},
                     {"unit", item.unit},
                     {"text", item.text},
                     {"counted", item.counted}});
  }
  out["items"] = items;
  out["unknown"] = captured.unknown;
  return out.dump();
}

core::Result<core::Extraction> CapturedFromJson(const std::string& text) {
  const json in = json::parse(text, nullptr, false);
  if (in.is_discarded() || !in.is_object()) return Malformed("captured data");
  core::Extraction captured;
  if (in.contains("location") && in["location"].is_object()) {
    core::Location location;
    if (in["location"].contains("cep")) location.cep = in["location"]["cep"].get<std::string>();
    if (in["location"].contains("bairro"))
      location.bairro = in["location"]["bairro"].get<std::string>();
    captured.location = location;
  }
  if (in.contains("payment") && in["payment"].is_string()) {
    captured.payment = core::ParsePaymentMethodName(in["payment"].get<std::string>());
  }
  if (in.contains("delivery") && in["delivery"].is_object()) {
    core::Delivery delivery;
    delivery.asap = in["delivery"].value("asap", false);
    if (in["delivery"].contains("date")) {
      delivery.date = core::CivilDate::ParseIso(in["delivery"]["date"].get<std::string>());
    }
    if (delivery.asap || delivery.date) captured.delivery = delivery;
  }
  for (const json& item : in.value("items", json::array())) {
    core::ExtractedItem parsed{item.value("sku", ""), QuantityOr(item.value("quantity", json())),
                               item.value("unit", ""), item.value("text", "")};
    parsed.counted = item.value("counted", true);
    captured.items.push_back(std::move(parsed));
  }
  for (const json& unknown : in.value("unknown", json::array())) {
    if (unknown.is_string()) captured.unknown.push_back(unknown.get<std::string>());
  }
  return captured;
}

std::string QuoteDetailToJson(const core::Quote& quote) {
  json lines = json::array();
  for (const auto& line : quote.lines) {
    lines.push_back({{"sku", line.sku},
                     {"name", line.name},
                     {"unit", line.unit},
                     {"quantity", line.quantity.ToString()},
                     {"list_price", line.list_price.centavos()},
                     {"volume_discount_basis_points", line.volume_discount_basis_points},
                     {"unit_price", line.unit_price.centavos()},
                     {"line_total", line.line_total.centavos()}});
  }
  json reasons = json::array();
  for (auto reason : quote.approval_reasons) reasons.push_back(core::ApprovalReasonName(reason));
  return json{{"lines", lines},
              {"unknown", quote.unknown},
              {"approval_reasons", reasons},
              {"payment_discount_basis_points", quote.payment_discount_basis_points}}
      .dump();
}

core::Result<core::Quote> QuoteFromJson(const std::string& detail, const QuoteColumns& columns) {
  const json in = json::parse(detail, nullptr, false);
  if (in.is_discarded() || !in.is_object()) return Malformed("quote");
  core::Quote quote;
  for (const json& line : in.value("lines", json::array())) {
    core::QuoteLine parsed;
    parsed.sku = line.value("sku", "");
    parsed.name = line.value("name", "");
    parsed.unit = line.value("unit", "");
    parsed.quantity = QuantityOr(line.value("quantity", json()));
    parsed.list_price = core::Money::Centavos(line.value("list_price", 0LL));
    parsed.volume_discount_basis_points = line.value("volume_discount_basis_points", 0);
    parsed.unit_price = core::Money::Centavos(line.value("unit_price", 0LL));
    parsed.line_total = core::Money::Centavos(line.value("line_total", 0LL));
    quote.lines.push_back(parsed);
  }
  for (const json& unknown : in.value("unknown", json::array())) {
    quote.unknown.push_back(unknown.get<std::string>());
  }
  for (const json& reason : in.value("approval_reasons", json::array())) {
    if (auto parsed = core::ParseApprovalReasonName(reason.get<std::string>())) {
      quote.approval_reasons.push_back(*parsed);
    }
  }
  quote.payment_discount_basis_points = in.value("payment_discount_basis_points", 0);
  quote.subtotal = core::Money::Centavos(columns.subtotal);
  quote.volume_discount = core::Money::Centavos(columns.volume_discount);
  quote.payment_discount = core::Money::Centavos(columns.payment_discount);
  if (columns.freight) quote.freight = core::Money::Centavos(*columns.freight);
  quote.total = core::Money::Centavos(columns.total);
  quote.margin_basis_points = columns.margin_basis_points;
  if (columns.payment) quote.payment = core::ParsePaymentMethodName(*columns.payment);
  return quote;
}

}  // namespace orcazap::adapters::postgres
