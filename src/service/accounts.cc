#include "service/accounts.h"

namespace orcazap::service {
namespace {

std::string AccountKey(const std::string& tenant_id, const std::string& email) {
  return tenant_id + ":" + core::NormalizeEmail(email);
}

// Contract point 2: an attempt past the address's or the account's limit is refused unchecked.
std::optional<LoginOutcome> Refusal(const LoginFailures& attempts) {
  if (attempts.by_address > kMaxFailuresPerAddress) return LoginOutcome::kAddressThrottled;
  if (attempts.by_account_from_address > kMaxFailuresPerAccountFromAddress ||
      attempts.by_account > kMaxFailuresPerAccount) {
    return LoginOutcome::kAccountLocked;
  }
  return std::nullopt;
}

// A wrong password that reached a limit: the next attempt will be refused.
bool LockedNow(const LoginFailures& attempts) {
  return attempts.by_account_from_address >= kMaxFailuresPerAccountFromAddress ||
         attempts.by_account >= kMaxFailuresPerAccount;
}

}  // namespace

core::Result<SignUpResult> SignUp(const core::SignUpForm& form, const std::string& client_address,
                                  const AccountPorts& ports) {
  SignUpResult result;
  result.errors = core::ValidateSignUp(form);
  if (!result.errors.empty()) return result;
  auto existing = ports.accounts.FindStore(form.slug);
  if (!existing) return existing.error();
  if (*existing) {
    result.errors.push_back({"slug", "Este endereço já está em uso; escolha outro."});
    return result;
  }
  auto sign_ups = ports.throttle.CountSignUp(client_address);
  if (!sign_ups) return sign_ups.error();
  if (*sign_ups > kMaxSignUpsPerAddress) {
    result.throttled = true;
    return result;
  }
  auto hash = ports.hasher.Hash(form.password);
  if (!hash) return hash.error();
  core::SignUpForm normalized = form;
  normalized.email = core::NormalizeEmail(form.email);
  auto created = ports.accounts.CreateStore(normalized, *hash);
  if (!created) {
    if (created.error().code() != core::ErrorCode::kConflict) return created.error();
    result.errors.push_back({"slug", "Este endereço já está em uso; escolha outro."});
    return result;
  }
  result.store = std::move(created).value();
  return result;
}

core::Result<PasswordChange> ChangePassword(const Session& session, const std::string& current,
                                            const std::string& replacement,
                                            const std::string& client_address,
                                            const AccountPorts& ports) {
  // The current password is guessed no faster here than at the login.
  const std::string account = AccountKey(session.tenant_id, session.email);
  auto attempts = ports.throttle.CountAttempt(client_address, account);
  if (!attempts) return attempts.error();
  if (Refusal(*attempts)) return PasswordChange::kThrottled;
  auto user = ports.accounts.FindUser(session.tenant_id, session.email);
  if (!user) return user.error();
  if (!*user || (*user)->id != session.user_id ||
      !ports.hasher.Verify(current, (*user)->password_hash)) {
    return PasswordChange::kWrongCurrent;
  }
  if (auto forgiven = ports.throttle.ForgiveAttempt(client_address, account); !forgiven) {
    return forgiven.error();
  }
  core::SignUpForm check{"x", "xxx", "x", "x@x.xx", replacement};
  if (!core::ValidateSignUp(check).empty()) return PasswordChange::kTooShort;
  auto hash = ports.hasher.Hash(replacement);
  if (!hash) return hash.error();
  if (auto set = ports.accounts.SetPasswordHash(session.tenant_id, session.user_id, *hash); !set) {
    return set.error();
  }
  if (auto ended = ports.sessions.EndOtherSessions(session); !ended) return ended.error();
  return PasswordChange::kChanged;
}

core::Result<LoginResult> LogIn(const StoreAccount& store, const std::string& email,
                                const std::string& password, const std::string& client_address,
                                const AccountPorts& ports) {
  const std::string account = AccountKey(store.tenant_id, email);
  auto attempts = ports.throttle.CountAttempt(client_address, account);
  if (!attempts) return attempts.error();
  if (auto refused = Refusal(*attempts)) return LoginResult{*refused, std::nullopt};
  auto user = ports.accounts.FindUser(store.tenant_id, core::NormalizeEmail(email));
  if (!user) return user.error();
  // An unknown e-mail costs the same hashing time as a wrong password.
  static const std::string kNoSuchUserHash =
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
      "Ml2zqBVZ7XQZIs5hqYkgmeC2Zsb0mUSqNnDCJVTkFbo";
  const bool known = *user && (*user)->active;
  const bool verified =
      ports.hasher.Verify(password, known ? (*user)->password_hash : kNoSuchUserHash) && known;
  if (!verified) {
    return LoginResult{
        LockedNow(*attempts) ? LoginOutcome::kAccountLocked : LoginOutcome::kWrongCredentials,
        std::nullopt};
  }
  if (auto forgiven = ports.throttle.ForgiveAttempt(client_address, account); !forgiven) {
    return forgiven.error();
  }
  auto session = ports.sessions.Create(**user);
  if (!session) return session.error();
  return LoginResult{LoginOutcome::kLoggedIn, std::move(session).value()};
}

}  // namespace orcazap::service
