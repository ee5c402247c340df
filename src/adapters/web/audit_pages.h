#pragma once
// The panel's audit log (owners only): who changed what, before and after,
// filtered by kind of object and by person, 50 per page, newest first.
//
// Route (store host, owner): GET /auditoria?tipo=&usuario=&pagina=N. An attendant gets 403.

#include <optional>

#include "adapters/web/page.h"
#include "service/audit_log.h"
#include "service/team.h"

namespace orcazap::adapters::web {

class AuditPages {
 public:
  AuditPages(service::AuditReader& audit, service::TeamStore& team) : audit_(audit), team_(team) {}
  std::optional<http::Response> Handle(const StoreRequest& request);

 private:
  service::AuditReader& audit_;
  service::TeamStore& team_;
};

}  // namespace orcazap::adapters::web
