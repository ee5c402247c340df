#include "adapters/web/text_pages.h"

#include "core/text_samples.h"
#include "core/texts.h"

namespace orcazap::adapters::web {
namespace {

using http::Response;

const char* LabelPtBr(core::TextKey key) {
  switch (key) {
    case core::TextKey::kCapturePrompt:
      return "Pedido dos dados (primeira resposta)";
    case core::TextKey::kMissingData:
      return "Dados que faltam";
    case core::TextKey::kQuote:
      return "Orçamento";
    case core::TextKey::kApprovalPending:
      return "Aguardando uma pessoa";
    case core::TextKey::kConfirmation:
      return "Pedido confirmado";
    case core::TextKey::kDecline:
      return "Orçamento recusado pela loja";
    case core::TextKey::kQuoteExpired:
      return "Orçamento expirado";
    case core::TextKey::kUnknownItems:
      return "Itens não encontrados";
    case core::TextKey::kSendAsText:
      return "Pedir mensagem de texto";
    case core::TextKey::kAskForCep:
      return "Pedir o CEP";
  }
  return "";
}

std::string Variables(core::TextKey key) {
  const core::TemplateSchema& schema = core::TextSchema(key);
  std::string out;
  for (const auto& name : schema.variables) out += (out.empty() ? "" : ", ") + name;
  for (const core::TemplateList& list : schema.lists) {
    std::string inner;
    for (const auto& field : list.fields) inner += (inner.empty() ? "" : ", ") + field;
    out += (out.empty() ? "" : ", ") + list.name + " (" + inner + ")";
  }
  return out;
}

// The rendered sample, or the template's problem.
std::pair<bool, std::string> Render(core::TextKey key, const std::string& body) {
  core::Texts texts;
  if (auto installed = texts.Override(key, body); !installed) {
    return {false, installed.error().message()};
  }
  return {true, texts.Render(key, core::SampleTextData(key, texts))};
}

}  // namespace

std::optional<Response> TextPages::Handle(const StoreRequest& request) {
  const auto where = InSection(request.http.path, "/textos");
  if (!where) return std::nullopt;
  const bool get = request.http.method == "GET" || request.http.method == "HEAD";
  if (where->root) return get ? List(request) : NotFound(request);
  const std::string& key = where->id;
  const std::string& action = where->action;
  if (!core::ParseTextKey(key)) return NotFound(request);
  if (action.empty() && get) return Edit(request, key);
  if (request.http.method != "POST") return NotFound(request);
  if (action.empty()) return Save(request, key);
  if (action == "previa") return Preview(request, key);
  if (action == "padrao") return Reset(request, key);
  return NotFound(request);
}

Response TextPages::List(const StoreRequest& request) {
  auto overrides = texts_.TextOverrides(request.session.tenant_id);
  if (!overrides) return Unavailable("cannot list texts", overrides.error());
  Html rows;
  for (int i = 0; i < core::kTextKeyCount; ++i) {
    const auto key = static_cast<core::TextKey>(i);
    const std::string name = core::TextKeyName(key);
    std::string status = "padrão";
    if (auto found = overrides->find(name); found != overrides->end()) {
      status = core::ParseText(key, found->second) ? "personalizado"
                                                   : "personalizado, com erro (o padrão é enviado)";
    }
    rows.markup += RenderTemplate("text_row.html",
                                  {{"key", name}, {"label", LabelPtBr(key)}, {"status", status}})
                       .markup;
  }
  return StorePage(request, 200, "Mensagens",
                   RenderTemplate("texts.html", {{"rows", std::move(rows)}}));
}

Response TextPages::Edit(const StoreRequest& request, const std::string& key_name,
                         std::optional<std::string> body, const std::string& error,
                         const std::string& notice, int status) {
  const core::TextKey key = *core::ParseTextKey(key_name);
  if (!body) {
    auto overrides = texts_.TextOverrides(request.session.tenant_id);
    if (!overrides) return Unavailable("cannot load texts", overrides.error());
    const auto found = overrides->find(key_name);
    body = found != overrides->end() ? found->second : std::string(core::DefaultText(key));
  }
  const auto [ok, rendered] = Render(key, *body);
  return StorePage(
      request, status, "Mensagens",
      RenderTemplate("text_edit.html",
                     {{"key", key_name},
                      {"label", LabelPtBr(key)},
                      {"notice", Optional("notice.html", notice)},
                      {"form_error", Optional("form_error.html", error)},
                      {"csrf", request.session.csrf_token},
                      {"variables", Variables(key)},
                      {"body", *body},
                      {"preview", ok ? RenderTemplate("text_preview.html", {{"text", rendered}})
                                     : Optional("form_error.html", rendered)}}));
}

Response TextPages::Save(const StoreRequest& request, const std::string& key_name) {
  const core::TextKey key = *core::ParseTextKey(key_name);
  const std::string body = ParseForm(request.http).Get("body");
  if (auto valid = core::ParseText(key, body); !valid) {
    return Edit(request, key_name, body, "Texto não salvo: " + valid.error().message(), "", 422);
  }
  auto saved = texts_.SaveText(request.session.tenant_id, request.session.user_id, key_name, body);
  if (!saved) return Unavailable("cannot save a text", saved.error());
  return Edit(request, key_name, body, "", "Texto salvo.");
}

Response TextPages::Preview(const StoreRequest& request, const std::string& key_name) {
  const core::TextKey key = *core::ParseTextKey(key_name);
  const auto [ok, rendered] = Render(key, ParseForm(request.http).Get("body"));
  // 200 either way, so that htmx shows the problem in place of the preview.
  return Fragment(200, ok ? RenderTemplate("text_preview.html", {{"text", rendered}})
                          : Optional("form_error.html", rendered));
}

Response TextPages::Reset(const StoreRequest& request, const std::string& key_name) {
  auto reset = texts_.ResetText(request.session.tenant_id, request.session.user_id, key_name);
  if (!reset) return Unavailable("cannot reset a text", reset.error());
  return Edit(request, key_name, std::nullopt, "",
              *reset ? "O texto padrão voltou a ser usado." : "Este texto já era o padrão.");
}

}  // namespace orcazap::adapters::web
