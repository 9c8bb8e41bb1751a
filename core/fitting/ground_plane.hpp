#pragma once
// The local ground under an object: a plane z = a·x + b·y + c fitted to the
// points around it, so boxes on a sloped road or a ramp get their bottom at
// the road and not at the sweep's lowest point.

#include <span>

#include <Eigen/Core>

#include "core/util/result.hpp"

namespace fuselabel {

/// A non-vertical plane z = a·x + b·y + c in world (m).
struct GroundPlane {
  double a = 0.0;  ///< dz/dx
  double b = 0.0;  ///< dz/dy
  double c = 0.0;  ///< z at x = y = 0

  /// Height of the plane at (x, y) (m).
  [[nodiscard]] double heightAt(double x, double y) const noexcept { return a * x + b * y + c; }
  /// Height of `p` above the plane (m, negative below).
  [[nodiscard]] double heightAbove(const Eigen::Vector3d& p) const noexcept {
    return p.z() - heightAt(p.x(), p.y());
  }
};

/// How fitGroundPlane searches.
struct GroundFitOptions {
  /// A point within this vertical distance of the plane supports it (m).
  double inlierDistance = 0.08;
  /// Steepest plane accepted (rise over run); 0.3 ≈ 17°, steeper than any road.
  double maxSlope = 0.3;
  /// RANSAC hypotheses; sampling is seeded, so the result is deterministic.
  int iterations = 64;
};

/// Robust plane through the ground points among `points` (world): RANSAC
/// over non-steep planes, scored by supporting points minus points well below
/// the plane (the ground is the lowest surface, so a car roof or a wall base
/// loses to the road under it), then least squares on the supporters. An
/// error when fewer than three points or no non-degenerate plane exist.
[[nodiscard]] Result<GroundPlane> fitGroundPlane(std::span<const Eigen::Vector3d> points,
                                                 const GroundFitOptions& options = {});

/// A flat plane at the `fraction` quantile of the points' heights, the
/// fallback when too few ground points surround an object.
[[nodiscard]] GroundPlane lowPercentilePlane(std::span<const Eigen::Vector3d> points,
                                             double fraction = 0.02);

/// The ground under an object: a plane fitted to `ring` (the points around
/// it, mostly road) when it holds enough points and the fit succeeds, else
/// the low-percentile plane of `all` (a box at the sweep's edge, a wall behind it).
[[nodiscard]] GroundPlane groundAround(std::span<const Eigen::Vector3d> all,
                                       std::span<const Eigen::Vector3d> ring);

}  // namespace fuselabel
