#pragma once
// Reading small text files (calibration, labels, manifests) whole.

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/util/result.hpp"

namespace fuselabel {

/// Text files above this size are refused: calibration and label files are
/// kilobytes to a few hundred megabytes, anything larger is a wrong path.
inline constexpr std::uintmax_t kMaxTextFileBytes = std::uintmax_t{1} << 30;

/// The whole content of a text file, or an error naming the file.
Result<std::string> readTextFile(const std::filesystem::path& path);

}  // namespace fuselabel
