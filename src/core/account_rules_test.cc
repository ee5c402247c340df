#include "core/account_rules.h"

#include <gtest/gtest.h>

namespace orcazap::core {
namespace {

SignUpForm GoodForm() {
  return {"Casa do Construtor Ltda.", "casa-do-construtor", "Maria Souza", " Maria@Exemplo.com.br ",
          "uma-senha-longa"};
}

TEST(AccountRules, AGoodFormHasNoErrors) { EXPECT_TRUE(ValidateSignUp(GoodForm()).empty()); }

TEST(AccountRules, SlugsFollowTheHostNameRule) {
  for (std::string_view good : {"abc", "loja-1", "a1b2c3", "casa-do-construtor"}) {
    EXPECT_TRUE(IsValidSlug(good)) << good;
  }
  for (std::string_view bad : std::initializer_list<std::string_view>{
           "ab", "A B", "Loja", "-loja", "loja-", "lo--ja", "loja_1", "www", "api", "loja.com",
           "ção", std::string_view()}) {
    EXPECT_FALSE(IsValidSlug(bad)) << bad;
  }
  EXPECT_FALSE(IsValidSlug(std::string(33, 'a')));
}

TEST(AccountRules, EveryBadFieldIsNamedInFormOrder) {
  const auto errors = ValidateSignUp({"", "A B", " ", "not-an-email", "curta"});
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0].field, "store_name");
  EXPECT_EQ(errors[1].field, "slug");
  EXPECT_EQ(errors[2].field, "owner_name");
  EXPECT_EQ(errors[3].field, "email");
  EXPECT_EQ(errors[4].field, "password");
}

TEST(AccountRules, PasswordLengthCountsCharactersNotBytes) {
  SignUpForm form = GoodForm();
  form.password = "ççççççççç";  // 9 characters, 18 bytes
  ASSERT_EQ(ValidateSignUp(form).size(), 1u);
  form.password = "çççççççççç";
  EXPECT_TRUE(ValidateSignUp(form).empty());
}

TEST(AccountRules, EmailsAreTrimmedLowerCasedAndChecked) {
  EXPECT_EQ(NormalizeEmail("  Ana@Loja.COM "), "ana@loja.com");
  EXPECT_TRUE(LooksLikeEmail("ana@loja.com.br"));
  for (std::string_view bad :
       {"ana", "@loja.com", "ana@", "ana@loja", "a@b@c.com", "a b@c.com", "<a>@c.com"}) {
    EXPECT_FALSE(LooksLikeEmail(bad)) << bad;
  }
}

}  // namespace
}  // namespace orcazap::core
