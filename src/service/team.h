#pragma once
// The store's people as the owner manages them in the panel: list, invite an attendant (with a
// temporary password shown once to the owner), deactivate. Owners only; scoped by tenant.

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace orcazap::service {

struct TeamMember {
  std::string id;
  std::string name;
  std::string email;
  std::string role;  // "owner" or "attendant"
  bool active = true;
};

class TeamStore {
 public:
  virtual ~TeamStore() = default;
  virtual core::Result<std::vector<TeamMember>> Members(const std::string& tenant_id) = 0;
  // Creates the user with its audit row in one transaction; kConflict when the e-mail is taken
  // in this store.
  virtual core::Result<TeamMember> AddMember(const std::string& tenant_id,
                                             const std::string& actor_id, const TeamMember& member,
                                             const std::string& password_hash) = 0;
  // Activates or deactivates a member (never the acting owner) with its audit row; false when
  // the tenant has no such member.
  virtual core::Result<bool> SetActive(const std::string& tenant_id, const std::string& actor_id,
                                       const std::string& member_id, bool active) = 0;
};

}  // namespace orcazap::service
