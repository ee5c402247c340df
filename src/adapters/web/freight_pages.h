#pragma once
// The panel's freight rules: list in matching order, create, edit, and delete
// after a confirmation page. Everyone reads; only owners change them. Every change is audited.
//
// Routes (store host, logged in): GET /frete, POST /frete, GET /frete/{id}, POST /frete/{id},
// POST /frete/{id}/excluir (confirm=1 deletes; without it, the confirmation page).

#include <optional>

#include "adapters/web/page.h"
#include "service/freight_admin.h"

namespace orcazap::adapters::web {

class FreightPages {
 public:
  explicit FreightPages(service::FreightAdmin& freight) : freight_(freight) {}
  std::optional<http::Response> Handle(const StoreRequest& request);

 private:
  http::Response List(const StoreRequest& request, const Form& form, const std::string& action,
                      const std::string& notice, const std::string& error, int status);
  http::Response Save(const StoreRequest& request, const std::string& id);
  http::Response Delete(const StoreRequest& request, const std::string& id);

  service::FreightAdmin& freight_;
};

}  // namespace orcazap::adapters::web
