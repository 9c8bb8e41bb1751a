#include "core/util/log.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <utility>

namespace fuselabel {
namespace {

void stderrSink(LogLevel level, std::string_view message) {
  std::fprintf(stderr, "[fuselabel %.*s] %.*s\n", static_cast<int>(toString(level).size()),
               toString(level).data(), static_cast<int>(message.size()), message.data());
}

struct Logger {
  std::mutex mutex;
  LogSink sink = stderrSink;
  // Atomic so the level check on the hot path takes no lock.
  std::atomic<int> minimum{static_cast<int>(LogLevel::Info)};
};

Logger& logger() {
  // Function-local static: safe to use from other static initialisers.
  static Logger instance;
  return instance;
}

// Set while this thread is inside the sink, to drop re-entrant messages.
thread_local bool t_inSink = false;

}  // namespace

std::string_view toString(LogLevel level) noexcept {
  switch (level) {
    case LogLevel::Debug:
      return "debug";
    case LogLevel::Info:
      return "info";
    case LogLevel::Warn:
      return "warn";
    case LogLevel::Error:
      return "error";
  }
  return "unknown";
}

LogSink setLogSink(LogSink sink) {
  Logger& log = logger();
  const std::lock_guard lock(log.mutex);
  LogSink previous = std::move(log.sink);
  log.sink = sink ? std::move(sink) : LogSink{stderrSink};
  return previous;
}

void setLogLevel(LogLevel minimum) noexcept {
  logger().minimum.store(static_cast<int>(minimum), std::memory_order_relaxed);
}

LogLevel logLevel() noexcept {
  return static_cast<LogLevel>(logger().minimum.load(std::memory_order_relaxed));
}

bool logEnabled(LogLevel level) noexcept {
  return static_cast<int>(level) >= logger().minimum.load(std::memory_order_relaxed);
}

void logMessage(LogLevel level, std::string_view message) {
  if (!logEnabled(level) || t_inSink) {
    return;
  }
  Logger& log = logger();
  const std::lock_guard lock(log.mutex);
  // Reset through a guard so a throwing sink does not silence this thread.
  struct InSinkGuard {
    InSinkGuard() { t_inSink = true; }
    ~InSinkGuard() { t_inSink = false; }
    InSinkGuard(const InSinkGuard&) = delete;
    InSinkGuard& operator=(const InSinkGuard&) = delete;
  } guard;
  log.sink(level, message);
}

}  // namespace fuselabel
