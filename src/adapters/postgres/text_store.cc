#include "adapters/postgres/text_store.h"

namespace orcazap::adapters::postgres {
namespace {

constexpr char kSelectTextOverrides[] =
    "SELECT key, body FROM message_templates WHERE tenant_id = $1 ORDER BY key";

constexpr char kSelectTextOverride[] =
    "SELECT body FROM message_templates WHERE tenant_id = $1 AND key = $2";

constexpr char kUpsertTextOverride[] = R"sql(
INSERT INTO message_templates (tenant_id, key, body) VALUES ($1, $2, $3)
ON CONFLICT (tenant_id, key) DO UPDATE SET body = EXCLUDED.body, updated_at = now())sql";

constexpr char kDeleteTextOverride[] =
    "DELETE FROM message_templates WHERE tenant_id = $1 AND key = $2";

}  // namespace

core::Result<std::vector<StoredText>> ListTextOverrides(PgConnection& conn,
                                                        const std::string& tenant_id) {
  auto rows = conn.Exec(kSelectTextOverrides, {tenant_id});
  if (!rows) return rows.error();
  std::vector<StoredText> texts;
  for (int i = 0; i < rows->size(); ++i) {
    texts.push_back({std::string(rows->Get(i, 0)), std::string(rows->Get(i, 1))});
  }
  return texts;
}

core::Result<std::optional<std::string>> FindTextOverride(PgConnection& conn,
                                                          const std::string& tenant_id,
                                                          const std::string& key) {
  auto rows = conn.Exec(kSelectTextOverride, {tenant_id, key});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(std::string(rows->Get(0, 0)));
}

core::Status SaveTextOverride(PgConnection& conn, const std::string& tenant_id,
                              const std::string& key, const std::string& body) {
  auto rows = conn.Exec(kUpsertTextOverride, {tenant_id, key, body});
  if (!rows) return rows.error();
  return core::Ok();
}

core::Result<bool> DeleteTextOverride(PgConnection& conn, const std::string& tenant_id,
                                      const std::string& key) {
  auto rows = conn.Exec(kDeleteTextOverride, {tenant_id, key});
  if (!rows) return rows.error();
  return rows->affected() > 0;
}

}  // namespace orcazap::adapters::postgres
