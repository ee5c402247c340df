#include "adapters/postgres/tenant_admin.h"

namespace orcazap::adapters::postgres {
namespace {

constexpr char kUpsertTenant[] = R"sql(
INSERT INTO tenants (slug, name, timezone, quote_validity_hours) VALUES ($1, $2, $3, $4::integer)
ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, timezone = EXCLUDED.timezone,
  quote_validity_hours = EXCLUDED.quote_validity_hours, updated_at = now()
RETURNING id)sql";

constexpr char kFindTenant[] = "SELECT id FROM tenants WHERE slug = $1";
constexpr char kLockTenant[] = "SELECT id FROM tenants WHERE slug = $1 FOR NO KEY UPDATE";

constexpr char kUpsertChannel[] = R"sql(
INSERT INTO channels (tenant_id, waba_id, phone_number_id, display_phone_number,
                      access_token_encrypted, webhook_verify_token)
VALUES ($1, $2, $3, $4, $5::bytea, $6)
ON CONFLICT (phone_number_id) DO UPDATE SET waba_id = EXCLUDED.waba_id,
  display_phone_number = EXCLUDED.display_phone_number,
  access_token_encrypted = EXCLUDED.access_token_encrypted,
  webhook_verify_token = EXCLUDED.webhook_verify_token, active = true, needs_new_token = false,
  updated_at = now()
WHERE channels.tenant_id = EXCLUDED.tenant_id
RETURNING id)sql";

constexpr char kUpsertItem[] = R"sql(
INSERT INTO items (tenant_id, sku, name, unit, price_centavos, cost_centavos, weight_kg, aliases,
                   active)
VALUES ($1, $2, $3, $4, $5::bigint, $6::bigint, $7::numeric, $8::text[], $9::boolean)
ON CONFLICT (tenant_id, sku) DO UPDATE SET name = EXCLUDED.name, unit = EXCLUDED.unit,
  price_centavos = EXCLUDED.price_centavos, cost_centavos = EXCLUDED.cost_centavos,
  weight_kg = EXCLUDED.weight_kg, aliases = EXCLUDED.aliases, active = EXCLUDED.active,
  updated_at = now())sql";

// Rows written together share now(); created_at a microsecond apart per position ($n) keeps
// their order, which freight matching depends on.
constexpr char kDeleteFreight[] = "DELETE FROM freight_rules WHERE tenant_id = $1";
constexpr char kInsertFreight[] = R"sql(
INSERT INTO freight_rules (tenant_id, bairro, cep_start, cep_end, base_centavos, per_kg_centavos,
                           free_above_centavos, created_at)
VALUES ($1, $2, $3, $4, $5::bigint, $6::bigint, $7::bigint,
        now() + $8::integer * interval '1 microsecond'))sql";

constexpr char kUpsertPricing[] = R"sql(
INSERT INTO pricing_rules (tenant_id, pix_discount_basis_points, min_margin_basis_points,
                           approval_total_above_centavos)
VALUES ($1, $2::integer, $3::integer, $4::bigint)
ON CONFLICT (tenant_id) DO UPDATE SET
  pix_discount_basis_points = EXCLUDED.pix_discount_basis_points,
  min_margin_basis_points = EXCLUDED.min_margin_basis_points,
  approval_total_above_centavos = EXCLUDED.approval_total_above_centavos, updated_at = now())sql";

constexpr char kDeleteDiscounts[] = "DELETE FROM volume_discounts WHERE tenant_id = $1";
constexpr char kInsertDiscount[] = R"sql(
INSERT INTO volume_discounts (tenant_id, item_id, min_quantity, discount_basis_points,
                              created_at)
SELECT $1, (SELECT id FROM items WHERE tenant_id = $1 AND sku = $2), $3::numeric, $4::integer,
       now() + $5::integer * interval '1 microsecond'
 WHERE $2::text IS NULL OR EXISTS (SELECT 1 FROM items WHERE tenant_id = $1 AND sku = $2))sql";

constexpr char kUpsertUser[] = R"sql(
INSERT INTO users (tenant_id, email, password_hash, role) VALUES ($1, lower($2), $3, $4)
ON CONFLICT (tenant_id, email) DO UPDATE SET password_hash = EXCLUDED.password_hash,
  role = EXCLUDED.role, updated_at = now())sql";

Param Optional(const std::optional<core::Money>& money) {
  return money ? Param(std::to_string(money->centavos())) : std::nullopt;
}

// A PostgreSQL text[] literal: {"a","b"} with quotes and backslashes escaped.
std::string TextArray(const std::vector<std::string>& values) {
  std::string literal = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) literal += ',';
    literal += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') literal += '\\';
      literal += c;
    }
    literal += '"';
  }
  return literal + "}";
}

}  // namespace

core::Result<std::string> UpsertTenant(PgConnection& conn, const TenantSpec& tenant) {
  auto rows = conn.Exec(kUpsertTenant, {tenant.slug, tenant.name, tenant.timezone,
                                        std::to_string(tenant.quote_validity_hours)});
  if (!rows) return rows.error();
  return std::string(rows->Get(0, 0));
}

core::Result<std::optional<std::string>> FindTenantId(PgConnection& conn, const std::string& slug) {
  auto rows = conn.Exec(kFindTenant, {slug});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(std::string(rows->Get(0, 0)));
}

core::Result<std::optional<std::string>> LockTenantForImport(PgConnection& conn,
                                                             const std::string& slug) {
  auto rows = conn.Exec(kLockTenant, {slug});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(std::string(rows->Get(0, 0)));
}

core::Result<std::string> UpsertChannel(PgConnection& conn, const std::string& tenant_id,
                                        const ChannelSpec& channel) {
  auto rows = conn.Exec(kUpsertChannel, {tenant_id, channel.waba_id, channel.phone_number_id,
                                         channel.display_phone_number, channel.access_token_bytea,
                                         channel.webhook_verify_token});
  if (!rows) return rows.error();
  if (rows->empty()) {
    return core::Error::Conflict("phone_number_id " + channel.phone_number_id +
                                 " belongs to another tenant");
  }
  return std::string(rows->Get(0, 0));
}

core::Status UpsertItems(PgConnection& conn, const std::string& tenant_id,
                         const std::vector<core::CatalogItem>& items) {
  for (const auto& item : items) {
    auto done =
        conn.Exec(kUpsertItem, {tenant_id, item.sku, item.name, item.unit,
                                std::to_string(item.price.centavos()), Optional(item.cost),
                                item.weight_kg ? Param(item.weight_kg->ToString()) : std::nullopt,
                                TextArray(item.aliases), item.active ? "true" : "false"});
    if (!done) return done.error().WithContext("item " + item.sku);
  }
  return core::Ok();
}

core::Status ReplaceFreightRules(PgConnection& conn, const std::string& tenant_id,
                                 const std::vector<core::FreightRule>& rules) {
  if (auto deleted = conn.Exec(kDeleteFreight, {tenant_id}); !deleted) return deleted.error();
  for (size_t i = 0; i < rules.size(); ++i) {
    const auto& rule = rules[i];
    auto done =
        conn.Exec(kInsertFreight, {tenant_id, rule.bairro, rule.cep_start, rule.cep_end,
                                   std::to_string(rule.base.centavos()), Optional(rule.per_kg),
                                   Optional(rule.free_above), std::to_string(i)});
    if (!done) return done.error();
  }
  return core::Ok();
}

core::Status ReplacePricingRules(PgConnection& conn, const std::string& tenant_id,
                                 const core::PricingRules& rules) {
  auto done = conn.Exec(kUpsertPricing, {tenant_id, std::to_string(rules.pix_discount_basis_points),
                                         rules.min_margin_basis_points
                                             ? Param(std::to_string(*rules.min_margin_basis_points))
                                             : std::nullopt,
                                         Optional(rules.approval_total_above)});
  if (!done) return done.error();
  if (auto deleted = conn.Exec(kDeleteDiscounts, {tenant_id}); !deleted) return deleted.error();
  for (size_t i = 0; i < rules.volume_discounts.size(); ++i) {
    const auto& discount = rules.volume_discounts[i];
    auto inserted =
        conn.Exec(kInsertDiscount, {tenant_id, discount.sku, discount.min_quantity.ToString(),
                                    std::to_string(discount.pct_basis_points), std::to_string(i)});
    if (!inserted) return inserted.error();
    if (inserted->affected() == 0) {
      return core::Error::NotFound("volume discount for SKU \"" + discount.sku.value_or("") +
                                   "\": no such item");
    }
  }
  return core::Ok();
}

core::Status UpsertUser(PgConnection& conn, const std::string& tenant_id, const std::string& email,
                        const std::string& password_hash, const std::string& role) {
  auto done = conn.Exec(kUpsertUser, {tenant_id, email, password_hash, role});
  if (!done) return done.error();
  return core::Ok();
}

}  // namespace orcazap::adapters::postgres
