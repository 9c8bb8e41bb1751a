#pragma once
// A hidden window with an OpenGL 3.3 core context shared by every GL test.
// Without a display the tests fail with a message saying how to run them.

#include <gtest/gtest.h>

#include <string>

namespace fuselabel::testing {

/// True when a context is current; otherwise `why` says what is missing.
[[nodiscard]] bool ensureGlContext(std::string& why);

/// Base fixture: fails the test (not the whole binary) without a context.
class GlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    if (!ensureGlContext(why)) {
      GTEST_FAIL() << why;
    }
  }
};

}  // namespace fuselabel::testing
