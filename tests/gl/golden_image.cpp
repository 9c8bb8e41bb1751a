#include "tests/gl/golden_image.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string_view>

namespace fuselabel::testing {

ImageDelta compareImages(const render::ImageRgba8& actual, const render::ImageRgba8& expected) {
  ImageDelta delta;
  const std::size_t count = std::min(actual.pixels.size(), expected.pixels.size());
  long long sum = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const int d =
        std::abs(static_cast<int>(actual.pixels[i]) - static_cast<int>(expected.pixels[i]));
    delta.maxDelta = std::max(delta.maxDelta, d);
    sum += d;
  }
  delta.meanDelta = count == 0 ? 0.0 : static_cast<double>(sum) / static_cast<double>(count);
  return delta;
}

::testing::AssertionResult matchesGolden(const render::ImageRgba8& actual, const std::string& name,
                                         const GoldenTolerance& tolerance) {
  const std::filesystem::path golden =
      std::filesystem::path(FUSELABEL_GL_GOLDEN_DIR) / (name + ".png");
  const char* update = std::getenv("FUSELABEL_UPDATE_GOLDENS");
  if (update != nullptr && std::string_view(update) == "1") {
    if (Result<void> written = render::writePng(golden.string(), actual); !written) {
      return ::testing::AssertionFailure() << written.error().message;
    }
    return ::testing::AssertionSuccess() << "golden updated: " << golden;
  }

  const std::filesystem::path actualDir(FUSELABEL_GL_ACTUAL_DIR);
  const std::filesystem::path actualPath = actualDir / (name + ".png");
  const auto keepActual = [&] {
    std::error_code ec;
    std::filesystem::create_directories(actualDir, ec);
    (void)render::writePng(actualPath.string(), actual);
  };

  auto expected = render::readPng(golden.string());
  if (!expected) {
    keepActual();
    return ::testing::AssertionFailure()
           << expected.error().message
           << " (run with FUSELABEL_UPDATE_GOLDENS=1 to create it; actual image: " << actualPath
           << ")";
  }
  if (expected->width != actual.width || expected->height != actual.height) {
    keepActual();
    return ::testing::AssertionFailure()
           << name << ": size " << actual.width << "x" << actual.height
           << " differs from the golden's " << expected->width << "x" << expected->height
           << " (actual image: " << actualPath << ")";
  }
  const ImageDelta delta = compareImages(actual, *expected);
  if (delta.maxDelta > tolerance.maxDelta || delta.meanDelta > tolerance.meanDelta) {
    keepActual();
    return ::testing::AssertionFailure()
           << name << ": max delta " << delta.maxDelta << " (allowed " << tolerance.maxDelta
           << "), mean delta " << delta.meanDelta << " (allowed " << tolerance.meanDelta
           << "); golden " << golden << ", actual image " << actualPath;
  }
  return ::testing::AssertionSuccess()
         << name << ": max delta " << delta.maxDelta << ", mean " << delta.meanDelta;
}

}  // namespace fuselabel::testing
