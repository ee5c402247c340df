#pragma once
// The admin panel's accounts: a store signs up (tenant + owner), its people log in and out.
//
// Contract:
// 1. SignUp changes nothing when the form has errors or the slug is taken (reported as a field
//    error on "slug"), or when its address made kMaxSignUpsPerAddress sign-ups within the
//    throttle's window (`throttled`); otherwise the tenant and its owner are created together.
// 2. LogIn answers the same way for an unknown e-mail and a wrong password (and spends the
//    same password-hashing time on both). Attempts are counted per client address, per account
//    from that address, and per account, before the password is checked: past
//    kMaxFailuresPerAddress the address is refused; past kMaxFailuresPerAccountFromAddress the
//    account is locked for that address, and past kMaxFailuresPerAccount for every address, for
//    the throttle's window; none checks the password then. Someone who knows an e-mail can so
//    lock it only for their own address, unless they try from many. A successful login is
//    forgiven (the account's count from that address cleared; for the address and the account
//    as if it had not been made) and creates a new session (a new token every time: sessions
//    are never reused across logins).
// 3. Sessions belong to one tenant; the panel only honours a session on its tenant's host.

#include <optional>
#include <string>
#include <vector>

#include "core/account_rules.h"
#include "core/result.h"

namespace orcazap::service {

struct StoreAccount {
  std::string tenant_id;
  std::string slug;
  std::string name;
};

struct PanelUser {
  std::string id;
  std::string tenant_id;
  std::string email;
  std::string name;
  std::string role;  // "owner" or "attendant"
  std::string password_hash;
  bool active = true;
};

struct Session {
  std::string token;  // the cookie's value; only its hash is stored
  std::string csrf_token;
  std::string user_id;
  std::string tenant_id;
  std::string user_name;
  std::string role;
  std::string email;
  bool is_owner() const { return role == "owner"; }
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;
  virtual core::Result<std::optional<StoreAccount>> FindStore(const std::string& slug) = 0;
  virtual core::Result<std::optional<PanelUser>> FindUser(const std::string& tenant_id,
                                                          const std::string& email) = 0;
  // Creates the tenant and its owner in one transaction; kConflict when the slug is taken.
  virtual core::Result<StoreAccount> CreateStore(const core::SignUpForm& form,
                                                 const std::string& password_hash) = 0;
  // Replaces the user's password hash, with its audit row (no hash in it), in one transaction.
  virtual core::Status SetPasswordHash(const std::string& tenant_id, const std::string& user_id,
                                       const std::string& password_hash) = 0;
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  // Stores a new session for the user with fresh random token and CSRF token.
  virtual core::Result<Session> Create(const PanelUser& user) = 0;
  // The session, its inactivity timer restarted; nullopt when unknown or expired.
  virtual core::Result<std::optional<Session>> Find(const std::string& token) = 0;
  virtual core::Status Delete(const std::string& token) = 0;
  // Ends every session of `keep`'s user except `keep` itself (after a password change, whoever
  // logged in with the old password, or holds a stolen session, is out).
  virtual core::Status EndOtherSessions(const Session& keep) = 0;
};

struct LoginFailures {
  int by_address = 0;
  int by_account_from_address = 0;
  int by_account = 0;
};

// Login attempts counted per client address, per account from that address and per account, each
// count in a window that starts with its first attempt.
class LoginThrottle {
 public:
  virtual ~LoginThrottle() = default;
  // Counts one attempt against all three and returns the counts, this attempt included. Counted
  // before the password is checked, atomically: attempts made at the same moment each see a
  // count of their own, so no more than the limit of them get their password checked.
  virtual core::Result<LoginFailures> CountAttempt(const std::string& address,
                                                   const std::string& account) = 0;
  // After a successful login: the account's count from the address is cleared, and the attempt
  // no longer counts against the address or the account.
  virtual core::Status ForgiveAttempt(const std::string& address, const std::string& account) = 0;
  // Counts one sign-up from the address (one that got as far as hashing its password) and
  // returns the address's count within the window, this one included.
  virtual core::Result<int> CountSignUp(const std::string& address) = 0;
};

class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  virtual core::Result<std::string> Hash(const std::string& password) = 0;
  virtual bool Verify(const std::string& password, const std::string& hash) = 0;
};

struct AccountPorts {
  AccountStore& accounts;
  SessionStore& sessions;
  LoginThrottle& throttle;
  PasswordHasher& hasher;
};

constexpr int kMaxFailuresPerAccountFromAddress = 10;
constexpr int kMaxFailuresPerAddress = 30;
// From all addresses together: bounds a guess spread over many, at a count no one person reaches.
constexpr int kMaxFailuresPerAccount = 100;
// A store is created for each sign-up, after hashing its password (slow on purpose): an address
// gets this many within the throttle's window.
constexpr int kMaxSignUpsPerAddress = 5;

struct SignUpResult {
  std::vector<core::FieldError> errors;  // empty when created
  std::optional<StoreAccount> store;
  bool throttled = false;  // past kMaxSignUpsPerAddress: nothing hashed or created
};

core::Result<SignUpResult> SignUp(const core::SignUpForm& form, const std::string& client_address,
                                  const AccountPorts& ports);

enum class LoginOutcome { kLoggedIn, kWrongCredentials, kAccountLocked, kAddressThrottled };

struct LoginResult {
  LoginOutcome outcome = LoginOutcome::kWrongCredentials;
  std::optional<Session> session;  // when logged in
};

enum class PasswordChange { kChanged, kWrongCurrent, kTooShort, kThrottled };

// The logged-in person changes their own password (the current one is checked first). Once
// changed, their other sessions end; the one that changed it stays. The current password is
// checked as a login's is (contract point 2): counted against the address and the account first,
// kThrottled past their limits with nothing checked, forgiven when right.
core::Result<PasswordChange> ChangePassword(const Session& session, const std::string& current,
                                            const std::string& replacement,
                                            const std::string& client_address,
                                            const AccountPorts& ports);

core::Result<LoginResult> LogIn(const StoreAccount& store, const std::string& email,
                                const std::string& password, const std::string& client_address,
                                const AccountPorts& ports);

}  // namespace orcazap::service
