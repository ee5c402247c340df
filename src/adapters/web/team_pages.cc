#include "adapters/web/team_pages.h"

#include "adapters/crypto/secret_box.h"
#include "adapters/log/log.h"
#include "core/account_rules.h"

namespace orcazap::adapters::web {
namespace {

using http::Response;

}  // namespace

std::optional<Response> TeamPages::Handle(const StoreRequest& request) {
  const auto where = InSection(request.http.path, "/usuarios");
  if (!where) return std::nullopt;
  if (!request.session.is_owner()) return OwnersOnly(request, "gerenciar os usuários");
  const std::string& method = request.http.method;
  if (where->root && (method == "GET" || method == "HEAD")) return List(request);
  if (where->root && method == "POST") return Invite(request);
  if (method == "POST") {
    if (where->action == "desativar") return SetActive(request, where->id, false);
    if (where->action == "reativar") return SetActive(request, where->id, true);
  }
  return NotFound(request);
}

Response TeamPages::List(const StoreRequest& request, const std::string& notice,
                         const std::string& error, const std::string& name,
                         const std::string& email, int status) {
  auto members = team_.Members(request.session.tenant_id);
  if (!members) return Unavailable("cannot list users", members.error());
  Html rows;
  for (const service::TeamMember& member : *members) {
    Html action;
    if (member.id != request.session.user_id) {
      action = RenderTemplate("team_deactivate.html",
                              {{"id", member.id},
                               {"verb", member.active ? "desativar" : "reativar"},
                               {"label", member.active ? "Desativar" : "Reativar"},
                               {"csrf", request.session.csrf_token}});
    }
    rows.markup +=
        RenderTemplate("team_row.html", {{"id", member.id},
                                         {"name", member.name},
                                         {"email", member.email},
                                         {"role", member.role == "owner" ? "dono" : "atendente"},
                                         {"status", member.active ? "ativo" : "desativado"},
                                         {"action", std::move(action)}})
            .markup;
  }
  return StorePage(request, status, "Usuários",
                   RenderTemplate("team.html", {{"notice", Optional("notice.html", notice)},
                                                {"form_error", Optional("form_error.html", error)},
                                                {"rows", std::move(rows)},
                                                {"csrf", request.session.csrf_token},
                                                {"name", name},
                                                {"email", email}}));
}

Response TeamPages::Invite(const StoreRequest& request) {
  const Form form = ParseForm(request.http);
  const std::string name = form.Get("name");
  const std::string email = core::NormalizeEmail(form.Get("email"));
  if (name.find_first_not_of(' ') == std::string::npos || name.size() > 200) {
    return List(request, "", "Informe o nome do atendente.", name, form.Get("email"), 422);
  }
  if (!core::LooksLikeEmail(email)) {
    return List(request, "", "Informe um e-mail válido.", name, form.Get("email"), 422);
  }
  const std::string password = crypto::RandomHex(6);  // 12 characters, shown once
  auto hash = hasher_.Hash(password);
  if (!hash) return Unavailable("cannot hash a password", hash.error());
  auto added = team_.AddMember(request.session.tenant_id, request.session.user_id,
                               {"", name, email, "attendant", true}, *hash);
  if (!added) {
    if (added.error().code() == core::ErrorCode::kConflict) {
      return List(request, "", "Já existe um usuário com este e-mail na loja.", name,
                  form.Get("email"), 409);
    }
    return Unavailable("cannot invite a user", added.error());
  }
  adapters::log::Info("attendant invited", {{"user_id", added->id}});
  return List(request, "Atendente " + name + " convidado. Senha provisória: " + password +
                           " — repasse a ele; ela não será mostrada de novo.");
}

Response TeamPages::SetActive(const StoreRequest& request, const std::string& id, bool active) {
  auto changed = team_.SetActive(request.session.tenant_id, request.session.user_id, id, active);
  if (!changed) return Unavailable("cannot change a user", changed.error());
  if (!*changed) return NotFound(request);
  return List(request, active ? "Usuário reativado." : "Usuário desativado.");
}

}  // namespace orcazap::adapters::web
