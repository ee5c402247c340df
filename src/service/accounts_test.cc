#include "service/accounts.h"

#include <gtest/gtest.h>

#include "testing/fake_accounts.h"

namespace orcazap::service {
namespace {

constexpr char kAddress[] = "198.51.100.7";

class AccountsTest : public ::testing::Test {
 protected:
  StoreAccount SignedUpStore() {
    auto result = SignUp({"Loja Boa", "loja-boa", "Maria", "Maria@Loja.com", "senha-forte-1"},
                         kAddress, ports_);
    EXPECT_TRUE(result.ok() && result->store);
    return *result->store;
  }
  LoginOutcome Attempt(const StoreAccount& store, const std::string& password,
                       const std::string& address = "198.51.100.7") {
    auto result = LogIn(store, "maria@loja.com", password, address, ports_);
    EXPECT_TRUE(result.ok());
    return result->outcome;
  }

  testing::FakeAccountStore accounts_;
  testing::FakeSessionStore sessions_;
  testing::FakeLoginThrottle throttle_;
  testing::FakePasswordHasher hasher_;
  AccountPorts ports_{accounts_, sessions_, throttle_, hasher_};
};

TEST_F(AccountsTest, SignUpCreatesTheStoreAndItsOwnerWithAHashedPassword) {
  const StoreAccount store = SignedUpStore();
  EXPECT_EQ(store.slug, "loja-boa");
  ASSERT_EQ(accounts_.users().size(), 1u);
  EXPECT_EQ(accounts_.users()[0].role, "owner");
  EXPECT_EQ(accounts_.users()[0].email, "maria@loja.com");
  EXPECT_EQ(accounts_.users()[0].password_hash, "hash:senha-forte-1");
}

TEST_F(AccountsTest, ATakenSlugOrABadFormCreatesNothing) {
  SignedUpStore();
  auto taken = SignUp({"Outra", "loja-boa", "Ana", "ana@x.com", "senha-forte-2"}, kAddress, ports_);
  ASSERT_TRUE(taken.ok());
  ASSERT_EQ(taken->errors.size(), 1u);
  EXPECT_EQ(taken->errors[0].field, "slug");
  auto bad = SignUp({"Outra", "A B", "Ana", "ana", "curta"}, kAddress, ports_);
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->errors.size(), 3u);
  EXPECT_EQ(accounts_.users().size(), 1u);
}

TEST_F(AccountsTest, TheRightPasswordLogsInWithANewSessionEachTime) {
  const StoreAccount store = SignedUpStore();
  auto first = LogIn(store, " MARIA@loja.com", "senha-forte-1", "198.51.100.7", ports_);
  auto second = LogIn(store, "maria@loja.com", "senha-forte-1", "198.51.100.7", ports_);
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_EQ(first->outcome, LoginOutcome::kLoggedIn);
  ASSERT_TRUE(first->session && second->session);
  EXPECT_NE(first->session->token, second->session->token);
  EXPECT_EQ(first->session->tenant_id, store.tenant_id);
  EXPECT_TRUE(first->session->is_owner());
}

TEST_F(AccountsTest, AnUnknownEmailAndAWrongPasswordLookTheSame) {
  const StoreAccount store = SignedUpStore();
  auto unknown = LogIn(store, "ninguem@loja.com", "senha-forte-1", "198.51.100.7", ports_);
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->outcome, LoginOutcome::kWrongCredentials);
  EXPECT_EQ(Attempt(store, "errada"), LoginOutcome::kWrongCredentials);
  EXPECT_EQ(hasher_.verifications(), 2);  // the unknown e-mail was hashed too
}

TEST_F(AccountsTest, TenWrongPasswordsLockTheAccountForTheirAddressEvenForTheRightOne) {
  const StoreAccount store = SignedUpStore();
  for (int i = 1; i < kMaxFailuresPerAccountFromAddress; ++i) {
    EXPECT_EQ(Attempt(store, "errada", "203.0.113.9"), LoginOutcome::kWrongCredentials);
  }
  EXPECT_EQ(Attempt(store, "errada", "203.0.113.9"), LoginOutcome::kAccountLocked);
  const int verified = hasher_.verifications();
  EXPECT_EQ(Attempt(store, "senha-forte-1", "203.0.113.9"), LoginOutcome::kAccountLocked);
  EXPECT_EQ(hasher_.verifications(), verified) << "a locked account checks no password";
  EXPECT_EQ(sessions_.size(), 0u);
  // Knowing the e-mail does not lock its owner out from their own address.
  EXPECT_EQ(Attempt(store, "senha-forte-1", "198.51.100.7"), LoginOutcome::kLoggedIn);
}

TEST_F(AccountsTest, GuessesSpreadOverManyAddressesLockTheAccountEverywhere) {
  const StoreAccount store = SignedUpStore();
  for (int i = 1; i < kMaxFailuresPerAccount; ++i) {
    const std::string address = "198.51.100." + std::to_string(i % 50 + 1);  // 2 each
    EXPECT_EQ(Attempt(store, "errada", address), LoginOutcome::kWrongCredentials) << i;
  }
  EXPECT_EQ(Attempt(store, "errada", "198.51.100.200"), LoginOutcome::kAccountLocked);
  const int verified = hasher_.verifications();
  EXPECT_EQ(Attempt(store, "senha-forte-1", "203.0.113.9"), LoginOutcome::kAccountLocked);
  EXPECT_EQ(hasher_.verifications(), verified);
}

TEST_F(AccountsTest, OneAddressSigningUpManyStoresIsThrottled) {
  auto sign_up = [&](int i, const std::string& address) {
    auto result = SignUp({"Loja " + std::to_string(i), "loja-" + std::to_string(i), "Maria",
                          "maria@loja.com", "senha-forte-1"},
                         address, ports_);
    EXPECT_TRUE(result.ok());
    return result.ok() ? *result : SignUpResult{};
  };
  for (int i = 1; i <= kMaxSignUpsPerAddress; ++i) {
    EXPECT_TRUE(sign_up(i, "203.0.113.9").store.has_value()) << i;
  }
  const int hashed = hasher_.hashes();
  const SignUpResult refused = sign_up(99, "203.0.113.9");
  EXPECT_TRUE(refused.throttled);
  EXPECT_FALSE(refused.store.has_value());
  EXPECT_EQ(hasher_.hashes(), hashed) << "nothing hashed";
  EXPECT_EQ(accounts_.users().size(), static_cast<size_t>(kMaxSignUpsPerAddress));
  EXPECT_TRUE(sign_up(100, "203.0.113.10").store.has_value()) << "another address";
}

TEST_F(AccountsTest, ChangingThePasswordEndsThePersonsOtherSessions) {
  const StoreAccount store = SignedUpStore();
  auto here = LogIn(store, "maria@loja.com", "senha-forte-1", "198.51.100.7", ports_);
  auto elsewhere = LogIn(store, "maria@loja.com", "senha-forte-1", "203.0.113.9", ports_);
  ASSERT_TRUE(here.ok() && here->session && elsewhere.ok() && elsewhere->session);

  auto wrong = ChangePassword(*here->session, "errada", "senha-nova-22", kAddress, ports_);
  ASSERT_TRUE(wrong.ok());
  EXPECT_EQ(*wrong, PasswordChange::kWrongCurrent);
  EXPECT_EQ(sessions_.size(), 2u) << "a refused change ends nothing";

  auto changed = ChangePassword(*here->session, "senha-forte-1", "senha-nova-22", kAddress, ports_);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(*changed, PasswordChange::kChanged);
  EXPECT_TRUE(sessions_.Find(here->session->token).value().has_value()) << "this one stays";
  EXPECT_FALSE(sessions_.Find(elsewhere->session->token).value().has_value());
}

TEST_F(AccountsTest, TheCurrentPasswordIsGuessedNoFasterThanAtTheLogin) {
  const StoreAccount store = SignedUpStore();
  auto logged_in = LogIn(store, "maria@loja.com", "senha-forte-1", kAddress, ports_);
  ASSERT_TRUE(logged_in.ok() && logged_in->session);
  const Session session = *logged_in->session;
  for (int i = 1; i <= kMaxFailuresPerAccount; ++i) {
    auto wrong = ChangePassword(session, "errada", "senha-nova-22",
                                "203.0.113." + std::to_string(i), ports_);
    ASSERT_TRUE(wrong.ok());
    EXPECT_EQ(*wrong, PasswordChange::kWrongCurrent) << i;
  }
  const int verified = hasher_.verifications();
  auto refused = ChangePassword(session, "senha-forte-1", "senha-nova-22", kAddress, ports_);
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(*refused, PasswordChange::kThrottled);
  EXPECT_EQ(hasher_.verifications(), verified) << "no password checked";
  EXPECT_EQ(accounts_.users()[0].password_hash, "hash:senha-forte-1");
  EXPECT_EQ(Attempt(store, "senha-forte-1"), LoginOutcome::kAccountLocked) << "the same count";
}

TEST_F(AccountsTest, OneAddressGuessingManyAccountsIsThrottled) {
  const StoreAccount store = SignedUpStore();
  for (int i = 0; i < kMaxFailuresPerAddress; ++i) {
    auto result =
        LogIn(store, "alguem" + std::to_string(i) + "@loja.com", "x", "203.0.113.9", ports_);
    ASSERT_TRUE(result.ok());
  }
  EXPECT_EQ(Attempt(store, "senha-forte-1", "203.0.113.9"), LoginOutcome::kAddressThrottled);
  EXPECT_EQ(Attempt(store, "senha-forte-1", "203.0.113.10"), LoginOutcome::kLoggedIn);
}

}  // namespace
}  // namespace orcazap::service
