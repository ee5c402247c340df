#include "service/channel_settings.h"

namespace orcazap::service {
namespace {

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
  if (form.display_phone_number.size() > 30) {
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

}  // namespace orcazap::service
