#pragma once
// Helpers shared by the point cloud IO tests: building files in memory.

#include <cstddef>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "datasets/pointcloud/point_cloud_io.hpp"

namespace fuselabel::test {

/// The bytes of `text`, for parsePointCloud.
inline std::span<const std::byte> bytesOf(std::string_view text) {
  return {reinterpret_cast<const std::byte*>(text.data()), text.size()};
}

/// Appends the raw little-endian bytes of `value` to `out`.
template <class T>
void appendRaw(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

/// Parses `text` as `format` with default options, named "mem.<format>".
inline Result<PointCloudFile> parseText(std::string_view text, PointCloudFormat format,
                                        const PointCloudReadOptions& options = {}) {
  return parsePointCloud(bytesOf(text), format, options, "mem." + std::string(formatName(format)));
}

/// True when any warning contains `needle`.
inline bool hasWarning(const PointCloudFile& file, std::string_view needle) {
  for (const std::string& w : file.warnings) {
    if (w.find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace fuselabel::test
