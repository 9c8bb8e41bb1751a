#pragma once
// Internal: the PCD v0.7 reader (ascii, binary, binary_compressed).

#include <cstddef>
#include <span>
#include <string_view>

#include "core/util/result.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"

namespace fuselabel::pointcloud_detail {

/// Parses a whole PCD file held in `bytes`.
[[nodiscard]] Result<PointCloudFile> parsePcd(std::span<const std::byte> bytes,
                                              const PointCloudReadOptions& options,
                                              std::string_view name);

}  // namespace fuselabel::pointcloud_detail
