#pragma once
// An image's size from its header alone, without decoding: opening a dataset
// needs every camera's resolution, and decoding a 2048×1536 JPEG for that
// would cost tens of milliseconds per camera.

#include <filesystem>

#include "core/util/result.hpp"

namespace fuselabel {

/// Width and height of an image in pixels.
struct ImageSize {
  int width = 0;   ///< columns
  int height = 0;  ///< rows
};

/// Reads the size from a PNG (IHDR chunk) or JPEG (first SOFn marker) header.
Result<ImageSize> readImageSize(const std::filesystem::path& path);

}  // namespace fuselabel
