#include "adapters/web/channel_pages.h"

#include "adapters/log/log.h"

namespace orcazap::adapters::web {
namespace {

using http::Response;

}  // namespace

std::optional<Response> ChannelPages::Handle(const StoreRequest& request) {
  if (request.http.path != "/canal") return std::nullopt;
  if (!request.session.is_owner()) return OwnersOnly(request, "mudar o canal do WhatsApp");
  if (request.http.method == "POST") return Save(request);
  if (request.http.method != "GET" && request.http.method != "HEAD") return NotFound(request);
  auto channel = store_.LoadChannel(request.session.tenant_id);
  if (!channel) return Unavailable("cannot load the channel", channel.error());
  service::ChannelForm form;
  std::string notice;
  if (*channel) {
    form = {(*channel)->phone_number_id, (*channel)->waba_id, (*channel)->display_phone_number,
            (*channel)->verify_token, ""};
    if ((*channel)->needs_new_token) {
      return Show(request, form, {},
                  "O WhatsApp recusou o token de acesso (erro 190). Informe um token novo.", "",
                  200);
    }
  } else {
    form.verify_token = crypto::RandomHex(16);
    notice = "Nenhum canal configurado: preencha os dados do seu número no WhatsApp Cloud API.";
  }
  return Show(request, form, {}, "", notice, 200);
}

Response ChannelPages::Show(const StoreRequest& request, const service::ChannelForm& form,
                            const std::vector<core::FieldError>& errors, const std::string& error,
                            const std::string& notice, int status) {
  TemplateVars vars = {{"csrf", request.session.csrf_token},
                       {"phone_number_id", form.phone_number_id},
                       {"waba_id", form.waba_id},
                       {"display_phone_number", form.display_phone_number},
                       {"verify_token", form.verify_token},
                       {"token_hint", "(deixe em branco para manter o atual)"},
                       {"status", Optional("notice.html", notice)},
                       {"form_error", Optional("form_error.html", error)}};
  for (const char* field :
       {"phone_number_id", "waba_id", "display_phone_number", "access_token", "verify_token"}) {
    std::string message;
    for (const auto& problem : errors) {
      if (problem.field == field) message = problem.message;
    }
    vars[std::string(field) + "_error"] = Optional("field_error.html", message);
  }
  return StorePage(request, status, "Canal do WhatsApp", RenderTemplate("channel.html", vars));
}

core::Result<std::string> ChannelPages::StoredToken(const StoreRequest& request) {
  auto sealed = store_.LoadSealedToken(request.session.tenant_id);
  if (!sealed) return sealed.error();
  return box_.OpenBytea(*sealed);
}

std::optional<Response> ChannelPages::Unconfirmed(
    const StoreRequest& request, const std::optional<service::ChannelSettings>& current,
    service::ChannelForm& form) {
  auto refusal =
      service::ConfirmChannel(verifier_, current, form, [&] { return StoredToken(request); });
  if (!refusal) {
    if (!refusal.error().is_transient()) {
      return Unavailable("cannot confirm the channel", refusal.error());
    }
    adapters::log::Warn("channel not saved: WhatsApp could not be asked",
                        {{"user_id", request.session.user_id},
                         {"phone_number_id", form.phone_number_id},
                         {"error", refusal.error().ToString()}});
    return Show(request, form, {},
                "Não foi possível confirmar o número com o WhatsApp agora. Tente de novo em "
                "instantes.",
                "", 503);
  }
  if (!*refusal) return std::nullopt;
  adapters::log::Info("channel not saved: WhatsApp refused it",
                      {{"user_id", request.session.user_id},
                       {"phone_number_id", form.phone_number_id},
                       {"waba_id", form.waba_id},
                       {"whatsapp_said", (*refusal)->detail}});
  return Show(request, form, (*refusal)->fields, (*refusal)->summary, "", 422);
}

Response ChannelPages::Save(const StoreRequest& request) {
  const Form posted = ParseForm(request.http);
  service::ChannelForm form{posted.Get("phone_number_id"), posted.Get("waba_id"),
                            posted.Get("display_phone_number"), posted.Get("verify_token"),
                            posted.Get("access_token")};
  auto channel = store_.LoadChannel(request.session.tenant_id);
  if (!channel) return Unavailable("cannot load the channel", channel.error());
  const auto errors = service::ValidateChannelForm(form, channel->has_value());
  if (!errors.empty()) {
    return Show(request, form, errors, "Corrija os campos indicados.", "", 422);
  }
  if (auto refused = Unconfirmed(request, *channel, form)) return std::move(*refused);
  std::optional<std::string> sealed;
  if (!form.access_token.empty()) sealed = box_.SealToBytea(form.access_token);
  auto saved = store_.SaveChannel(request.session.tenant_id, request.session.user_id, form, sealed);
  if (!saved) {
    if (saved.error().code() == core::ErrorCode::kConflict) {
      return Show(request, form, {{"phone_number_id", "Este número já está ligado a outra loja."}},
                  "Corrija os campos indicados.", "", 409);
    }
    return Unavailable("cannot save the channel", saved.error());
  }
  adapters::log::Info("channel saved in the panel", {{"user_id", request.session.user_id}});
  service::ChannelForm shown = form;
  shown.access_token.clear();
  return Show(request, shown, {}, "", "Canal salvo.", 200);
}

}  // namespace orcazap::adapters::web
