#pragma once
// Golden-image comparison in the style of Magnum's CompareImage: an image
// matches when the largest per-channel difference stays within `maxDelta` AND
// the mean per-channel difference within `meanDelta`. The mean catches broad
// shifts (a wrong colour or camera), the max one badly wrong region while
// tolerating a few anti-aliased edge pixels that differ between drivers.

#include <gtest/gtest.h>

#include <string>

#include "app/gui/render/image.hpp"

namespace fuselabel::testing {

struct ImageDelta {
  int maxDelta = 0;
  double meanDelta = 0.0;
};

/// Per-channel absolute differences of two equally sized images.
[[nodiscard]] ImageDelta compareImages(const render::ImageRgba8& actual,
                                       const render::ImageRgba8& expected);

struct GoldenTolerance {
  int maxDelta = 0;
  double meanDelta = 0.0;
};

/// Compares `actual` with tests/gl/golden/<name>.png. With
/// FUSELABEL_UPDATE_GOLDENS=1 it (re)writes the golden instead and succeeds.
/// On a mismatch the actual image goes to <build>/tests/gl/actual/<name>.png.
[[nodiscard]] ::testing::AssertionResult matchesGolden(const render::ImageRgba8& actual,
                                                       const std::string& name,
                                                       const GoldenTolerance& tolerance);

}  // namespace fuselabel::testing
