#pragma once
// A small, thread-safe logging facility. Messages go to one replaceable sink
// (stderr by default) so the GUI can route them into its log panel while the
// CLI and tests keep plain stderr output.

#include <functional>
#include <string>
#include <string_view>

namespace fuselabel {

/// Severity of a log message, in increasing order.
enum class LogLevel { Debug = 0, Info = 1, Warn = 2, Error = 3 };

/// Receives every message at or above the current level. Called with the
/// logger's lock held, so calls are serialised and a sink that was replaced
/// is never called again once setLogSink() has returned. A message the sink
/// logs from inside itself is dropped rather than deadlocking.
using LogSink = std::function<void(LogLevel level, std::string_view message)>;

/// Lower-case name of `level` ("debug", "info", "warn", "error").
[[nodiscard]] std::string_view toString(LogLevel level) noexcept;

/// Installs `sink` and returns the previous one; an empty sink restores the
/// default stderr sink.
LogSink setLogSink(LogSink sink);

/// Sets the minimum level that reaches the sink (default: Info).
void setLogLevel(LogLevel minimum) noexcept;

/// The minimum level that reaches the sink.
[[nodiscard]] LogLevel logLevel() noexcept;

/// True when a message at `level` would reach the sink; lets callers skip
/// building expensive messages.
[[nodiscard]] bool logEnabled(LogLevel level) noexcept;

/// Sends `message` to the sink if `level` is enabled.
void logMessage(LogLevel level, std::string_view message);

/// logMessage(LogLevel::Debug, message).
inline void logDebug(std::string_view message) {
  logMessage(LogLevel::Debug, message);
}
/// logMessage(LogLevel::Info, message).
inline void logInfo(std::string_view message) {
  logMessage(LogLevel::Info, message);
}
/// logMessage(LogLevel::Warn, message).
inline void logWarn(std::string_view message) {
  logMessage(LogLevel::Warn, message);
}
/// logMessage(LogLevel::Error, message).
inline void logError(std::string_view message) {
  logMessage(LogLevel::Error, message);
}

}  // namespace fuselabel
