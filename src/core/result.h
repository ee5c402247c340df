#pragma once
// Expected failures as values. A function that can fail for a reason the caller must handle
// returns Result<T>; business outcomes ("needs approval") are part of T, never an Error.
//
// Invariants:
// 1. A Result holds exactly one of a value or an Error.
// 2. value() on an error, or error() on a value, is a programming bug (asserts).
// 3. kTransient means "the same call may succeed later" (a job is retried); kPermanent means
//    it never will (a job is recorded as failed, not retried).

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace orcazap::core {

enum class ErrorCode { kInvalidInput, kNotFound, kConflict, kTransient, kPermanent };

const char* ErrorCodeName(ErrorCode code);

class Error {
 public:
  static Error InvalidInput(std::string message) {
    return {ErrorCode::kInvalidInput, std::move(message)};
  }
  static Error NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }
  static Error Conflict(std::string message) { return {ErrorCode::kConflict, std::move(message)}; }
  static Error Transient(std::string message) {
    return {ErrorCode::kTransient, std::move(message)};
  }
  static Error Permanent(std::string message) {
    return {ErrorCode::kPermanent, std::move(message)};
  }

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  bool is_transient() const { return code_ == ErrorCode::kTransient; }
  // True when the failed operation may nevertheless have taken effect (e.g. a request sent but
  // never answered); false when it certainly did not.
  bool outcome_unknown() const { return outcome_unknown_; }
  // The same error, marked as one whose operation may have taken effect.
  Error WithOutcomeUnknown() const {
    Error copy = *this;
    copy.outcome_unknown_ = true;
    return copy;
  }
  // "<code name>: <message>", for logs and operator output.
  std::string ToString() const;
  // The same error with "context: " in front of the message.
  Error WithContext(const std::string& context) const {
    Error copy = *this;
    copy.message_ = context + ": " + message_;
    return copy;
  }

 private:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  ErrorCode code_;
  std::string message_;
  bool outcome_unknown_ = false;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& {
    assert(ok());
    return std::get<T>(state_);
  }
  T& value() & {
    assert(ok());
    return std::get<T>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(state_));
  }
  const Error& error() const {
    assert(!ok());
    return std::get<Error>(state_);
  }

  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Error> state_;
};

// Result of an operation with no value: ok, or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  Error error_ = Error::Permanent("");
  bool ok_ = true;
};

using Status = Result<void>;
inline Status Ok() { return {}; }

}  // namespace orcazap::core
