#include "adapters/web/quote_pages.h"

#include <ctime>

namespace orcazap::adapters::web {
namespace {

using http::Response;

constexpr int kPageSize = 50;

struct Status {
  const char* value;
  const char* label;
};
constexpr Status kStatuses[] = {{"", "todos"},       {"pending_approval", "aguardando aprovação"},
                                {"sent", "enviado"}, {"won", "fechado"},
                                {"lost", "perdido"}, {"expired", "expirado"}};

const char* StatusPtBr(const std::string& status) {
  for (const Status& known : kStatuses) {
    if (status == known.value) return known.label;
  }
  return "rascunho";
}

}  // namespace

std::optional<Response> QuotePages::Handle(const StoreRequest& request) {
  if (request.http.path != "/orcamentos") return std::nullopt;
  if (request.http.method != "GET" && request.http.method != "HEAD") return NotFound(request);
  std::string status(request.http.Query("situacao"));
  bool known = false;
  for (const Status& candidate : kStatuses) known = known || status == candidate.value;
  if (!known) status.clear();
  int page = std::atoi(std::string(request.http.Query("pagina")).c_str());
  if (page < 1 || page > 100000) page = 1;
  auto quotes =
      quotes_.Quotes(request.session.tenant_id, status, (page - 1) * kPageSize, kPageSize + 1);
  if (!quotes) return Unavailable("cannot list quotes", quotes.error());
  Html rows;
  for (int i = 0; i < std::min<int>(quotes->size(), kPageSize); ++i) {
    const service::QuoteSummary& quote = (*quotes)[i];
    const bool pending = quote.status == "pending_approval";
    rows.markup +=
        RenderTemplate(
            "quote_row.html",
            {{"id", quote.id},
             {"customer", quote.customer},
             {"status", StatusPtBr(quote.status)},
             {"total", quote.total.ToBrl()},
             {"created_at", DateTimePtBr(quote.created_at, true)},
             {"valid_until", quote.valid_until ? DateTimePtBr(*quote.valid_until, true) : "—"},
             {"link", pending ? "/aprovacoes/" + quote.id : "/conversas/" + quote.conversation_id},
             {"link_text", pending ? "Aprovar" : "Conversa"}})
            .markup;
  }
  Html options;
  for (const Status& candidate : kStatuses) {
    options.markup +=
        RenderTemplate("option.html",
                       {{"value", candidate.value},
                        {"label", candidate.label},
                        {"selected", Html{status == candidate.value ? " selected" : ""}}})
            .markup;
  }
  const std::string base = "/orcamentos?situacao=" + status + "&pagina=";
  Html previous = page > 1
                      ? RenderTemplate("page_link.html", {{"href", base + std::to_string(page - 1)},
                                                          {"rel", "prev"},
                                                          {"label", "← mais recentes"}})
                      : Html{};
  Html next = static_cast<int>(quotes->size()) > kPageSize
                  ? RenderTemplate("page_link.html", {{"href", base + std::to_string(page + 1)},
                                                      {"rel", "next"},
                                                      {"label", "mais antigos →"}})
                  : Html{};
  return StorePage(
      request, 200, "Orçamentos",
      RenderTemplate(
          "quotes.html",
          {{"status_options", std::move(options)},
           {"empty", Optional("notice.html", quotes->empty() ? "Nenhum orçamento." : "")},
           {"rows", std::move(rows)},
           {"previous", std::move(previous)},
           {"next", std::move(next)},
           {"page", std::to_string(page)}}));
}

}  // namespace orcazap::adapters::web
