#pragma once
// The panel's freight rules (service/freight_admin.h), scoped by tenant, audited.

#include "adapters/postgres/connection.h"
#include "service/freight_admin.h"

namespace orcazap::adapters::postgres {

class PgFreightAdmin : public service::FreightAdmin {
 public:
  explicit PgFreightAdmin(PgPool& pool) : pool_(pool) {}
  core::Result<std::vector<service::FreightRuleRow>> FreightRules(
      const std::string& tenant_id) override;
  core::Result<std::string> CreateFreightRule(const std::string& tenant_id,
                                              const std::string& user_id,
                                              const service::FreightRuleRow& rule) override;
  core::Result<bool> UpdateFreightRule(const std::string& tenant_id, const std::string& user_id,
                                       const service::FreightRuleRow& rule) override;
  core::Result<bool> DeleteFreightRule(const std::string& tenant_id, const std::string& user_id,
                                       const std::string& rule_id) override;

 private:
  PgPool& pool_;
};

}  // namespace orcazap::adapters::postgres
