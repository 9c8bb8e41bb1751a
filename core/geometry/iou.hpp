#pragma once
// Exact intersection-over-union of two oriented cuboids.
//
// Both boxes are treated as yaw-only: each box's footprint is its length ×
// width rectangle, centred at (center.x, center.y) and rotated by Cuboid::yaw()
// (the heading of the box's x axis projected onto the ground plane); its height
// range is center.z ± size.z / 2. Pitch and roll are ignored, as in the KITTI,
// nuScenes and Waymo detection metrics, which are defined for yaw-only boxes.
//
// The footprint intersection is computed exactly (up to rounding) by clipping
// one rectangle against the other (Sutherland–Hodgman), in the first box's
// frame so large world coordinates do not cost precision. Parallel, touching
// and identical edges are handled. A box with a zero, negative or non-finite
// size, or a non-finite centre or rotation, has IoU 0 with everything; the
// result is always in [0, 1], never NaN.

#include "core/geometry/cuboid.hpp"

namespace fuselabel {

/// Area (m²) of the intersection of the two boxes' bird's-eye footprints.
[[nodiscard]] double bevIntersectionArea(const Cuboid& a, const Cuboid& b);

/// Bird's-eye-view IoU: footprint intersection area / footprint union area.
[[nodiscard]] double bevIou(const Cuboid& a, const Cuboid& b);

/// Volume (m³) of the intersection: footprint intersection × height overlap.
[[nodiscard]] double intersectionVolume(const Cuboid& a, const Cuboid& b);

/// 3D IoU: intersection volume / union volume.
[[nodiscard]] double iou3d(const Cuboid& a, const Cuboid& b);

}  // namespace fuselabel
