#pragma once
// Replacing a file so that a crash at any moment leaves either the old or the
// new content, never a torn mix.

#include <filesystem>
#include <string_view>

#include "core/util/result.hpp"

namespace fuselabel {

/// How writeFileAtomically makes the write durable.
struct AtomicWriteOptions {
  /// fsync the data before the rename and the folder after it, so the new
  /// file also survives a power cut (not only a process crash). Off only in
  /// tests and benchmarks that measure the rest.
  bool sync = true;
};

/// Writes `bytes` to a temporary file in the same folder as `path`, flushes
/// (and fsyncs) it, renames it over `path` and fsyncs the folder. rename() is
/// atomic within a file system, so readers see the old or the new file. On
/// failure the temporary file is removed and `path` is untouched. An existing
/// file's permission bits are kept.
Result<void> writeFileAtomically(const std::filesystem::path& path, std::string_view bytes,
                                 AtomicWriteOptions options = {});

}  // namespace fuselabel
