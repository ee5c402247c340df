#include "adapters/postgres/channel_store.h"

#include <nlohmann/json.hpp>

#include "adapters/postgres/audit.h"

namespace orcazap::adapters::postgres {
namespace {

// A tenant has at most one channel in the panel: its oldest active one.
constexpr char kLoadChannel[] = R"sql(
SELECT id, phone_number_id, waba_id, display_phone_number, webhook_verify_token, needs_new_token
  FROM channels WHERE tenant_id = $1 AND active ORDER BY created_at LIMIT 1 FOR UPDATE)sql";

constexpr char kLoadSealedToken[] = R"sql(
SELECT access_token_encrypted FROM channels WHERE tenant_id = $1 AND active
 ORDER BY created_at LIMIT 1)sql";

constexpr char kPhoneTaken[] =
    "SELECT 1 FROM channels WHERE phone_number_id = $1 AND tenant_id <> $2";

constexpr char kInsertChannel[] = R"sql(
INSERT INTO channels (tenant_id, waba_id, phone_number_id, display_phone_number,
                      access_token_encrypted, webhook_verify_token)
VALUES ($1, $2, $3, $4, $5::bytea, $6))sql";

constexpr char kUpdateChannel[] = R"sql(
UPDATE channels SET phone_number_id = $3, waba_id = $4, display_phone_number = $5,
       webhook_verify_token = $6,
       access_token_encrypted = COALESCE($7::bytea, access_token_encrypted),
       needs_new_token = CASE WHEN $7 IS NULL THEN needs_new_token ELSE false END,
       updated_at = now()
 WHERE tenant_id = $1 AND id = $2)sql";

// What the audit log keeps of a channel: its public identifiers. The tokens are secrets (the
// verify token answers Meta's subscription check): the log says only whether they changed.
nlohmann::json Visible(const std::string& phone, const std::string& waba,
                       const std::string& display) {
  return {{"phone_number_id", phone}, {"waba_id", waba}, {"display_phone_number", display}};
}

}  // namespace

core::Result<std::optional<service::ChannelSettings>> PgChannelStore::LoadChannel(
    const std::string& tenant_id) {
  if (!IsUuid(tenant_id)) return std::optional<service::ChannelSettings>();
  auto rows = pool_.Exec(kLoadChannel, {tenant_id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<service::ChannelSettings>();
  return std::optional(service::ChannelSettings{
      std::string(rows->Get(0, 1)), std::string(rows->Get(0, 2)), std::string(rows->Get(0, 3)),
      std::string(rows->Get(0, 4)), true, rows->GetBool(0, 5)});
}

core::Result<std::string> PgChannelStore::LoadSealedToken(const std::string& tenant_id) {
  if (!IsUuid(tenant_id)) return core::Error::NotFound("tenant " + tenant_id);
  auto rows = pool_.Exec(kLoadSealedToken, {tenant_id});
  if (!rows) return rows.error();
  if (rows->empty()) return core::Error::NotFound("no channel for tenant " + tenant_id);
  return std::string(rows->Get(0, 0));
}

core::Status PgChannelStore::SaveChannel(const std::string& tenant_id, const std::string& user_id,
                                         const service::ChannelForm& form,
                                         const std::optional<std::string>& sealed_token) {
  if (!IsUuid(tenant_id)) return core::Error::NotFound("tenant " + tenant_id);
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto taken = (*conn)->Exec(kPhoneTaken, {form.phone_number_id, tenant_id});
  if (!taken) return taken.error();
  if (!taken->empty()) return core::Error::Conflict("phone number id of another store");
  auto current = (*conn)->Exec(kLoadChannel, {tenant_id});
  if (!current) return current.error();
  nlohmann::json audited_after =
      Visible(form.phone_number_id, form.waba_id, form.display_phone_number);
  std::optional<std::string> before;
  if (current->empty()) {
    if (!sealed_token) return core::Error::InvalidInput("a new channel needs its access token");
    auto inserted = (*conn)->Exec(
        kInsertChannel, {tenant_id, form.waba_id, form.phone_number_id, form.display_phone_number,
                         *sealed_token, form.verify_token});
    if (!inserted) return inserted.error();
    audited_after["verify_token"] = "changed";
  } else {
    before = Visible(std::string(current->Get(0, 1)), std::string(current->Get(0, 2)),
                     std::string(current->Get(0, 3)))
                 .dump();
    audited_after["verify_token"] = current->Get(0, 4) == form.verify_token ? "kept" : "changed";
    auto updated = (*conn)->Exec(
        kUpdateChannel, {tenant_id, std::string(current->Get(0, 0)), form.phone_number_id,
                         form.waba_id, form.display_phone_number, form.verify_token, sealed_token});
    if (!updated) return updated.error();
  }
  audited_after["access_token"] = sealed_token ? "changed" : "kept";
  if (auto audited =
          WriteAudit(**conn, {tenant_id, user_id, "channel", form.phone_number_id,
                              before ? "update" : "create", before, audited_after.dump()});
      !audited) {
    return audited.error();
  }
  return (*tx)->Commit();
}

}  // namespace orcazap::adapters::postgres
