#include "adapters/web/audit_pages.h"

#include <ctime>

#include "adapters/http/url.h"

namespace orcazap::adapters::web {
namespace {

using http::Response;

constexpr int kPageSize = 50;

struct Kind {
  const char* value;
  const char* label;
};
constexpr Kind kKinds[] = {{"", "todos"},
                           {"item", "itens do catálogo"},
                           {"catalog", "importações"},
                           {"quote", "orçamentos"},
                           {"conversation", "conversas"},
                           {"channel", "canal do WhatsApp"},
                           {"user", "usuários"},
                           {"tenant", "loja"}};

Html Option(const std::string& value, const std::string& label, bool selected) {
  return RenderTemplate(
      "option.html",
      {{"value", value}, {"label", label}, {"selected", Html{selected ? " selected" : ""}}});
}

}  // namespace

std::optional<Response> AuditPages::Handle(const StoreRequest& request) {
  if (request.http.path != "/auditoria") return std::nullopt;
  if (request.http.method != "GET" && request.http.method != "HEAD") return NotFound(request);
  if (!request.session.is_owner()) return OwnersOnly(request, "ver o histórico de alterações");
  const service::AuditFilter filter{std::string(request.http.Query("tipo")),
                                    std::string(request.http.Query("usuario"))};
  int page = std::atoi(std::string(request.http.Query("pagina")).c_str());
  if (page < 1 || page > 100000) page = 1;
  auto records =
      audit_.AuditPage(request.session.tenant_id, filter, (page - 1) * kPageSize, kPageSize + 1);
  if (!records) return Unavailable("cannot read the audit log", records.error());
  auto members = team_.Members(request.session.tenant_id);
  if (!members) return Unavailable("cannot list users", members.error());

  const bool more = static_cast<int>(records->size()) > kPageSize;
  Html rows;
  for (int i = 0; i < std::min<int>(records->size(), kPageSize); ++i) {
    const service::AuditRecord& record = (*records)[i];
    rows.markup += RenderTemplate("audit_row.html", {{"at", DateTimePtBr(record.at, true)},
                                                     {"who", record.who},
                                                     {"entity_type", record.entity_type},
                                                     {"entity_id", record.entity_id},
                                                     {"action", record.action},
                                                     {"before", record.before_json},
                                                     {"after", record.after_json}})
                       .markup;
  }
  Html types;
  for (const Kind& kind : kKinds) {
    types.markup += Option(kind.value, kind.label, filter.entity_type == kind.value).markup;
  }
  Html users = Option("", "todos", filter.user_id.empty());
  for (const service::TeamMember& member : *members) {
    users.markup += Option(member.id, member.name, filter.user_id == member.id).markup;
  }
  const std::string base = "/auditoria?tipo=" + http::PercentEncode(filter.entity_type) +
                           "&usuario=" + http::PercentEncode(filter.user_id) + "&pagina=";
  Html previous = page > 1
                      ? RenderTemplate("page_link.html", {{"href", base + std::to_string(page - 1)},
                                                          {"rel", "prev"},
                                                          {"label", "← mais recentes"}})
                      : Html{};
  Html next = more ? RenderTemplate("page_link.html", {{"href", base + std::to_string(page + 1)},
                                                       {"rel", "next"},
                                                       {"label", "mais antigas →"}})
                   : Html{};
  return StorePage(request, 200, "Histórico",
                   RenderTemplate("audit.html", {{"type_options", std::move(types)},
                                                 {"user_options", std::move(users)},
                                                 {"rows", std::move(rows)},
                                                 {"previous", std::move(previous)},
                                                 {"next", std::move(next)},
                                                 {"page", std::to_string(page)}}));
}

}  // namespace orcazap::adapters::web
