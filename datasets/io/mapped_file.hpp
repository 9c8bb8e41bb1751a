#pragma once
// A file mapped read-only into memory, and a guard that turns the SIGBUS a
// mapping raises when its file shrinks underneath it into an error.
//
// Why map at all: a sweep read with read() is copied twice (page cache to a
// buffer, buffer to the channels); decoded straight from the mapping it is
// copied once, which is what keeps a KITTI .bin read near a plain read of
// its bytes (ReadKittiBin bench pair).

#include <cstddef>
#include <span>
#include <string_view>

#include "core/util/result.hpp"

namespace fuselabel {

/// A read-only, private mapping of a whole file, unmapped on destruction.
class MappedFile {
 public:
  /// Maps the first `size` bytes (size > 0) of the open file `fd`. An error
  /// naming the file when the system refuses (some file systems cannot map);
  /// callers then read() instead.
  [[nodiscard]] static Result<MappedFile> map(int fd, std::size_t size, std::string_view name);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  /// The mapped bytes. Reading them outside visitMappedGuarded() kills the
  /// process if another program truncates the file meanwhile.
  [[nodiscard]] std::span<const std::byte> bytes() const { return {m_data, m_size}; }

 private:
  MappedFile(const std::byte* data, std::size_t size) : m_data(data), m_size(size) {}
  const std::byte* m_data = nullptr;
  std::size_t m_size = 0;
};

/// Calls `visit(context)`, which reads bytes of `region` (part of a
/// MappedFile). Returns false, where the process would otherwise die of
/// SIGBUS, when a page of the region is no longer backed by the file: another
/// program truncated it while it was read. SIGBUS outside a guarded region
/// goes to the handler installed before (or kills the process as usual).
///
/// `visit` is left by siglongjmp on such a fault, so it must not hold
/// objects with destructors, locks or allocations across its reads of the
/// region: decode into memory prepared beforehand.
[[nodiscard]] bool visitMappedGuarded(std::span<const std::byte> region, void (*visit)(void*),
                                      void* context);

}  // namespace fuselabel
