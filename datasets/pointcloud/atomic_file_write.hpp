#pragma once
// Writing a file so that readers see either the old or the complete new
// content: write a temporary file beside it, flush it, rename it over.

#include <cstddef>
#include <filesystem>
#include <span>

#include "core/util/result.hpp"

namespace fuselabel {

/// Writes `bytes` to `path` atomically (temporary file in the same folder,
/// fsync, rename). Errors name the file; the temporary is removed on failure.
[[nodiscard]] Result<void> writeFileAtomic(const std::filesystem::path& path,
                                           std::span<const std::byte> bytes);

}  // namespace fuselabel
