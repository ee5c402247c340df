#include "adapters/postgres/freight_admin_store.h"

#include <nlohmann/json.hpp>

#include "adapters/postgres/audit.h"

namespace orcazap::adapters::postgres {
namespace {

constexpr char kRules[] = R"sql(
SELECT id, COALESCE(bairro, ''), COALESCE(cep_start, ''), COALESCE(cep_end, ''), base_centavos,
       per_kg_centavos, free_above_centavos
  FROM freight_rules WHERE tenant_id = $1 ORDER BY created_at, id)sql";

constexpr char kOneRule[] = R"sql(
SELECT id, COALESCE(bairro, ''), COALESCE(cep_start, ''), COALESCE(cep_end, ''), base_centavos,
       per_kg_centavos, free_above_centavos
  FROM freight_rules WHERE tenant_id = $1 AND id = $2::uuid FOR UPDATE)sql";

constexpr char kInsertRule[] = R"sql(
INSERT INTO freight_rules (tenant_id, bairro, cep_start, cep_end, base_centavos, per_kg_centavos,
                           free_above_centavos)
VALUES ($1, NULLIF($2, ''), NULLIF($3, ''), NULLIF($4, ''), $5::bigint, $6::bigint, $7::bigint)
RETURNING id)sql";

constexpr char kUpdateRule[] = R"sql(
UPDATE freight_rules SET bairro = NULLIF($3, ''), cep_start = NULLIF($4, ''),
       cep_end = NULLIF($5, ''), base_centavos = $6::bigint, per_kg_centavos = $7::bigint,
       free_above_centavos = $8::bigint, updated_at = now()
 WHERE tenant_id = $1 AND id = $2::uuid)sql";

constexpr char kDeleteRule[] = "DELETE FROM freight_rules WHERE tenant_id = $1 AND id = $2::uuid";

Param Centavos(const std::optional<core::Money>& money) {
  if (!money) return std::nullopt;
  return std::to_string(money->centavos());
}

service::FreightRuleRow RuleAt(const Rows& rows, int i) {
  service::FreightRuleRow rule{std::string(rows.Get(i, 0)),
                               std::string(rows.Get(i, 1)),
                               std::string(rows.Get(i, 2)),
                               std::string(rows.Get(i, 3)),
                               core::Money::Centavos(rows.GetInt(i, 4)),
                               std::nullopt,
                               std::nullopt};
  if (!rows.IsNull(i, 5)) rule.per_kg = core::Money::Centavos(rows.GetInt(i, 5));
  if (!rows.IsNull(i, 6)) rule.free_above = core::Money::Centavos(rows.GetInt(i, 6));
  return rule;
}

std::string Json(const service::FreightRuleRow& rule) {
  nlohmann::json json = {{"bairro", rule.bairro},
                         {"cep_start", rule.cep_start},
                         {"cep_end", rule.cep_end},
                         {"base", rule.base.ToReaisString()}};
  json["per_kg"] = rule.per_kg ? nlohmann::json(rule.per_kg->ToReaisString()) : nullptr;
  json["free_above"] = rule.free_above ? nlohmann::json(rule.free_above->ToReaisString()) : nullptr;
  return json.dump();
}

}  // namespace

core::Result<std::vector<service::FreightRuleRow>> PgFreightAdmin::FreightRules(
    const std::string& tenant_id) {
  if (!IsUuid(tenant_id)) return std::vector<service::FreightRuleRow>();
  auto rows = pool_.Exec(kRules, {tenant_id});
  if (!rows) return rows.error();
  std::vector<service::FreightRuleRow> rules;
  for (int i = 0; i < rows->size(); ++i) rules.push_back(RuleAt(*rows, i));
  return rules;
}

core::Result<std::string> PgFreightAdmin::CreateFreightRule(const std::string& tenant_id,
                                                            const std::string& user_id,
                                                            const service::FreightRuleRow& rule) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto inserted = (*conn)->Exec(kInsertRule, {tenant_id, rule.bairro, rule.cep_start, rule.cep_end,
                                              std::to_string(rule.base.centavos()),
                                              Centavos(rule.per_kg), Centavos(rule.free_above)});
  if (!inserted) return inserted.error();
  const std::string id(inserted->Get(0, 0));
  if (auto audited = WriteAudit(
          **conn, {tenant_id, user_id, "freight_rule", id, "create", std::nullopt, Json(rule)});
      !audited) {
    return audited.error();
  }
  if (auto committed = (*tx)->Commit(); !committed) return committed.error();
  return id;
}

core::Result<bool> PgFreightAdmin::UpdateFreightRule(const std::string& tenant_id,
                                                     const std::string& user_id,
                                                     const service::FreightRuleRow& rule) {
  if (!IsUuid(tenant_id) || !IsUuid(rule.id)) return false;
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto before = (*conn)->Exec(kOneRule, {tenant_id, rule.id});
  if (!before) return before.error();
  if (before->empty()) return false;
  auto updated = (*conn)->Exec(kUpdateRule, {tenant_id, rule.id, rule.bairro, rule.cep_start,
                                             rule.cep_end, std::to_string(rule.base.centavos()),
                                             Centavos(rule.per_kg), Centavos(rule.free_above)});
  if (!updated) return updated.error();
  if (auto audited = WriteAudit(**conn, {tenant_id, user_id, "freight_rule", rule.id, "update",
                                         Json(RuleAt(*before, 0)), Json(rule)});
      !audited) {
    return audited.error();
  }
  if (auto committed = (*tx)->Commit(); !committed) return committed.error();
  return true;
}

core::Result<bool> PgFreightAdmin::DeleteFreightRule(const std::string& tenant_id,
                                                     const std::string& user_id,
                                                     const std::string& rule_id) {
  if (!IsUuid(tenant_id) || !IsUuid(rule_id)) return false;
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  auto tx = Transaction::Begin(**conn);
  if (!tx) return tx.error();
  auto before = (*conn)->Exec(kOneRule, {tenant_id, rule_id});
  if (!before) return before.error();
  if (before->empty()) return false;
  auto deleted = (*conn)->Exec(kDeleteRule, {tenant_id, rule_id});
  if (!deleted) return deleted.error();
  if (auto audited = WriteAudit(**conn, {tenant_id, user_id, "freight_rule", rule_id, "delete",
                                         Json(RuleAt(*before, 0)), std::nullopt});
      !audited) {
    return audited.error();
  }
  if (auto committed = (*tx)->Commit(); !committed) return committed.error();
  return true;
}

}  // namespace orcazap::adapters::postgres
