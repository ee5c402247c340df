#include "adapters/files/rules_json.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace orcazap::adapters {

namespace {

using Json = nlohmann::json;
using core::Error;
using core::Money;
using core::Quantity;

// The decimal text of a JSON number or string, as written (shortest round-trip form for
// numbers with a fraction, which is the text the file held for any value with few decimals).
std::optional<std::string> DecimalText(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number()) return value.dump();
  return std::nullopt;
}

// "2.5" with at most `decimals` decimals → 25 × 10^(decimals − 1); trailing zeros allowed.
std::optional<int64_t> ParseScaled(std::string text, int decimals) {
  const size_t dot = text.find('.');
  if (dot != std::string::npos) {
    while (text.size() > dot + 1 && text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  const size_t point = text.find('.');
  const std::string whole = text.substr(0, point);
  std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
  if (whole.empty() || whole.size() > 12 || static_cast<int>(fraction.size()) > decimals) {
    return std::nullopt;
  }
  fraction.append(static_cast<size_t>(decimals) - fraction.size(), '0');
  int64_t scaled = 0;
  for (char c : whole + fraction) {
    if (c < '0' || c > '9') return std::nullopt;
    scaled = scaled * 10 + (c - '0');
  }
  return scaled;
}

core::Result<int> ParsePercent(const Json& value, const std::string& field) {
  const auto text = DecimalText(value);
  const auto basis_points = text ? ParseScaled(*text, 2) : std::nullopt;
  if (!basis_points || *basis_points > 10'000) {
    return Error::InvalidInput(field + ": " + value.dump() +
                               " is not a percentage from 0 to 100 with at most two decimals");
  }
  return static_cast<int>(*basis_points);
}

core::Result<Money> ParseMoney(const Json& value, const std::string& field) {
  const auto text = DecimalText(value);
  const auto centavos = text ? ParseScaled(*text, 2) : std::nullopt;
  if (!centavos) {
    return Error::InvalidInput(field + ": " + value.dump() + " is not an amount in reais like " +
                               "\"5000.00\"");
  }
  return Money::Centavos(*centavos);
}

core::Result<Quantity> ParseQuantity(const Json& value, const std::string& field) {
  const auto text = DecimalText(value);
  const auto milli = text ? ParseScaled(*text, 3) : std::nullopt;
  if (!milli) {
    return Error::InvalidInput(field + ": " + value.dump() +
                               " is not a quantity like 50 or 2.5 (at most three decimals)");
  }
  return Quantity::Milli(*milli);
}

core::Status CheckFields(const Json& object, const std::string& where,
                         std::initializer_list<const char*> known) {
  for (const auto& [key, unused] : object.items()) {
    bool found = false;
    for (const char* name : known) found = found || key == name;
    if (found) continue;
    std::string names;
    for (const char* name : known) names += (names.empty() ? "" : ", ") + std::string(name);
    return Error::InvalidInput(where + key + ": unknown field (fields are " + names + ")");
  }
  return core::Ok();
}

core::Result<core::VolumeDiscount> ParseVolumeDiscount(const Json& entry, const std::string& at) {
  if (!entry.is_object()) return Error::InvalidInput(at + ": must be an object");
  if (auto known = CheckFields(entry, at + ".", {"sku", "min_quantity", "pct"}); !known) {
    return known.error();
  }
  core::VolumeDiscount discount;
  if (entry.contains("sku") && !entry["sku"].is_null()) {
    if (!entry["sku"].is_string() || entry["sku"].get<std::string>().empty()) {
      return Error::InvalidInput(at + ".sku: must be a SKU string or null (all items)");
    }
    discount.sku = entry["sku"].get<std::string>();
  }
  if (!entry.contains("min_quantity")) return Error::InvalidInput(at + ".min_quantity: missing");
  if (!entry.contains("pct")) return Error::InvalidInput(at + ".pct: missing");
  auto min_quantity = ParseQuantity(entry["min_quantity"], at + ".min_quantity");
  if (!min_quantity) return min_quantity.error();
  auto pct = ParsePercent(entry["pct"], at + ".pct");
  if (!pct) return pct.error();
  discount.min_quantity = *min_quantity;
  discount.pct_basis_points = *pct;
  return discount;
}

core::Status ParseVolumeDiscounts(const Json& list, core::PricingRules& rules) {
  if (!list.is_array()) return Error::InvalidInput("volume_discounts: must be a list");
  for (size_t i = 0; i < list.size(); ++i) {
    auto discount = ParseVolumeDiscount(list[i], "volume_discounts[" + std::to_string(i) + "]");
    if (!discount) return discount.error();
    rules.volume_discounts.push_back(std::move(*discount));
  }
  return core::Ok();
}

core::Result<core::PricingRules> ParseRules(const Json& root) {
  if (!root.is_object()) return Error::InvalidInput("the rules must be a JSON object");
  if (auto known = CheckFields(
          root, "",
          {"pix_discount_pct", "min_margin_pct", "approval_total_above", "volume_discounts"});
      !known) {
    return known.error();
  }
  core::PricingRules rules;
  auto present = [&](const char* key) { return root.contains(key) && !root[key].is_null(); };
  if (present("pix_discount_pct")) {
    auto pct = ParsePercent(root["pix_discount_pct"], "pix_discount_pct");
    if (!pct) return pct.error();
    rules.pix_discount_basis_points = *pct;
  }
  if (present("min_margin_pct")) {
    auto pct = ParsePercent(root["min_margin_pct"], "min_margin_pct");
    if (!pct) return pct.error();
    rules.min_margin_basis_points = *pct;
  }
  if (present("approval_total_above")) {
    auto money = ParseMoney(root["approval_total_above"], "approval_total_above");
    if (!money) return money.error();
    rules.approval_total_above = *money;
  }
  if (present("volume_discounts")) {
    if (auto parsed = ParseVolumeDiscounts(root["volume_discounts"], rules); !parsed) {
      return parsed.error();
    }
  }
  return rules;
}

// 1250 basis points → "12.5"; 500 → "5".
std::string PercentText(int basis_points) {
  const int magnitude = basis_points < 0 ? -basis_points : basis_points;
  std::string text = fmt::format("{}{}", basis_points < 0 ? "-" : "", magnitude / 100);
  const int hundredths = magnitude % 100;
  if (hundredths == 0) return text;
  text += fmt::format(".{}", hundredths / 10);
  if (hundredths % 10 != 0) text += std::to_string(hundredths % 10);
  return text;
}

}  // namespace

core::Result<core::PricingRules> ParseRulesJson(std::string_view text) {
  Json root;
  try {
    root = Json::parse(text);
  } catch (const Json::parse_error& error) {
    std::string message = error.what();
    if (const size_t end = message.find("] "); end != std::string::npos) {
      message = message.substr(end + 2);
    }
    return Error::InvalidInput(message);
  }
  return ParseRules(root);
}

std::string WriteRulesJson(const core::PricingRules& rules) {
  std::string out = "{\n  \"pix_discount_pct\": " + PercentText(rules.pix_discount_basis_points);
  out += ",\n  \"min_margin_pct\": " +
         (rules.min_margin_basis_points ? PercentText(*rules.min_margin_basis_points) : "null");
  out += ",\n  \"approval_total_above\": " +
         (rules.approval_total_above ? Json(rules.approval_total_above->ToReaisString()).dump()
                                     : "null");
  out += ",\n  \"volume_discounts\": [";
  for (size_t i = 0; i < rules.volume_discounts.size(); ++i) {
    const core::VolumeDiscount& discount = rules.volume_discounts[i];
    out += i == 0 ? "\n" : ",\n";
    out += "    {\"sku\": " + (discount.sku ? Json(*discount.sku).dump() : "null") +
           ", \"min_quantity\": " + discount.min_quantity.ToString() +
           ", \"pct\": " + PercentText(discount.pct_basis_points) + "}";
  }
  out += rules.volume_discounts.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

}  // namespace orcazap::adapters
