#include "core/account_rules.h"

#include <array>

namespace orcazap::core {
namespace {

constexpr std::array<std::string_view, 8> kReservedSlugs = {"www",  "api",    "admin",  "app",
                                                            "mail", "static", "status", "docs"};

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Code points, not bytes: "Construção" is 10 characters.
size_t Utf8Length(std::string_view text) {
  size_t length = 0;
  for (char c : text) length += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return length;
}

}  // namespace

bool IsValidSlug(std::string_view slug) {
  if (slug.size() < 3 || slug.size() > 32) return false;
  if (!IsLowerAlnum(slug.front()) || !IsLowerAlnum(slug.back())) return false;
  for (size_t i = 0; i < slug.size(); ++i) {
    if (slug[i] == '-') {
      if (slug[i - 1] == '-') return false;
    } else if (!IsLowerAlnum(slug[i])) {
      return false;
    }
  }
  for (std::string_view reserved : kReservedSlugs) {
    if (slug == reserved) return false;
  }
  return true;
}

std::string NormalizeEmail(std::string_view email) {
  std::string normalized(Trim(email));
  for (char& c : normalized) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return normalized;
}

bool LooksLikeEmail(std::string_view email) {
  const size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
    return false;
  const std::string_view domain = email.substr(at + 1);
  const size_t dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size()) return false;
  for (char c : email) {
    if (c == ' ' || c == '<' || c == '>' || c == '"' || static_cast<unsigned char>(c) < 0x20)
      return false;
  }
  return email.size() <= 254;
}

std::vector<FieldError> ValidateSignUp(const SignUpForm& form) {
  std::vector<FieldError> errors;
  const size_t name_length = Utf8Length(Trim(form.store_name));
  if (name_length == 0 || name_length > 200) {
    errors.push_back({"store_name", "Informe o nome da loja (até 200 caracteres)."});
  }
  if (!IsValidSlug(form.slug)) {
    errors.push_back({"slug",
                      "O endereço deve ter de 3 a 32 letras minúsculas, números ou hífens, "
                      "começar e terminar com letra ou número, e não pode ser um nome reservado."});
  }
  const size_t owner_length = Utf8Length(Trim(form.owner_name));
  if (owner_length == 0 || owner_length > 200) {
    errors.push_back({"owner_name", "Informe seu nome."});
  }
  if (!LooksLikeEmail(NormalizeEmail(form.email))) {
    errors.push_back({"email", "Informe um e-mail válido."});
  }
  if (Utf8Length(form.password) < kMinPasswordLength || form.password.size() > 256) {
    errors.push_back({"password", "A senha deve ter pelo menos 10 caracteres."});
  }
  return errors;
}

}  // namespace orcazap::core
