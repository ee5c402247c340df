#pragma once
// The store's people for the panel (service/team.h), scoped by tenant.

#include "adapters/postgres/connection.h"
#include "service/team.h"

namespace orcazap::adapters::postgres {

class PgTeamStore : public service::TeamStore {
 public:
  explicit PgTeamStore(PgPool& pool) : pool_(pool) {}
  core::Result<std::vector<service::TeamMember>> Members(const std::string& tenant_id) override;
  core::Result<service::TeamMember> AddMember(const std::string& tenant_id,
                                              const std::string& actor_id,
                                              const service::TeamMember& member,
                                              const std::string& password_hash) override;
  core::Result<bool> SetActive(const std::string& tenant_id, const std::string& actor_id,
                               const std::string& member_id, bool active) override;

 private:
  PgPool& pool_;
};

}  // namespace orcazap::adapters::postgres
