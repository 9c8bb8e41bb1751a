#include "core/fitting/ground_plane.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include <Eigen/Dense>

namespace fuselabel {
namespace {

// Least-squares plane z = a·x + b·y + c through `points` (indices `use`),
// solved relative to their centroid so world offsets of hundreds of metres do
// not cost precision.
bool leastSquares(std::span<const Eigen::Vector3d> points, const std::vector<std::size_t>& use,
                  GroundPlane& plane) {
  if (use.size() < 3) return false;
  Eigen::Vector3d mean = Eigen::Vector3d::Zero();
  for (std::size_t i : use)
    mean += points[i];
  mean /= static_cast<double>(use.size());
  Eigen::Matrix3d A = Eigen::Matrix3d::Zero();
  Eigen::Vector3d rhs = Eigen::Vector3d::Zero();
  for (std::size_t i : use) {
    const Eigen::Vector3d d = points[i] - mean;
    const Eigen::Vector3d row(d.x(), d.y(), 1.0);
    A += row * row.transpose();
    rhs += row * d.z();
  }
  const Eigen::Vector3d s = A.ldlt().solve(rhs);
  if (!s.allFinite()) return false;
  plane.a = s.x();
  plane.b = s.y();
  plane.c = mean.z() + s.z() - s.x() * mean.x() - s.y() * mean.y();
  return true;
}

}  // namespace

Result<GroundPlane> fitGroundPlane(std::span<const Eigen::Vector3d> points,
                                   const GroundFitOptions& options) {
  const std::size_t n = points.size();
  if (n < 3) {
    return Error{"ground plane: " + std::to_string(n) + " points, need at least 3"};
  }
  std::mt19937 rng(12345);
  std::uniform_int_distribution<std::size_t> pick(0, n - 1);
  // Scoring every point of every hypothesis is the cost; a stride keeps it
  // bounded for dense rings without changing which plane wins.
  const std::size_t stride = std::max<std::size_t>(1, n / 800);
  const double below = 3.0 * options.inlierDistance;
  GroundPlane best;
  long bestScore = -1'000'000'000;
  bool found = false;
  for (int it = 0; it < options.iterations; ++it) {
    const Eigen::Vector3d& p0 = points[pick(rng)];
    const Eigen::Vector3d& p1 = points[pick(rng)];
    const Eigen::Vector3d& p2 = points[pick(rng)];
    const Eigen::Vector3d normal = (p1 - p0).cross(p2 - p0);
    if (std::abs(normal.z()) < 1e-9 || normal.norm() < 1e-6) continue;
    GroundPlane h;
    h.a = -normal.x() / normal.z();
    h.b = -normal.y() / normal.z();
    if (std::hypot(h.a, h.b) > options.maxSlope) continue;
    h.c = p0.z() - h.a * p0.x() - h.b * p0.y();
    long score = 0;
    for (std::size_t i = 0; i < n; i += stride) {
      const double d = h.heightAbove(points[i]);
      if (std::abs(d) <= options.inlierDistance)
        ++score;
      else if (d < -below)
        --score;
    }
    if (score > bestScore) {
      bestScore = score;
      best = h;
      found = true;
    }
  }
  if (!found)
    return Error{"ground plane: no non-vertical plane through " + std::to_string(n) + " points"};
  std::vector<std::size_t> inliers;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::abs(best.heightAbove(points[i])) <= options.inlierDistance) inliers.push_back(i);
  }
  GroundPlane refined = best;
  if (leastSquares(points, inliers, refined) &&
      std::hypot(refined.a, refined.b) <= options.maxSlope)
    best = refined;
  return best;
}

GroundPlane lowPercentilePlane(std::span<const Eigen::Vector3d> points, double fraction) {
  GroundPlane plane;
  if (points.empty()) return plane;
  std::vector<double> z;
  z.reserve(points.size());
  for (const Eigen::Vector3d& p : points)
    z.push_back(p.z());
  const auto k =
      static_cast<std::size_t>(std::clamp(fraction, 0.0, 1.0) * static_cast<double>(z.size() - 1));
  std::nth_element(z.begin(), z.begin() + static_cast<std::ptrdiff_t>(k), z.end());
  plane.c = z[k];
  return plane;
}

GroundPlane groundAround(std::span<const Eigen::Vector3d> all,
                         std::span<const Eigen::Vector3d> ring) {
  if (ring.size() >= 10) {
    if (Result<GroundPlane> plane = fitGroundPlane(ring)) return *plane;
  }
  return lowPercentilePlane(all);
}

}  // namespace fuselabel
