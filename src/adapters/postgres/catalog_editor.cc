#include "adapters/postgres/catalog_editor.h"

#include <nlohmann/json.hpp>

#include "adapters/postgres/audit.h"

namespace orcazap::adapters::postgres {
namespace {

// ILIKE with the query's own % and _ escaped: they are searched for, not wildcards.
constexpr char kSearchItems[] = R"sql(
SELECT sku, name, unit, price_centavos, active FROM items
 WHERE tenant_id = $1
   AND ($2 = '' OR sku ILIKE '%' || $2 || '%' ESCAPE '\' OR name ILIKE '%' || $2 || '%' ESCAPE '\'
        OR EXISTS (SELECT 1 FROM unnest(aliases) a WHERE a ILIKE '%' || $2 || '%' ESCAPE '\'))
 ORDER BY sku LIMIT $3::integer)sql";

constexpr char kLockItem[] = R"sql(
SELECT sku, name, unit, price_centavos, active FROM items
 WHERE tenant_id = $1 AND sku = $2 FOR UPDATE)sql";

constexpr char kSetPrice[] = R"sql(
UPDATE items SET price_centavos = $3::bigint, updated_at = now()
 WHERE tenant_id = $1 AND sku = $2)sql";

// Prices are never negative, so integer division rounds the half-up sum down correctly.
constexpr char kChangePrices[] = R"sql(
UPDATE items SET price_centavos = (price_centavos * (10000 + $3::bigint) + 5000) / 10000,
       updated_at = now()
 WHERE tenant_id = $1 AND active
   AND ($2 = '' OR sku ILIKE '%' || $2 || '%' ESCAPE '\' OR name ILIKE '%' || $2 || '%' ESCAPE '\'
        OR EXISTS (SELECT 1 FROM unnest(aliases) a WHERE a ILIKE '%' || $2 || '%' ESCAPE '\')))sql";

service::CatalogRow RowAt(const Rows& rows, int i) {
  return {std::string(rows.Get(i, 0)), std::string(rows.Get(i, 1)), std::string(rows.Get(i, 2)),
          core::Money::Centavos(rows.GetInt(i, 3)), rows.GetBool(i, 4)};
}

std::string EscapeLike(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

}  // namespace

core::Result<std::vector<service::CatalogRow>> PgCatalogEditor::SearchItems(
    const std::string& tenant_id, const std::string& query, int limit) {
  if (!IsUuid(tenant_id)) return std::vector<service::CatalogRow>();
  auto rows = pool_.Exec(kSearchItems, {tenant_id, EscapeLike(query), std::to_string(limit)});
  if (!rows) return rows.error();
  std::vector<service::CatalogRow> items;
  for (int i = 0; i < rows->size(); ++i) items.push_back(RowAt(*rows, i));
  return items;
}

core::Result<std::optional<service::CatalogRow>> PgCatalogEditor::SetPrice(
    const std::string& tenant_id, const std::string& user_id, const std::string& sku,
    core::Money price) {
  if (!IsUuid(tenant_id)) return std::optional<service::CatalogRow>();
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto found = (*conn)->Exec(kLockItem, {tenant_id, sku});
  if (!found) return found.error();
  if (found->empty()) return std::optional<service::CatalogRow>();
  service::CatalogRow row = RowAt(*found, 0);
  const core::Money before = row.price;
  auto updated = (*conn)->Exec(kSetPrice, {tenant_id, sku, std::to_string(price.centavos())});
  if (!updated) return updated.error();
  row.price = price;
  const nlohmann::json before_json = {{"price", before.ToReaisString()}};
  const nlohmann::json after_json = {{"price", price.ToReaisString()}};
  if (auto audited = WriteAudit(**conn, {tenant_id, user_id, "item", sku, "update_price",
                                         before_json.dump(), after_json.dump()});
      !audited) {
    return audited.error();
  }
  if (auto committed = (*tx)->Commit(); !committed) return committed.error();
  return std::optional(row);
}

core::Result<int> PgCatalogEditor::ChangePrices(const std::string& tenant_id,
                                                const std::string& user_id,
                                                const std::string& query, int basis_points) {
  if (!IsUuid(tenant_id)) return 0;
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto changed =
      (*conn)->Exec(kChangePrices, {tenant_id, EscapeLike(query), std::to_string(basis_points)});
  if (!changed) return changed.error();
  const nlohmann::json after = {
      {"percent_basis_points", basis_points}, {"query", query}, {"items", changed->affected()}};
  if (auto audited = WriteAudit(**conn, {tenant_id, user_id, "catalog", query.empty() ? "*" : query,
                                         "change_prices", std::nullopt, after.dump()});
      !audited) {
    return audited.error();
  }
  if (auto committed = (*tx)->Commit(); !committed) return committed.error();
  return changed->affected();
}

}  // namespace orcazap::adapters::postgres
