#pragma once
// Internal: the PCD v0.7 writer (ascii, binary, binary_compressed).

#include <cstddef>
#include <vector>

#include "core/pointcloud/point_cloud.hpp"
#include "core/util/result.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"

namespace fuselabel::pointcloud_detail {

/// Encodes `cloud` as PCD: x y z intensity (F4), then ring (U2), timestamp
/// (I8, absolute nanoseconds) and rgb (U4 packed) when the cloud has them.
[[nodiscard]] Result<std::vector<std::byte>> serializePcd(const PointCloud& cloud,
                                                          PcdEncoding encoding);

}  // namespace fuselabel::pointcloud_detail
