#pragma once
// A tenant's overrides of the customer texts (table `message_templates`, core/texts.h).
//
// Contract:
// 1. Every statement is scoped by the tenant id it is given.
// 2. Bodies are stored and returned as given: validating them (core::ParseText) is the
//    caller's job, before saving.
// 3. Each function runs in the caller's transaction when there is one.

#include <optional>
#include <string>
#include <vector>

#include "adapters/postgres/connection.h"
#include "core/result.h"

namespace orcazap::adapters::postgres {

struct StoredText {
  std::string key;  // a core::TextKeyName, or whatever an older release stored
  std::string body;
};

// The tenant's overrides, ordered by key.
core::Result<std::vector<StoredText>> ListTextOverrides(PgConnection& conn,
                                                        const std::string& tenant_id);
// The override of `key`; nullopt when the tenant uses the default text.
core::Result<std::optional<std::string>> FindTextOverride(PgConnection& conn,
                                                          const std::string& tenant_id,
                                                          const std::string& key);
// Creates or replaces the override of `key`.
core::Status SaveTextOverride(PgConnection& conn, const std::string& tenant_id,
                              const std::string& key, const std::string& body);
// Removes the override of `key`; false when there was none.
core::Result<bool> DeleteTextOverride(PgConnection& conn, const std::string& tenant_id,
                                      const std::string& key);

}  // namespace orcazap::adapters::postgres
