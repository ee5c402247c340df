#include "adapters/postgres/quote_lister.h"

namespace orcazap::adapters::postgres {
namespace {

constexpr char kQuotes[] = R"sql(
SELECT q.id, q.conversation_id, trim(ct.profile_name || ' +' || ct.phone), q.status,
       q.total_centavos, extract(epoch FROM q.created_at)::bigint,
       extract(epoch FROM q.valid_until)::bigint
  FROM quotes q
  JOIN conversations c ON c.id = q.conversation_id AND c.tenant_id = q.tenant_id
  JOIN contacts ct ON ct.id = c.contact_id AND ct.tenant_id = q.tenant_id
 WHERE q.tenant_id = $1 AND ($2 = '' OR q.status = $2)
 ORDER BY q.created_at DESC, q.id OFFSET $3::integer LIMIT $4::integer)sql";

}  // namespace

core::Result<std::vector<service::QuoteSummary>> PgQuoteLister::Quotes(const std::string& tenant_id,
                                                                       const std::string& status,
                                                                       int offset, int limit) {
  if (!IsUuid(tenant_id)) return std::vector<service::QuoteSummary>();
  auto rows =
      pool_.Exec(kQuotes, {tenant_id, status, std::to_string(offset), std::to_string(limit)});
  if (!rows) return rows.error();
  std::vector<service::QuoteSummary> quotes;
  for (int i = 0; i < rows->size(); ++i) {
    service::QuoteSummary quote{std::string(rows->Get(i, 0)),
                                std::string(rows->Get(i, 1)),
                                std::string(rows->Get(i, 2)),
                                std::string(rows->Get(i, 3)),
                                core::Money::Centavos(rows->GetInt(i, 4)),
                                service::Instant(std::chrono::seconds(rows->GetInt(i, 5))),
                                std::nullopt};
    if (!rows->IsNull(i, 6)) {
      quote.valid_until = service::Instant(std::chrono::seconds(rows->GetInt(i, 6)));
    }
    quotes.push_back(std::move(quote));
  }
  return quotes;
}

}  // namespace orcazap::adapters::postgres
