#include "core/util/log.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace fuselabel {
namespace {

// Restores the default sink and level whatever the test does.
class LogTest : public ::testing::Test {
 protected:
  void SetUp() override { m_previousLevel = logLevel(); }
  void TearDown() override {
    setLogSink(nullptr);
    setLogLevel(m_previousLevel);
  }

 private:
  LogLevel m_previousLevel = LogLevel::Info;
};

TEST_F(LogTest, SinkReceivesMessagesAtOrAboveLevel) {
  std::vector<std::pair<LogLevel, std::string>> got;
  setLogSink([&](LogLevel level, std::string_view message) {
    got.emplace_back(level, std::string(message));
  });
  setLogLevel(LogLevel::Warn);
  logDebug("d");
  logInfo("i");
  logWarn("w");
  logError("e");
  ASSERT_EQ(got.size(), 2U);
  EXPECT_EQ(got[0].first, LogLevel::Warn);
  EXPECT_EQ(got[0].second, "w");
  EXPECT_EQ(got[1].first, LogLevel::Error);
  EXPECT_EQ(got[1].second, "e");
  EXPECT_FALSE(logEnabled(LogLevel::Info));
  EXPECT_TRUE(logEnabled(LogLevel::Error));
}

TEST_F(LogTest, SetSinkReturnsPreviousAndEmptyRestoresDefault) {
  int first = 0;
  int second = 0;
  setLogSink([&](LogLevel, std::string_view) { ++first; });
  LogSink previous = setLogSink([&](LogLevel, std::string_view) { ++second; });
  ASSERT_TRUE(previous);
  previous(LogLevel::Info, "direct");
  EXPECT_EQ(first, 1);
  logError("x");
  EXPECT_EQ(second, 1);
  setLogSink(nullptr);
  testing::internal::CaptureStderr();
  logError("to stderr");
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("to stderr"), std::string::npos);
  EXPECT_NE(err.find("error"), std::string::npos);
  EXPECT_EQ(second, 1);
}

TEST_F(LogTest, ReentrantMessageIsDroppedNotDeadlocked) {
  int calls = 0;
  setLogSink([&](LogLevel, std::string_view) {
    ++calls;
    logError("from inside the sink");
  });
  logError("outer");
  EXPECT_EQ(calls, 1);
}

TEST_F(LogTest, ConcurrentLoggingDeliversEveryMessage) {
  std::mutex mutex;
  std::size_t count = 0;
  setLogSink([&](LogLevel, std::string_view) {
    const std::lock_guard lock(mutex);
    ++count;
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([] {
      for (int i = 0; i < 500; ++i) {
        logWarn("m");
      }
    });
  }
  for (std::thread& t : threads) {
    t.join();
  }
  EXPECT_EQ(count, 2000U);
}

TEST(LogLevelName, Names) {
  EXPECT_EQ(toString(LogLevel::Debug), "debug");
  EXPECT_EQ(toString(LogLevel::Info), "info");
  EXPECT_EQ(toString(LogLevel::Warn), "warn");
  EXPECT_EQ(toString(LogLevel::Error), "error");
}

}  // namespace
}  // namespace fuselabel
