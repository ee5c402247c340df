#pragma once
// Writes that set a tenant up (seeding, imports): tenants, channels, catalog, rules, users.
// Each function runs in the caller's transaction when there is one; every write is scoped by
// the tenant id it is given.

#include <string>
#include <vector>

#include "adapters/postgres/connection.h"
#include "core/catalog.h"
#include "core/result.h"

namespace orcazap::adapters::postgres {

struct TenantSpec {
  std::string slug;
  std::string name;
  std::string timezone = "America/Sao_Paulo";
  int quote_validity_hours = 24;
};

struct ChannelSpec {
  std::string waba_id;
  std::string phone_number_id;
  std::string display_phone_number;
  std::string access_token_bytea;  // already sealed (crypto::SecretBox)
  std::string webhook_verify_token;
};

// Returns the tenant id; updates name/timezone when the slug exists.
core::Result<std::string> UpsertTenant(PgConnection& conn, const TenantSpec& tenant);
core::Result<std::optional<std::string>> FindTenantId(PgConnection& conn, const std::string& slug);
// FindTenantId that also holds the tenant against other imports (not against readers or the
// worker) until the caller's transaction ends, so that two imports for one tenant take turns.
core::Result<std::optional<std::string>> LockTenantForImport(PgConnection& conn,
                                                             const std::string& slug);
core::Result<std::string> UpsertChannel(PgConnection& conn, const std::string& tenant_id,
                                        const ChannelSpec& channel);
core::Status UpsertItems(PgConnection& conn, const std::string& tenant_id,
                         const std::vector<core::CatalogItem>& items);
// Replaces all of the tenant's freight rules; they read back in this order (LoadFreightRules).
core::Status ReplaceFreightRules(PgConnection& conn, const std::string& tenant_id,
                                 const std::vector<core::FreightRule>& rules);
// Replaces the tenant's pricing rules and volume discounts (kept in order). kNotFound when a
// discount names a SKU the tenant has no item for.
core::Status ReplacePricingRules(PgConnection& conn, const std::string& tenant_id,
                                 const core::PricingRules& rules);
core::Status UpsertUser(PgConnection& conn, const std::string& tenant_id, const std::string& email,
                        const std::string& password_hash, const std::string& role);

}  // namespace orcazap::adapters::postgres
