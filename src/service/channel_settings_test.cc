#include "service/channel_settings.h"

#include <gtest/gtest.h>

#include "testing/fake_channel_verifier.h"

namespace orcazap::service {
namespace {

constexpr char kToken[] = "EAAG-token-da-loja-1234567890";
constexpr char kStoredToken[] = "EAAG-token-guardado-0987654321";

ChannelForm Form(const std::string& access_token = kToken) {
  return {"200300400500", "900800700", "", "verifica-loja", access_token};
}

ChannelSettings Saved() {
  return {"200300400500", "900800700", "+55 11 4000-0000", "verifica-loja", true, false};
}

class ConfirmChannelTest : public ::testing::Test {
 protected:
  ConfirmChannelTest() {
    verifier_.Register({kToken, "900800700", "200300400500", "+55 11 4000-0000"});
    verifier_.Register({kStoredToken, "900800700", "200300400500", "+55 11 4000-0000"});
    verifier_.Register({kToken, "111222333", "444555666", "+55 21 3000-0000"});
  }

  core::Result<std::optional<ChannelRefusal>> Confirm(const std::optional<ChannelSettings>& current,
                                                      ChannelForm& form) {
    return ConfirmChannel(verifier_, current, form, [this]() -> core::Result<std::string> {
      ++stored_token_reads_;
      return stored_token_;
    });
  }
  // The one problem of a refused form, as "field: message".
  std::string Refused(const std::optional<ChannelSettings>& current, ChannelForm form) {
    auto result = Confirm(current, form);
    if (!result.ok() || !*result || (*result)->fields.size() != 1) {
      ADD_FAILURE() << "expected one field refused";
      return "";
    }
    return (*result)->fields[0].field + ": " + (*result)->fields[0].message;
  }

  testing::FakeChannelVerifier verifier_;
  core::Result<std::string> stored_token_ = std::string(kStoredToken);
  int stored_token_reads_ = 0;
};

TEST(NeedsNumberCheck, ANewChannelAnotherNumberOrAccountOrANewTokenAreChecked) {
  EXPECT_TRUE(NeedsNumberCheck(std::nullopt, Form()));
  EXPECT_TRUE(NeedsNumberCheck(Saved(), Form()));
  ChannelForm other_number = Form("");
  other_number.phone_number_id = "200300400501";
  EXPECT_TRUE(NeedsNumberCheck(Saved(), other_number));
  ChannelForm other_account = Form("");
  other_account.waba_id = "900800701";
  EXPECT_TRUE(NeedsNumberCheck(Saved(), other_account));
}

TEST(NeedsNumberCheck, TheDisplayNumberOrVerifyTokenAloneAreNotChecked) {
  ChannelForm form = Form("");
  form.display_phone_number = "+55 11 4000-0001";
  form.verify_token = "outro-token-de-verificacao";
  EXPECT_FALSE(NeedsNumberCheck(Saved(), form));
}

TEST_F(ConfirmChannelTest, ANumberTheTokenSeesIsConfirmedAndFillsAnEmptyDisplayNumber) {
  ChannelForm form = Form();
  auto result = Confirm(std::nullopt, form);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_FALSE(*result);
  EXPECT_EQ(form.display_phone_number, "+55 11 4000-0000");
  ASSERT_EQ(verifier_.calls().size(), 1u);
  EXPECT_EQ(verifier_.calls()[0].access_token, kToken);
  EXPECT_EQ(verifier_.calls()[0].phone_number_id, "200300400500");
  EXPECT_EQ(verifier_.calls()[0].waba_id, "900800700");
  EXPECT_EQ(stored_token_reads_, 0) << "a typed token is used as typed";
}

TEST_F(ConfirmChannelTest, ADisplayNumberTheOwnerTypedIsKept) {
  ChannelForm form = Form();
  form.display_phone_number = "(11) 4000-0000";
  ASSERT_TRUE(Confirm(std::nullopt, form).ok());
  EXPECT_EQ(form.display_phone_number, "(11) 4000-0000");
}

TEST_F(ConfirmChannelTest, AnEmptyTokenFieldChecksWithTheStoredToken) {
  ChannelSettings current = Saved();
  current.waba_id = "900800799";  // the owner corrects the account id
  ChannelForm form = Form("");
  auto result = Confirm(current, form);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_FALSE(*result);
  EXPECT_EQ(stored_token_reads_, 1);
  ASSERT_EQ(verifier_.calls().size(), 1u);
  EXPECT_EQ(verifier_.calls()[0].access_token, kStoredToken);
}

TEST_F(ConfirmChannelTest, NothingIsAskedWhenOnlyTheDisplayNumberChanges) {
  ChannelForm form = Form("");
  form.display_phone_number = "+55 11 4000-0001";
  auto result = Confirm(Saved(), form);
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(*result);
  EXPECT_TRUE(verifier_.calls().empty());
  EXPECT_EQ(stored_token_reads_, 0);
}

TEST_F(ConfirmChannelTest, ARefusedTokenIsReportedOnTheAccessTokenField) {
  EXPECT_EQ(Refused(std::nullopt, Form("EAAG-token-que-ninguem-conhece-1")),
            "access_token: O WhatsApp recusou este token de acesso.");
}

TEST_F(ConfirmChannelTest, AnAccountTheTokenCannotSeeIsReportedOnTheAccountField) {
  ChannelForm form = Form();
  form.waba_id = "900800701";
  const std::string refused = Refused(std::nullopt, form);
  EXPECT_TRUE(
      refused.starts_with("waba_id: Esta conta do WhatsApp Business não aparece com este "
                          "token de acesso"))
      << refused;
}

TEST_F(ConfirmChannelTest, ANumberOfAnotherAccountIsReportedOnThePhoneNumberField) {
  ChannelForm form = Form();
  form.phone_number_id = "444555666";  // the token sees it, but under another account
  EXPECT_EQ(Refused(std::nullopt, form),
            "phone_number_id: Este Phone number ID não aparece na conta do WhatsApp Business "
            "informada com esse token.");
  EXPECT_EQ(form.display_phone_number, "") << "a refused form is left as typed";
}

TEST_F(ConfirmChannelTest, WhatsAppUnreachableIsAnErrorAndChangesNothing) {
  verifier_.FailWith(core::Error::Transient("Graph API unreachable"));
  ChannelForm form = Form();
  auto result = Confirm(std::nullopt, form);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), core::ErrorCode::kTransient);
  EXPECT_EQ(form.display_phone_number, "");
}

TEST_F(ConfirmChannelTest, AStoredTokenThatCannotBeReadIsAnErrorAndNothingIsAsked) {
  stored_token_ = core::Error::Permanent("cannot open the sealed token");
  ChannelSettings current = Saved();
  current.phone_number_id = "200300400599";
  ChannelForm form = Form("");
  auto result = Confirm(current, form);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message(), "cannot open the sealed token");
  EXPECT_TRUE(verifier_.calls().empty());
}

TEST(RefusalOf, AnotherGraphRefusalIsShownAboveTheFormWithItsCode) {
  auto refusal = RefusalOf({NumberCheck::Outcome::kRefused, "", 368, "Temporarily blocked"});
  ASSERT_TRUE(refusal);
  EXPECT_TRUE(refusal->fields.empty());
  EXPECT_NE(refusal->summary.find("erro 368"), std::string::npos) << refusal->summary;
  EXPECT_EQ(refusal->summary.find("Temporarily blocked"), std::string::npos)
      << "Meta's English text is for the log";
}

TEST(RefusalOf, AConfirmedNumberIsNoRefusal) {
  EXPECT_FALSE(RefusalOf({NumberCheck::Outcome::kConfirmed, "+55 11 4000-0000", 0, ""}));
}

}  // namespace
}  // namespace orcazap::service
