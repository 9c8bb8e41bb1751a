#pragma once
// Which points of a cloud lie inside a cuboid, for a whole cloud at once.
//
// The cuboid and the points must be in the same frame. A point is inside when
// its coordinates in the box frame satisfy |local| <= size / 2 on every axis
// (boundary included, matching the nuScenes and Argoverse 2 point counts).
// Points with a NaN or infinite coordinate are never inside; nor is any point
// of a box with a non-finite centre, size or rotation.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/geometry/cuboid.hpp"
#include "core/pointcloud/point_cloud.hpp"

namespace fuselabel {

/// Writes 1 into mask[i] for each point inside `box` and 0 otherwise; returns
/// the number inside. All four spans must have the same size.
std::size_t pointsInCuboidMask(std::span<const float> x, std::span<const float> y,
                               std::span<const float> z, const Cuboid& box,
                               std::span<std::uint8_t> mask);

/// Per-point inside flags (1 inside, 0 outside) for the whole cloud.
[[nodiscard]] std::vector<std::uint8_t> pointsInCuboidMask(const PointCloud& cloud,
                                                           const Cuboid& box);

/// Number of points of the cloud inside `box`.
[[nodiscard]] std::size_t countPointsInCuboid(const PointCloud& cloud, const Cuboid& box);

/// Indices (ascending) of the points inside `box`.
[[nodiscard]] std::vector<std::size_t> pointsInCuboidIndices(const PointCloud& cloud,
                                                             const Cuboid& box);

}  // namespace fuselabel
