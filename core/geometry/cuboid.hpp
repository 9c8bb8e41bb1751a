#pragma once
// The 3D box an annotator places: geometric centre, size and rotation.

#include <array>

#include <Eigen/Geometry>

#include "core/geometry/angle.hpp"

namespace fuselabel {

/// An oriented box. `rotation` maps the box's own axes into the parent frame
/// (T_parent_box has this rotation and translation `center`). Size is the full
/// extent: length along the box's own x (its heading), width along y, height
/// along z. Yaw about z is the common case; pitch and roll are kept.
///
/// Corner order of corners(), in the box's own frame (x forward, y left, z up):
///
///            top face (z = +h/2)            bottom face (z = -h/2)
///                 front                          front
///            5 ---------- 4                 1 ---------- 0
///            |     ^ x    |                 |     ^ x    |
///   left     |     |      |  right          |     |      |
///            |  y <+      |                 |  y <+      |
///            6 ---------- 7                 2 ---------- 3
///                 rear                           rear
///
///   0 (+l/2, -w/2, -h/2) front-right bottom   4 = 0 raised to +h/2
///   1 (+l/2, +w/2, -h/2) front-left  bottom   5 = 1 raised
///   2 (-l/2, +w/2, -h/2) rear-left   bottom   6 = 2 raised
///   3 (-l/2, -w/2, -h/2) rear-right  bottom   7 = 3 raised
///
/// Each face runs counter-clockwise seen from above (+z), starting at the
/// front-right corner; corner i + 4 is directly above corner i. The front face
/// is 0-1-5-4, so the edge 0-1 (and 4-5) marks the heading.
struct Cuboid {
  /// Geometric centre in the parent frame (m).
  Eigen::Vector3d center = Eigen::Vector3d::Zero();
  /// Full extent (m): x = length (heading), y = width, z = height.
  Eigen::Vector3d size = Eigen::Vector3d::Zero();
  /// Unit quaternion: box frame → parent frame.
  Eigen::Quaterniond rotation = Eigen::Quaterniond::Identity();

  /// A box rotated by `yaw` about +z (from +x towards +y), no pitch or roll.
  [[nodiscard]] static Cuboid fromYaw(const Eigen::Vector3d& center, const Eigen::Vector3d& size,
                                      double yaw);

  /// Heading of the box's x axis about +z in (-pi, pi]; see yawOf().
  [[nodiscard]] double yaw() const;

  /// T_parent_box: maps box-frame coordinates into the parent frame.
  [[nodiscard]] Eigen::Isometry3d pose() const;

  /// Half the size, the bound used by point-in-box tests.
  [[nodiscard]] Eigen::Vector3d halfSize() const { return 0.5 * size; }

  /// length × width × height (m³).
  [[nodiscard]] double volume() const { return size.x() * size.y() * size.z(); }

  /// True when every size component is positive and finite and the centre
  /// and rotation are finite.
  [[nodiscard]] bool isValid() const;

  /// The 8 corners in the parent frame, in the order drawn above.
  [[nodiscard]] std::array<Eigen::Vector3d, 8> corners() const;
};

/// The same box expressed in frame a, given the box in frame b: T_a_b * cuboid_b.
[[nodiscard]] Cuboid transformed(const Eigen::Isometry3d& T_a_b, const Cuboid& cuboid_b);

/// Operator form of transformed(): `Cuboid box_world = T_world_ego * box_ego;`.
[[nodiscard]] inline Cuboid operator*(const Eigen::Isometry3d& T_a_b, const Cuboid& cuboid_b) {
  return transformed(T_a_b, cuboid_b);
}

}  // namespace fuselabel
