#pragma once
// Axis-aligned bounding box, the result of bounds queries.

#include <limits>

#include <Eigen/Core>

namespace fuselabel {

/// An axis-aligned box [min, max]. Default-constructed it is empty (min = +inf,
/// max = -inf), so extending it with the first point yields that point.
struct Aabb {
  /// Lower corner.
  Eigen::Vector3d min = Eigen::Vector3d::Constant(std::numeric_limits<double>::infinity());
  /// Upper corner.
  Eigen::Vector3d max = Eigen::Vector3d::Constant(-std::numeric_limits<double>::infinity());

  /// True when no point has been added (min > max on some axis).
  [[nodiscard]] bool isEmpty() const { return (min.array() > max.array()).any(); }

  /// Grows the box to contain `p`.
  void extend(const Eigen::Vector3d& p) {
    min = min.cwiseMin(p);
    max = max.cwiseMax(p);
  }

  /// max - min; meaningless (negative) when empty.
  [[nodiscard]] Eigen::Vector3d extent() const { return max - min; }

  /// Midpoint of the box; meaningless when empty.
  [[nodiscard]] Eigen::Vector3d center() const { return 0.5 * (min + max); }
};

}  // namespace fuselabel
