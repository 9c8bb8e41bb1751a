#pragma once
// A CPU-side RGBA8 image, rows top to bottom: what read-backs return and what
// PNG files and golden-image comparisons work on. No GL here.

#include <cstdint>
#include <string>
#include <vector>

#include "core/util/result.hpp"

namespace fuselabel::render {

struct ImageRgba8 {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  ///< width * height * 4 bytes, top row first

  [[nodiscard]] bool empty() const noexcept { return width <= 0 || height <= 0; }
  [[nodiscard]] const std::uint8_t* pixel(int x, int y) const noexcept {
    return pixels.data() + (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                            static_cast<std::size_t>(x)) *
                               4U;
  }
};

/// Writes `image` as a PNG; the error names the path.
[[nodiscard]] Result<void> writePng(const std::string& path, const ImageRgba8& image);

/// Reads a PNG (any channel count) into RGBA8; the error names the path.
[[nodiscard]] Result<ImageRgba8> readPng(const std::string& path);

}  // namespace fuselabel::render
