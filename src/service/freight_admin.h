#pragma once
// The store's freight rules as the panel edits them (create, edit, delete), each change with
// its audit row in one transaction; scoped by tenant. The first rule matching a delivery
// location applies, in the order the rules were created (an edit keeps a rule's place).

#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/result.h"

namespace orcazap::service {

struct FreightRuleRow {
  std::string id;
  std::string bairro;     // either a bairro...
  std::string cep_start;  // ...or a CEP range, 8 digits each
  std::string cep_end;
  core::Money base;
  std::optional<core::Money> per_kg;
  std::optional<core::Money> free_above;
};

class FreightAdmin {
 public:
  virtual ~FreightAdmin() = default;
  virtual core::Result<std::vector<FreightRuleRow>> FreightRules(const std::string& tenant_id) = 0;
  virtual core::Result<std::string> CreateFreightRule(const std::string& tenant_id,
                                                      const std::string& user_id,
                                                      const FreightRuleRow& rule) = 0;
  // false when the tenant has no such rule.
  virtual core::Result<bool> UpdateFreightRule(const std::string& tenant_id,
                                               const std::string& user_id,
                                               const FreightRuleRow& rule) = 0;
  virtual core::Result<bool> DeleteFreightRule(const std::string& tenant_id,
                                               const std::string& user_id,
                                               const std::string& rule_id) = 0;
};

}  // namespace orcazap::service
