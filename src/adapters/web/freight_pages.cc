#include "adapters/web/freight_pages.h"

namespace orcazap::adapters::web {
namespace {

using http::Response;

std::string Cep(std::string text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != '-' && c != '.' && c != ' ') {
      return "invalid";
    }
  }
  return digits;
}

std::string Where(const service::FreightRuleRow& rule) {
  if (!rule.bairro.empty()) return rule.bairro;
  return "CEP " + rule.cep_start.substr(0, 5) + "-" + rule.cep_start.substr(5) + " a " +
         rule.cep_end.substr(0, 5) + "-" + rule.cep_end.substr(5);
}

// The rule in the form, or the problem in Portuguese.
core::Result<service::FreightRuleRow> RuleFrom(const Form& form, const std::string& id) {
  service::FreightRuleRow rule;
  rule.id = id;
  rule.bairro = form.Get("bairro");
  while (!rule.bairro.empty() && rule.bairro.back() == ' ') rule.bairro.pop_back();
  while (!rule.bairro.empty() && rule.bairro.front() == ' ') rule.bairro.erase(0, 1);
  const std::string start = Cep(form.Get("cep_start"));
  const std::string end = Cep(form.Get("cep_end"));
  const bool has_cep = !start.empty() || !end.empty();
  if (rule.bairro.empty() == !has_cep) {
    return core::Error::InvalidInput("Informe um bairro ou uma faixa de CEP (não os dois).");
  }
  if (has_cep) {
    if (start.size() != 8 || end.size() != 8 || start > end) {
      return core::Error::InvalidInput(
          "A faixa de CEP deve ter dois CEPs de 8 dígitos, o inicial menor ou igual ao final.");
    }
    rule.cep_start = start;
    rule.cep_end = end;
  }
  if (rule.bairro.size() > 100) return core::Error::InvalidInput("Nome de bairro longo demais.");
  auto base = ParseReaisPtBr(form.Get("base"));
  if (!base || base->centavos() < 0) {
    return core::Error::InvalidInput("Frete inválido: \"" + form.Get("base") + "\".");
  }
  rule.base = *base;
  for (auto [field, target] :
       {std::pair{"per_kg", &rule.per_kg}, std::pair{"free_above", &rule.free_above}}) {
    const std::string typed = form.Get(field);
    if (typed.empty()) continue;
    auto money = ParseReaisPtBr(typed);
    if (!money || money->centavos() < 0) {
      return core::Error::InvalidInput("Valor inválido: \"" + typed + "\".");
    }
    *target = *money;
  }
  return rule;
}

Form FormOf(const service::FreightRuleRow& rule) {
  return Form{{{"bairro", rule.bairro},
               {"cep_start", rule.cep_start},
               {"cep_end", rule.cep_end},
               {"base", rule.base.ToReaisString()},
               {"per_kg", rule.per_kg ? rule.per_kg->ToReaisString() : ""},
               {"free_above", rule.free_above ? rule.free_above->ToReaisString() : ""}}};
}

}  // namespace

std::optional<Response> FreightPages::Handle(const StoreRequest& request) {
  const auto where = InSection(request.http.path, "/frete");
  if (!where) return std::nullopt;
  const bool get = request.http.method == "GET" || request.http.method == "HEAD";
  if (!get && !request.session.is_owner())
    return OwnersOnly(request, "mudar as regras de frete", "/frete");
  if (where->root && get) return List(request, Form{}, "/frete", "", "", 200);
  if (where->root && request.http.method == "POST") return Save(request, "");
  if (where->root) return NotFound(request);
  const std::string& id = where->id;
  const std::string& action = where->action;
  if (action.empty() && get) {
    auto rules = freight_.FreightRules(request.session.tenant_id);
    if (!rules) return Unavailable("cannot list freight rules", rules.error());
    for (const auto& rule : *rules) {
      if (rule.id == id) return List(request, FormOf(rule), "/frete/" + id, "", "", 200);
    }
    return NotFound(request);
  }
  if (action.empty() && request.http.method == "POST") return Save(request, id);
  if (action == "excluir" && request.http.method == "POST") return Delete(request, id);
  return NotFound(request);
}

Response FreightPages::List(const StoreRequest& request, const Form& form,
                            const std::string& action, const std::string& notice,
                            const std::string& error, int status) {
  auto rules = freight_.FreightRules(request.session.tenant_id);
  if (!rules) return Unavailable("cannot list freight rules", rules.error());
  Html rows;
  for (const auto& rule : *rules) {
    rows.markup += RenderTemplate("freight_row.html",
                                  {{"id", rule.id},
                                   {"where", Where(rule)},
                                   {"base", rule.base.ToBrl()},
                                   {"per_kg", rule.per_kg ? rule.per_kg->ToBrl() : "—"},
                                   {"free_above", rule.free_above ? rule.free_above->ToBrl() : "—"},
                                   {"csrf", request.session.csrf_token}})
                       .markup;
  }
  const bool editing = action != "/frete";
  return StorePage(
      request, status, "Frete",
      RenderTemplate("freight.html", {{"notice", Optional("notice.html", notice)},
                                      {"rows", std::move(rows)},
                                      {"form_title", editing ? "Editar regra" : "Nova regra"},
                                      {"form_error", Optional("form_error.html", error)},
                                      {"action", action},
                                      {"csrf", request.session.csrf_token},
                                      {"bairro", form.Get("bairro")},
                                      {"cep_start", form.Get("cep_start")},
                                      {"cep_end", form.Get("cep_end")},
                                      {"base", form.Get("base")},
                                      {"per_kg", form.Get("per_kg")},
                                      {"free_above", form.Get("free_above")},
                                      {"submit", editing ? "Salvar" : "Criar regra"}}));
}

Response FreightPages::Save(const StoreRequest& request, const std::string& id) {
  const Form form = ParseForm(request.http);
  const std::string action = id.empty() ? "/frete" : "/frete/" + id;
  auto rule = RuleFrom(form, id);
  if (!rule) return List(request, form, action, "", rule.error().message(), 422);
  if (id.empty()) {
    auto created =
        freight_.CreateFreightRule(request.session.tenant_id, request.session.user_id, *rule);
    if (!created) return Unavailable("cannot create a freight rule", created.error());
    return List(request, Form{}, "/frete", "Regra criada.", "", 200);
  }
  auto updated =
      freight_.UpdateFreightRule(request.session.tenant_id, request.session.user_id, *rule);
  if (!updated) return Unavailable("cannot update a freight rule", updated.error());
  if (!*updated) return NotFound(request);
  return List(request, Form{}, "/frete", "Regra salva.", "", 200);
}

Response FreightPages::Delete(const StoreRequest& request, const std::string& id) {
  auto rules = freight_.FreightRules(request.session.tenant_id);
  if (!rules) return Unavailable("cannot list freight rules", rules.error());
  const service::FreightRuleRow* rule = nullptr;
  for (const auto& candidate : *rules) {
    if (candidate.id == id) rule = &candidate;
  }
  if (rule == nullptr) return NotFound(request);
  if (ParseForm(request.http).Get("confirm") != "1") {
    return StorePage(request, 200, "Excluir regra",
                     RenderTemplate("confirm_delete.html",
                                    {{"what", "a regra de frete de " + Where(*rule)},
                                     {"detail", "Frete " + rule->base.ToBrl() +
                                                    ". Pedidos para este local passarão a "
                                                    "usar a próxima regra que combinar."},
                                     {"action", "/frete/" + id + "/excluir"},
                                     {"csrf", request.session.csrf_token},
                                     {"back", "/frete"}}));
  }
  auto deleted = freight_.DeleteFreightRule(request.session.tenant_id, request.session.user_id, id);
  if (!deleted) return Unavailable("cannot delete a freight rule", deleted.error());
  if (!*deleted) return NotFound(request);
  return List(request, Form{}, "/frete", "Regra excluída.", "", 200);
}

}  // namespace orcazap::adapters::web
