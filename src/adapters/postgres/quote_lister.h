#pragma once
// The panel's quote list (service/quote_list.h), scoped by tenant.

#include "adapters/postgres/connection.h"
#include "service/quote_list.h"

namespace orcazap::adapters::postgres {

class PgQuoteLister : public service::QuoteLister {
 public:
  explicit PgQuoteLister(PgPool& pool) : pool_(pool) {}
  core::Result<std::vector<service::QuoteSummary>> Quotes(const std::string& tenant_id,
                                                          const std::string& status, int offset,
                                                          int limit) override;

 private:
  PgPool& pool_;
};

}  // namespace orcazap::adapters::postgres
