#pragma once
// The panel's approvals: the quotes waiting for a person, one quote with its
// reasons, lines and conversation, and the decision — approve, optionally after changing a
// line's unit price, dropping unknown items, adding a catalog line or giving the freight (the
// quote is re-priced), or reject. The decision goes through service/approvals.h (one
// transaction with its audit row); a worker then sends the text.
//
// Routes (store host, logged in): GET /aprovacoes, GET /aprovacoes/{quote id},
// POST /aprovacoes/{quote id}/aprovar, POST /aprovacoes/{quote id}/rejeitar. A quote of
// another tenant is 404 (every lookup is scoped by the session's tenant).

#include <optional>

#include "adapters/web/page.h"
#include "service/approvals.h"

namespace orcazap::adapters::web {

class ApprovalPages {
 public:
  explicit ApprovalPages(service::ApprovalPorts ports) : ports_(ports) {}
  // nullopt when the path is not an approvals page.
  std::optional<http::Response> Handle(const StoreRequest& request);

 private:
  http::Response List(const StoreRequest& request);
  http::Response Show(const StoreRequest& request, const std::string& quote_id,
                      const std::string& error = "", int status = 200);
  http::Response Approve(const StoreRequest& request, const std::string& quote_id);
  http::Response Reject(const StoreRequest& request, const std::string& quote_id);

  service::ApprovalPorts ports_;
};

}  // namespace orcazap::adapters::web
