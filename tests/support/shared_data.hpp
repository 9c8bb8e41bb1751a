#pragma once
// Locating the real recordings in ../shared/data for the `data` test tier.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace fuselabel::test {

/// Absolute path of `relative` under the shared data folder. The folder is
/// configured at build time (FUSELABEL_SHARED_DATA_DIR) and can be overridden
/// with the environment variable of the same name.
inline std::filesystem::path sharedDataPath(const std::string& relative) {
  const char* env = std::getenv("FUSELABEL_SHARED_DATA_DIR");
  const std::filesystem::path root = env ? env : FUSELABEL_SHARED_DATA_DIR;
  return root / relative;
}

}  // namespace fuselabel::test

/// Fails the current test with a message naming the missing file, so a missing
/// data checkout reads as what it is rather than as a wrong result.
#define FUSELABEL_REQUIRE_SHARED_DATA(path)                             \
  do {                                                                  \
    if (!std::filesystem::exists(path)) {                               \
      FAIL() << "real test data missing: " << (path).string()           \
             << " (expected ../shared/data beside the repository; set " \
                "FUSELABEL_SHARED_DATA_DIR to point elsewhere)";        \
    }                                                                   \
  } while (false)
