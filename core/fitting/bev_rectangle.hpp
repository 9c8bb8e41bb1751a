#pragma once
// The L-shape fit: the heading of the rectangle that best explains an
// object's points seen from above. A LiDAR sees one or two sides of a car
// (an "L"), so the fit scores how tightly the points hug the rectangle's
// edges (the closeness criterion of Zhang et al., "Efficient L-Shape Fitting
// for Vehicle Detection Using Laser Scanners", IV 2017) rather than its area,
// which an L of two sides underdetermines less robustly.

#include <span>

#include <Eigen/Core>

namespace fuselabel {

/// An oriented rectangle in the xy plane: extents of the points along
/// e1 = (cos yaw, sin yaw) and e2 = (−sin yaw, cos yaw).
struct BevRectangle {
  double yaw = 0.0;   ///< heading of e1 (rad)
  double min1 = 0.0;  ///< smallest projection on e1 (m)
  double max1 = 0.0;  ///< largest projection on e1 (m)
  double min2 = 0.0;  ///< smallest projection on e2 (m)
  double max2 = 0.0;  ///< largest projection on e2 (m)

  /// Extent along e1 (m).
  [[nodiscard]] double length() const noexcept { return max1 - min1; }
  /// Extent along e2 (m).
  [[nodiscard]] double width() const noexcept { return max2 - min2; }
  /// Centre in world xy.
  [[nodiscard]] Eigen::Vector2d center() const;
};

/// The bounding rectangle of `points` with e1 along `yaw`.
[[nodiscard]] BevRectangle boundingRectangle(std::span<const Eigen::Vector2d> points, double yaw);

/// Searches headings in [yawCenter − halfRange, yawCenter + halfRange]
/// (1° steps, then 0.1° around the best) for the rectangle whose edges the
/// points hug most closely. A rectangle repeats every 90°, so a half range of
/// π/4 searches every orientation. Returns the bounding rectangle at the best
/// heading; its yaw lies in the searched interval.
[[nodiscard]] BevRectangle fitLShape(std::span<const Eigen::Vector2d> points, double yawCenter,
                                     double halfRange);

/// The share of `points` within `tolerance` (m) of the rectangle's boundary,
/// in [0, 1]: near 1 for a clean L or I, lower for a blob.
[[nodiscard]] double edgeSupport(std::span<const Eigen::Vector2d> points, const BevRectangle& rect,
                                 double tolerance);

}  // namespace fuselabel
