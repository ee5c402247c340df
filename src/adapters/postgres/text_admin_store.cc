#include "adapters/postgres/text_admin_store.h"

#include <nlohmann/json.hpp>

#include "adapters/postgres/audit.h"
#include "adapters/postgres/text_store.h"

namespace orcazap::adapters::postgres {
namespace {

std::optional<std::string> BodyJson(const std::optional<std::string>& body) {
  if (!body) return std::nullopt;
  return nlohmann::json{{"body", *body}}.dump();
}

}  // namespace

core::Result<std::map<std::string, std::string>> PgTextAdmin::TextOverrides(
    const std::string& tenant_id) {
  if (!IsUuid(tenant_id)) return std::map<std::string, std::string>();
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto stored = ListTextOverrides(**conn, tenant_id);
  if (!stored) return stored.error();
  std::map<std::string, std::string> overrides;
  for (const StoredText& text : *stored) overrides[text.key] = text.body;
  return overrides;
}

core::Status PgTextAdmin::SaveText(const std::string& tenant_id, const std::string& user_id,
                                   const std::string& key, const std::string& body) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto before = FindTextOverride(**conn, tenant_id, key);
  if (!before) return before.error();
  if (auto saved = SaveTextOverride(**conn, tenant_id, key, body); !saved) return saved;
  if (auto audited = WriteAudit(
          **conn, {tenant_id, user_id, "text", key, "update", BodyJson(*before), BodyJson(body)});
      !audited) {
    return audited;
  }
  return (*tx)->Commit();
}

core::Result<bool> PgTextAdmin::ResetText(const std::string& tenant_id, const std::string& user_id,
                                          const std::string& key) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto before = FindTextOverride(**conn, tenant_id, key);
  if (!before) return before.error();
  if (!*before) return false;
  auto deleted = DeleteTextOverride(**conn, tenant_id, key);
  if (!deleted) return deleted.error();
  if (auto audited = WriteAudit(
          **conn, {tenant_id, user_id, "text", key, "reset", BodyJson(*before), std::nullopt});
      !audited) {
    return audited.error();
  }
  if (auto committed = (*tx)->Commit(); !committed) return committed.error();
  return true;
}

}  // namespace orcazap::adapters::postgres
