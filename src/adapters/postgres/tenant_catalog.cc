#include "adapters/postgres/tenant_catalog.h"

#include <nlohmann/json.hpp>

namespace orcazap::adapters::postgres {
namespace {

using core::Error;
using core::Money;
using core::Quantity;

constexpr char kSelectItems[] = R"sql(
SELECT id, sku, name, unit, price_centavos, cost_centavos, weight_kg::text,
       array_to_json(aliases)::text, active
  FROM items WHERE tenant_id = $1 ORDER BY sku COLLATE "C")sql";

constexpr char kSelectFreight[] = R"sql(
SELECT bairro, cep_start, cep_end, base_centavos, per_kg_centavos, free_above_centavos
  FROM freight_rules WHERE tenant_id = $1 ORDER BY created_at, id)sql";

constexpr char kSelectPricing[] = R"sql(
SELECT pix_discount_basis_points, min_margin_basis_points, approval_total_above_centavos
  FROM pricing_rules WHERE tenant_id = $1)sql";

constexpr char kSelectDiscounts[] = R"sql(
SELECT d.item_id IS NOT NULL, i.sku, d.min_quantity::text, d.discount_basis_points
  FROM volume_discounts d LEFT JOIN items i ON i.id = d.item_id AND i.tenant_id = d.tenant_id
 WHERE d.tenant_id = $1 ORDER BY d.created_at, d.id)sql";

std::optional<Money> OptionalMoney(const Rows& rows, int row, int column) {
  if (rows.IsNull(row, column)) return std::nullopt;
  return Money::Centavos(rows.GetInt(row, column));
}

core::Result<Quantity> ReadQuantity(std::string_view text, const std::string& what) {
  auto quantity = Quantity::Parse(text);
  if (!quantity) return Error::Permanent(what + ": unreadable quantity " + std::string(text));
  return *quantity;
}

core::Result<std::vector<std::string>> ReadAliases(std::string_view json, const std::string& sku) {
  try {
    return nlohmann::json::parse(json).get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& error) {
    return Error::Permanent("item " + sku + ": unreadable aliases: " + error.what());
  }
}

core::Result<core::CatalogItem> ReadItem(const Rows& rows, int row) {
  core::CatalogItem item;
  item.id = rows.Get(row, 0);
  item.sku = rows.Get(row, 1);
  item.name = rows.Get(row, 2);
  item.unit = rows.Get(row, 3);
  item.price = Money::Centavos(rows.GetInt(row, 4));
  item.cost = OptionalMoney(rows, row, 5);
  if (!rows.IsNull(row, 6)) {
    auto weight = ReadQuantity(rows.Get(row, 6), "item " + item.sku + " weight_kg");
    if (!weight) return weight.error();
    item.weight_kg = *weight;
  }
  auto aliases = ReadAliases(rows.Get(row, 7), item.sku);
  if (!aliases) return aliases.error();
  item.aliases = std::move(*aliases);
  item.active = rows.GetBool(row, 8);
  return item;
}

core::Status ReadDiscounts(PgConnection& conn, const std::string& tenant_id,
                           core::PricingRules& rules) {
  auto rows = conn.Exec(kSelectDiscounts, {tenant_id});
  if (!rows) return rows.error();
  for (int row = 0; row < rows->size(); ++row) {
    core::VolumeDiscount discount;
    if (rows->GetBool(row, 0)) {
      // A discount whose item is not this tenant's would otherwise read as a global one.
      if (rows->IsNull(row, 1)) return Error::Permanent("a volume discount names a foreign item");
      discount.sku = std::string(rows->Get(row, 1));
    }
    auto min_quantity = ReadQuantity(rows->Get(row, 2), "volume discount min_quantity");
    if (!min_quantity) return min_quantity.error();
    discount.min_quantity = *min_quantity;
    discount.pct_basis_points = static_cast<int>(rows->GetInt(row, 3));
    rules.volume_discounts.push_back(std::move(discount));
  }
  return core::Ok();
}

}  // namespace

core::Result<std::vector<core::CatalogItem>> LoadItems(PgConnection& conn,
                                                       const std::string& tenant_id) {
  auto rows = conn.Exec(kSelectItems, {tenant_id});
  if (!rows) return rows.error();
  std::vector<core::CatalogItem> items;
  items.reserve(static_cast<size_t>(rows->size()));
  for (int row = 0; row < rows->size(); ++row) {
    auto item = ReadItem(*rows, row);
    if (!item) return item.error();
    items.push_back(std::move(*item));
  }
  return items;
}

core::Result<std::vector<core::FreightRule>> LoadFreightRules(PgConnection& conn,
                                                              const std::string& tenant_id) {
  auto rows = conn.Exec(kSelectFreight, {tenant_id});
  if (!rows) return rows.error();
  std::vector<core::FreightRule> rules;
  for (int row = 0; row < rows->size(); ++row) {
    core::FreightRule rule;
    rule.bairro = rows->GetOptional(row, 0);
    rule.cep_start = rows->GetOptional(row, 1);
    rule.cep_end = rows->GetOptional(row, 2);
    rule.base = Money::Centavos(rows->GetInt(row, 3));
    rule.per_kg = OptionalMoney(*rows, row, 4);
    rule.free_above = OptionalMoney(*rows, row, 5);
    rules.push_back(std::move(rule));
  }
  return rules;
}

core::Result<core::PricingRules> LoadPricingRules(PgConnection& conn,
                                                  const std::string& tenant_id) {
  auto rows = conn.Exec(kSelectPricing, {tenant_id});
  if (!rows) return rows.error();
  core::PricingRules rules;
  if (!rows->empty()) {
    rules.pix_discount_basis_points = static_cast<int>(rows->GetInt(0, 0));
    if (!rows->IsNull(0, 1)) rules.min_margin_basis_points = static_cast<int>(rows->GetInt(0, 1));
    rules.approval_total_above = OptionalMoney(*rows, 0, 2);
  }
  if (auto read = ReadDiscounts(conn, tenant_id, rules); !read) return read.error();
  return rules;
}

core::Result<core::Catalog> LoadCatalog(PgConnection& conn, const std::string& tenant_id) {
  core::Catalog catalog;
  auto items = LoadItems(conn, tenant_id);
  if (!items) return items.error();
  catalog.items = std::move(*items);
  auto freight = LoadFreightRules(conn, tenant_id);
  if (!freight) return freight.error();
  catalog.freight_rules = std::move(*freight);
  auto rules = LoadPricingRules(conn, tenant_id);
  if (!rules) return rules.error();
  catalog.rules = std::move(*rules);
  return catalog;
}

}  // namespace orcazap::adapters::postgres
