#pragma once
// Internal: the PLY reader (ascii, binary_little_endian, binary_big_endian).
// Reads the vertex element; every other element is skipped, list properties
// included.

#include <cstddef>
#include <span>
#include <string_view>

#include "core/util/result.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"

namespace fuselabel::pointcloud_detail {

/// Parses a whole PLY file held in `bytes`.
[[nodiscard]] Result<PointCloudFile> parsePly(std::span<const std::byte> bytes,
                                              const PointCloudReadOptions& options,
                                              std::string_view name);

}  // namespace fuselabel::pointcloud_detail
