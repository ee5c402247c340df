#pragma once
// The panel's users page (owners only): the store's people, inviting an
// attendant (a temporary password is shown once to the owner, who passes it on), deactivating
// and reactivating. Every change has its audit row in the same transaction.
//
// Routes (store host, owner): GET /usuarios, POST /usuarios (name, email),
// POST /usuarios/{id}/desativar, POST /usuarios/{id}/reativar. An attendant gets 403.

#include <optional>

#include "adapters/web/page.h"
#include "service/accounts.h"
#include "service/team.h"

namespace orcazap::adapters::web {

class TeamPages {
 public:
  TeamPages(service::TeamStore& team, service::PasswordHasher& hasher)
      : team_(team), hasher_(hasher) {}
  std::optional<http::Response> Handle(const StoreRequest& request);

 private:
  http::Response List(const StoreRequest& request, const std::string& notice = "",
                      const std::string& error = "", const std::string& name = "",
                      const std::string& email = "", int status = 200);
  http::Response Invite(const StoreRequest& request);
  http::Response SetActive(const StoreRequest& request, const std::string& id, bool active);

  service::TeamStore& team_;
  service::PasswordHasher& hasher_;
};

}  // namespace orcazap::adapters::web
