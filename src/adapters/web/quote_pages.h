#pragma once
// The panel's quotes: newest first, by status, 50 per page, each linking to
// its approval (pending) or its conversation.
//
// Route (store host, logged in): GET /orcamentos?situacao=&pagina=N.

#include <optional>

#include "adapters/web/page.h"
#include "service/quote_list.h"

namespace orcazap::adapters::web {

class QuotePages {
 public:
  explicit QuotePages(service::QuoteLister& quotes) : quotes_(quotes) {}
  std::optional<http::Response> Handle(const StoreRequest& request);

 private:
  service::QuoteLister& quotes_;
};

}  // namespace orcazap::adapters::web
