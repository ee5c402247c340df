#pragma once
// What a new store's sign-up must satisfy, as pure checks: the store's name,
// its slug (the panel's host name, {slug}.<base domain>), the owner's name, e-mail and password.
// Messages are in Portuguese, for the form; each names its field.

#include <string>
#include <string_view>
#include <vector>

namespace orcazap::core {

struct SignUpForm {
  std::string store_name;
  std::string slug;
  std::string owner_name;
  std::string email;
  std::string password;
};

struct FieldError {
  std::string field;  // the form field's name, e.g. "slug"
  std::string message;
};

constexpr size_t kMinPasswordLength = 10;

// Every problem of the form, in field order; empty when it can be stored.
std::vector<FieldError> ValidateSignUp(const SignUpForm& form);

// 3..32 of [a-z0-9-], starting and ending with a letter or digit, no "--", not reserved
// (www, api, admin, ...): the same rule as the tenants table's CHECK.
bool IsValidSlug(std::string_view slug);

// Trimmed and lower-cased; how e-mails are stored and compared.
std::string NormalizeEmail(std::string_view email);
bool LooksLikeEmail(std::string_view email);

}  // namespace orcazap::core
