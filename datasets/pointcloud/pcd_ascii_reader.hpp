#pragma once
// Internal: the DATA ascii body of a PCD file, parsed with std::from_chars.

#include <cstddef>
#include <span>
#include <string_view>

#include "core/util/result.hpp"
#include "datasets/pointcloud/pcd_header.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"

namespace fuselabel::pointcloud_detail {

/// Parses the ascii points after header.dataOffset into `out`, which already
/// holds the header's warnings and organisation.
[[nodiscard]] Result<PointCloudFile> parsePcdAscii(const PcdHeader& header,
                                                   std::span<const std::byte> bytes,
                                                   const PointCloudReadOptions& options,
                                                   std::string_view name, PointCloudFile out);

}  // namespace fuselabel::pointcloud_detail
