#pragma once
// Reading a whole file into memory, with the errors every loader needs (file
// missing, unreadable, a directory, larger than a sane limit) phrased once.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "core/util/result.hpp"

namespace fuselabel {

/// The bytes of one file; the buffer is not zero-filled before reading, so a
/// read costs one pass over the data.
class FileBytes {
 public:
  FileBytes() = default;
  FileBytes(std::unique_ptr<std::byte[]> data, size_t size)
      : m_data(std::move(data)), m_size(size) {}

  /// The file's content.
  std::span<const std::byte> bytes() const { return {m_data.get(), m_size}; }
  /// The content as characters, for text formats.
  std::string_view text() const { return {reinterpret_cast<const char*>(m_data.get()), m_size}; }
  /// Number of bytes.
  size_t size() const { return m_size; }

 private:
  std::unique_ptr<std::byte[]> m_data;
  size_t m_size = 0;
};

/// Files larger than this are refused unless a caller asks for more: no sensor
/// file we read comes close, and a mistaken path to a disk image should fail
/// fast instead of exhausting memory.
inline constexpr size_t kDefaultMaxFileBytes = size_t{4} << 30;

/// Reads the whole file. Errors name the file: missing, a directory, too
/// large, or a read that came up short.
Result<FileBytes> readFileBytes(const std::filesystem::path& path,
                                size_t maxBytes = kDefaultMaxFileBytes);

}  // namespace fuselabel
