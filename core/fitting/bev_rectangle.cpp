#include "core/fitting/bev_rectangle.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace fuselabel {
namespace {

// Points closer to an edge than this count as on it: the range noise of a
// LiDAR, so noise does not dominate the score with 1/d spikes.
constexpr double kMinEdgeDistance = 0.01;

double closeness(std::span<const Eigen::Vector2d> points, std::size_t stride, double yaw) {
  const double c = std::cos(yaw), s = std::sin(yaw);
  double lo1 = std::numeric_limits<double>::infinity(), hi1 = -lo1, lo2 = lo1, hi2 = -lo1;
  for (std::size_t i = 0; i < points.size(); i += stride) {
    const double p1 = c * points[i].x() + s * points[i].y();
    const double p2 = -s * points[i].x() + c * points[i].y();
    lo1 = std::min(lo1, p1);
    hi1 = std::max(hi1, p1);
    lo2 = std::min(lo2, p2);
    hi2 = std::max(hi2, p2);
  }
  double score = 0.0;
  for (std::size_t i = 0; i < points.size(); i += stride) {
    const double p1 = c * points[i].x() + s * points[i].y();
    const double p2 = -s * points[i].x() + c * points[i].y();
    const double d1 = std::min(hi1 - p1, p1 - lo1);
    const double d2 = std::min(hi2 - p2, p2 - lo2);
    score += 1.0 / std::max(std::min(d1, d2), kMinEdgeDistance);
  }
  return score;
}

}  // namespace

Eigen::Vector2d BevRectangle::center() const {
  const double c = std::cos(yaw), s = std::sin(yaw);
  const double m1 = 0.5 * (min1 + max1), m2 = 0.5 * (min2 + max2);
  return {c * m1 - s * m2, s * m1 + c * m2};
}

BevRectangle boundingRectangle(std::span<const Eigen::Vector2d> points, double yaw) {
  BevRectangle r;
  r.yaw = yaw;
  if (points.empty()) return r;
  const double c = std::cos(yaw), s = std::sin(yaw);
  r.min1 = r.min2 = std::numeric_limits<double>::infinity();
  r.max1 = r.max2 = -std::numeric_limits<double>::infinity();
  for (const Eigen::Vector2d& p : points) {
    const double p1 = c * p.x() + s * p.y();
    const double p2 = -s * p.x() + c * p.y();
    r.min1 = std::min(r.min1, p1);
    r.max1 = std::max(r.max1, p1);
    r.min2 = std::min(r.min2, p2);
    r.max2 = std::max(r.max2, p2);
  }
  return r;
}

BevRectangle fitLShape(std::span<const Eigen::Vector2d> points, double yawCenter,
                       double halfRange) {
  if (points.size() < 2) return boundingRectangle(points, yawCenter);
  // A thousand points pin a heading as well as ten thousand; the stride keeps
  // a close, dense object as cheap as a far one.
  const std::size_t stride = std::max<std::size_t>(1, points.size() / 1000);
  constexpr double kDeg = std::numbers::pi / 180.0;
  // Points on one line (an I, one face seen) score the same over a small
  // plateau of headings; the middle of the plateau is the line's heading.
  const auto bestOf = [&](double from, int steps, double step) {
    double bestScore = -1.0;
    double first = from, last = from;
    for (int k = 0; k <= steps; ++k) {
      const double yaw = from + k * step;
      const double score = closeness(points, stride, yaw);
      if (score > bestScore * (1.0 + 1e-9)) {
        bestScore = score;
        first = last = yaw;
      } else if (score >= bestScore * (1.0 - 1e-9) && last == yaw - step) {
        last = yaw;
      }
    }
    return 0.5 * (first + last);
  };
  const int coarse = static_cast<int>(std::ceil(std::max(halfRange, 0.0) / kDeg));
  const double coarseBest = bestOf(yawCenter - coarse * kDeg, 2 * coarse, kDeg);
  const double lo = std::max(coarseBest - kDeg, yawCenter - halfRange);
  const double hi = std::min(coarseBest + kDeg, yawCenter + halfRange);
  const int fine = std::max(1, static_cast<int>(std::round((hi - lo) / (0.05 * kDeg))));
  const double bestYaw = bestOf(lo, fine, (hi - lo) / fine);
  return boundingRectangle(points, bestYaw);
}

double edgeSupport(std::span<const Eigen::Vector2d> points, const BevRectangle& rect,
                   double tolerance) {
  if (points.empty()) return 0.0;
  const double c = std::cos(rect.yaw), s = std::sin(rect.yaw);
  std::size_t near = 0;
  for (const Eigen::Vector2d& p : points) {
    const double p1 = c * p.x() + s * p.y();
    const double p2 = -s * p.x() + c * p.y();
    const double d = std::min(std::min(rect.max1 - p1, p1 - rect.min1),
                              std::min(rect.max2 - p2, p2 - rect.min2));
    if (d <= tolerance) ++near;
  }
  return static_cast<double>(near) / static_cast<double>(points.size());
}

}  // namespace fuselabel
