#include "service/channel_settings.h"

namespace orcazap::service {
namespace {

constexpr size_t kMaxDisplayNumber = 30;

bool Digits(const std::string& text, size_t min, size_t max) {
  if (text.size() < min || text.size() > max) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool TokenCharacters(const std::string& text) {
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::vector<core::FieldError> ValidateChannelForm(const ChannelForm& form, bool has_channel) {
  std::vector<core::FieldError> errors;
  if (!Digits(form.phone_number_id, 5, 20)) {
    errors.push_back({"phone_number_id", "Informe o Phone number ID do WhatsApp (só números)."});
  }
  if (!Digits(form.waba_id, 5, 20)) {
    errors.push_back({"waba_id", "Informe o ID da conta do WhatsApp Business (só números)."});
  }
  if (form.display_phone_number.size() > kMaxDisplayNumber) {
    errors.push_back({"display_phone_number", "Número de exibição longo demais."});
  }
  if (form.verify_token.size() < 8 || form.verify_token.size() > 100 ||
      !TokenCharacters(form.verify_token)) {
    errors.push_back(
        {"verify_token", "O token de verificação deve ter de 8 a 100 letras, números, - _ ou ."});
  }
  if (form.access_token.empty()) {
    if (!has_channel) errors.push_back({"access_token", "Informe o token de acesso do WhatsApp."});
  } else if (form.access_token.size() < 20 || form.access_token.size() > 1000 ||
             !TokenCharacters(form.access_token)) {
    errors.push_back({"access_token", "Token de acesso inválido."});
  }
  return errors;
}

bool NeedsNumberCheck(const std::optional<ChannelSettings>& current, const ChannelForm& form) {
  return !current || current->phone_number_id != form.phone_number_id ||
         current->waba_id != form.waba_id || !form.access_token.empty();
}

std::optional<ChannelRefusal> RefusalOf(const NumberCheck& check) {
  const std::string fix_fields =
      "O WhatsApp não confirmou este número: corrija os campos indicados.";
  auto on_field = [&](const char* field, const char* message) {
    return ChannelRefusal{{{field, message}}, fix_fields, check.detail};
  };
  switch (check.outcome) {
    case NumberCheck::Outcome::kConfirmed:
      return std::nullopt;
    case NumberCheck::Outcome::kTokenRefused:
      return on_field("access_token", "O WhatsApp recusou este token de acesso.");
    case NumberCheck::Outcome::kAccountNotVisible:
      return on_field("waba_id",
                      "Esta conta do WhatsApp Business não aparece com este token de acesso: "
                      "confira o ID da conta e se o token tem acesso a ela.");
    case NumberCheck::Outcome::kNumberNotInAccount:
      return on_field("phone_number_id",
                      "Este Phone number ID não aparece na conta do WhatsApp Business informada "
                      "com esse token.");
    case NumberCheck::Outcome::kRefused:
      break;
  }
  return ChannelRefusal{{},
                        "O WhatsApp não confirmou este número (erro " +
                            std::to_string(check.graph_code) +
                            "). Confira a conta e o token no WhatsApp Manager.",
                        check.detail};
}

core::Result<std::optional<ChannelRefusal>> ConfirmChannel(
    ChannelVerifier& verifier, const std::optional<ChannelSettings>& current, ChannelForm& form,
    const std::function<core::Result<std::string>()>& stored_token) {
  if (!NeedsNumberCheck(current, form)) return std::optional<ChannelRefusal>();
  std::string token = form.access_token;
  if (token.empty()) {
    auto stored = stored_token();
    if (!stored) return stored.error();
    token = std::move(stored).value();
  }
  auto check = verifier.CheckNumber(form.phone_number_id, form.waba_id, token);
  if (!check) return check.error();
  if (auto refusal = RefusalOf(*check)) return refusal;
  if (form.display_phone_number.empty() &&
      check->display_phone_number.size() <= kMaxDisplayNumber) {
    form.display_phone_number = check->display_phone_number;
  }
  return std::optional<ChannelRefusal>();
}

}  // namespace orcazap::service
