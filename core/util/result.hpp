#pragma once
// Result<T>: the error policy of the libraries. Fallible functions return a
// value or an Error carrying a human-readable message; nothing throws across
// the library boundary. Reading the value of a failed Result is a programmer
// error and aborts (it never throws).

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace fuselabel {

/// Why an operation failed, phrased for the person who has to fix the input.
struct Error {
  /// Full message, e.g. "calib.txt: line 3: expected 12 numbers, found 9".
  std::string message;

  /// Builds "<file>: <location>: <what>" so every loader names the file and
  /// the place in it (line, byte offset, JSON key) the same way.
  static Error at(std::string_view file, std::string_view location, std::string_view what);

  /// Builds "<file>: <what>" for problems that concern the whole file.
  static Error inFile(std::string_view file, std::string_view what);

  /// Returns a copy with "<context>: " prepended, for callers that add the
  /// outer step ("loading sequence foo: ...").
  [[nodiscard]] Error withContext(std::string_view context) const;
};

inline Error Error::at(std::string_view file, std::string_view location, std::string_view what) {
  std::string text;
  text.reserve(file.size() + location.size() + what.size() + 4);
  text.append(file).append(": ").append(location).append(": ").append(what);
  return Error{std::move(text)};
}

inline Error Error::inFile(std::string_view file, std::string_view what) {
  std::string text;
  text.reserve(file.size() + what.size() + 2);
  text.append(file).append(": ").append(what);
  return Error{std::move(text)};
}

inline Error Error::withContext(std::string_view context) const {
  std::string text;
  text.reserve(context.size() + message.size() + 2);
  text.append(context).append(": ").append(message);
  return Error{std::move(text)};
}

namespace detail {

/// Aborts with the error that was ignored; reached only through misuse.
[[noreturn]] inline void resultAccessFailure(const char* what, const std::string& message) {
  std::fprintf(stderr, "fuselabel: %s (error was: %s)\n", what, message.c_str());
  std::abort();
}

}  // namespace detail

/// Either a T or an Error. [[nodiscard]] so a failure cannot be dropped silently.
template <class T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<std::remove_cv_t<T>, Error>, "Result<Error> is ambiguous");
  static_assert(!std::is_reference_v<T>, "Result holds values, not references");

 public:
  using value_type = T;

  /// Success carrying `value`.
  Result(T value)
      : m_state(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  /// Failure carrying `error`.
  Result(Error error)
      : m_state(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit by design

  /// True when a value is held.
  [[nodiscard]] bool ok() const noexcept { return m_state.index() == 0; }
  /// Same as ok(), for `if (auto r = load(...))`.
  explicit operator bool() const noexcept { return ok(); }

  /// The value; aborts if this holds an error.
  [[nodiscard]] T& value() & { return *checkedValue(); }
  /// The value; aborts if this holds an error.
  [[nodiscard]] const T& value() const& { return *checkedValue(); }
  /// The value, moved out; aborts if this holds an error.
  [[nodiscard]] T&& value() && { return std::move(*checkedValue()); }

  /// The value, or `fallback` when this holds an error.
  [[nodiscard]] T valueOr(T fallback) const& {
    return ok() ? *std::get_if<0>(&m_state) : std::move(fallback);
  }

  /// Dereferences the value; aborts if this holds an error.
  [[nodiscard]] T& operator*() & { return value(); }
  /// Dereferences the value; aborts if this holds an error.
  [[nodiscard]] const T& operator*() const& { return value(); }
  /// Moves the value out; aborts if this holds an error.
  [[nodiscard]] T&& operator*() && { return std::move(*this).value(); }
  /// Member access on the value; aborts if this holds an error.
  [[nodiscard]] T* operator->() { return checkedValue(); }
  /// Member access on the value; aborts if this holds an error.
  [[nodiscard]] const T* operator->() const { return checkedValue(); }

  /// The error; aborts if this holds a value.
  [[nodiscard]] const Error& error() const {
    const Error* e = std::get_if<1>(&m_state);
    if (e == nullptr) {
      detail::resultAccessFailure("Result::error() called on a success", std::string{});
    }
    return *e;
  }

 private:
  T* checkedValue() {
    if (T* v = std::get_if<0>(&m_state)) {
      return v;
    }
    detail::resultAccessFailure("Result::value() called on a failure",
                                std::get_if<1>(&m_state)->message);
  }
  const T* checkedValue() const {
    if (const T* v = std::get_if<0>(&m_state)) {
      return v;
    }
    detail::resultAccessFailure("Result::value() called on a failure",
                                std::get_if<1>(&m_state)->message);
  }

  std::variant<T, Error> m_state;
};

/// Success or an Error, for operations that produce nothing.
template <>
class [[nodiscard]] Result<void> {
 public:
  using value_type = void;

  /// Success.
  Result() = default;
  /// Failure carrying `error`.
  Result(Error error) : m_failed(true), m_error(std::move(error)) {}  // NOLINT: implicit by design

  /// True on success.
  [[nodiscard]] bool ok() const noexcept { return !m_failed; }
  /// Same as ok().
  explicit operator bool() const noexcept { return ok(); }

  /// The error; aborts on success.
  [[nodiscard]] const Error& error() const {
    if (!m_failed) {
      detail::resultAccessFailure("Result<void>::error() called on a success", std::string{});
    }
    return m_error;
  }

 private:
  bool m_failed = false;
  Error m_error;
};

/// Shorthand for a successful Result<void>.
inline Result<void> success() {
  return Result<void>{};
}

}  // namespace fuselabel
