#pragma once
// Internal: the PLY writer (one vertex element).

#include <cstddef>
#include <vector>

#include "core/pointcloud/point_cloud.hpp"
#include "core/util/result.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"

namespace fuselabel::pointcloud_detail {

/// Encodes `cloud` as PLY: float x y z intensity, then ushort ring and uchar
/// red green blue when the cloud has them. Per-point time is not written
/// (PLY has no convention for it).
[[nodiscard]] Result<std::vector<std::byte>> serializePly(const PointCloud& cloud,
                                                          PlyEncoding encoding);

}  // namespace fuselabel::pointcloud_detail
