#pragma once
// Reads a tenant's catalog, freight rules and pricing rules back into core values: for the
// worker (pricing a quote) and for the export commands. Every query filters by the tenant id;
// an unknown tenant id reads as an empty catalog with default rules.
//
// Contract:
// 1. Items come in SKU byte order, inactive ones included with active = false, ids filled.
// 2. Freight rules and volume discounts come in the order they were written (the order of the
//    file they were imported from), which is the order freight matching depends on.
// 3. Volume discounts name their item by SKU again; a tenant without pricing rules reads as
//    PricingRules{} (no PIX discount, no thresholds).

#include <string>
#include <vector>

#include "adapters/postgres/connection.h"
#include "core/catalog.h"
#include "core/result.h"

namespace orcazap::adapters::postgres {

core::Result<std::vector<core::CatalogItem>> LoadItems(PgConnection& conn,
                                                       const std::string& tenant_id);
core::Result<std::vector<core::FreightRule>> LoadFreightRules(PgConnection& conn,
                                                              const std::string& tenant_id);
core::Result<core::PricingRules> LoadPricingRules(PgConnection& conn, const std::string& tenant_id);
// All three; run it inside a transaction for a consistent snapshot.
core::Result<core::Catalog> LoadCatalog(PgConnection& conn, const std::string& tenant_id);

}  // namespace orcazap::adapters::postgres
