#include "core/geometry/iou.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace fuselabel {
namespace {

struct Point2 {
  double x;
  double y;
};

// A convex polygon with at most 8 vertices: a rectangle clipped by the four
// half-planes of another gains at most one vertex per half-plane.
struct Polygon {
  std::array<Point2, 8> v{};
  int count = 0;
};

bool hasArea(const Cuboid& box) {
  return box.center.allFinite() && box.rotation.coeffs().allFinite() &&
         box.rotation.squaredNorm() > 0.0 && std::isfinite(box.size.x()) &&
         std::isfinite(box.size.y()) && box.size.x() > 0.0 && box.size.y() > 0.0;
}

bool hasVolume(const Cuboid& box) {
  return hasArea(box) && std::isfinite(box.size.z()) && box.size.z() > 0.0;
}

// Keeps the part of `in` where sign * coord(p) <= limit, coord being x (axis 0)
// or y (axis 1). Vertices on the line count as inside, so touching edges give
// a degenerate polygon of zero area rather than a dropped vertex. New vertices
// are snapped onto the line exactly.
Polygon clipAxis(const Polygon& in, int axis, double sign, double limit) {
  Polygon out;
  if (in.count == 0) {
    return out;
  }
  auto coord = [axis](const Point2& p) { return axis == 0 ? p.x : p.y; };
  const Point2* prev = &in.v[static_cast<std::size_t>(in.count - 1)];
  double prevDist = limit - sign * coord(*prev);
  for (int i = 0; i < in.count; ++i) {
    const Point2& cur = in.v[static_cast<std::size_t>(i)];
    const double curDist = limit - sign * coord(cur);
    const bool prevIn = prevDist >= 0.0;
    const bool curIn = curDist >= 0.0;
    if (prevIn != curIn) {
      // Signs differ strictly on one side, so the denominator is non-zero.
      const double t = prevDist / (prevDist - curDist);
      Point2 cross{prev->x + t * (cur.x - prev->x), prev->y + t * (cur.y - prev->y)};
      (axis == 0 ? cross.x : cross.y) = sign * limit;
      out.v[static_cast<std::size_t>(out.count++)] = cross;
    }
    if (curIn) {
      out.v[static_cast<std::size_t>(out.count++)] = cur;
    }
    prev = &cur;
    prevDist = curDist;
  }
  return out;
}

double polygonArea(const Polygon& poly) {
  if (poly.count < 3) {
    return 0.0;
  }
  // Shoelace relative to the first vertex, which keeps the products small.
  const Point2 origin = poly.v[0];
  double twiceArea = 0.0;
  for (int i = 1; i + 1 < poly.count; ++i) {
    const Point2& p = poly.v[static_cast<std::size_t>(i)];
    const Point2& q = poly.v[static_cast<std::size_t>(i + 1)];
    twiceArea += (p.x - origin.x) * (q.y - origin.y) - (q.x - origin.x) * (p.y - origin.y);
  }
  return 0.5 * std::abs(twiceArea);
}

double footprintIntersection(const Cuboid& a, const Cuboid& b) {
  // Work in a's footprint frame, where a is the axis-aligned rectangle
  // [-la/2, la/2] × [-wa/2, wa/2]; b becomes a rectangle rotated by yb - ya.
  const double yawA = a.yaw();
  const double yawB = b.yaw();
  const double cosA = std::cos(yawA);
  const double sinA = std::sin(yawA);
  const double dx = b.center.x() - a.center.x();
  const double dy = b.center.y() - a.center.y();
  const Point2 centerB{cosA * dx + sinA * dy, -sinA * dx + cosA * dy};
  const double rel = yawB - yawA;
  const double cosR = std::cos(rel);
  const double sinR = std::sin(rel);
  const double hlB = 0.5 * b.size.x();
  const double hwB = 0.5 * b.size.y();

  // b's corners counter-clockwise, as in Cuboid::corners().
  static constexpr double kSignX[4] = {+1.0, +1.0, -1.0, -1.0};
  static constexpr double kSignY[4] = {-1.0, +1.0, +1.0, -1.0};
  Polygon poly;
  poly.count = 4;
  for (std::size_t i = 0; i < 4; ++i) {
    const double lx = kSignX[i] * hlB;
    const double ly = kSignY[i] * hwB;
    poly.v[i] = Point2{centerB.x + cosR * lx - sinR * ly, centerB.y + sinR * lx + cosR * ly};
  }

  const double hlA = 0.5 * a.size.x();
  const double hwA = 0.5 * a.size.y();
  poly = clipAxis(poly, 0, +1.0, hlA);
  poly = clipAxis(poly, 0, -1.0, hlA);
  poly = clipAxis(poly, 1, +1.0, hwA);
  poly = clipAxis(poly, 1, -1.0, hwA);
  // The intersection lies inside both rectangles; rounding cannot be allowed
  // to push it past the smaller one.
  const double maxArea = std::min(a.size.x() * a.size.y(), b.size.x() * b.size.y());
  return std::min(polygonArea(poly), maxArea);
}

double heightOverlap(const Cuboid& a, const Cuboid& b) {
  // From the centre distance rather than min(top) - max(bottom): identical
  // z ranges then overlap by exactly their height (IoU exactly 1), and a
  // large z offset does not cost precision.
  const double ha = a.size.z();
  const double hb = b.size.z();
  const double overlap = 0.5 * (ha + hb) - std::abs(a.center.z() - b.center.z());
  return std::clamp(overlap, 0.0, std::min(ha, hb));
}

// intersection / (sizeA + sizeB - intersection), clamped to [0, 1] and 0 when
// any input overflowed.
double ratio(double intersection, double measureA, double measureB) {
  const double unionMeasure = measureA + measureB - intersection;
  if (!(intersection > 0.0) || !(unionMeasure > 0.0) || !std::isfinite(unionMeasure)) {
    return 0.0;
  }
  const double value = intersection / unionMeasure;
  return std::isfinite(value) ? std::clamp(value, 0.0, 1.0) : 0.0;
}

}  // namespace

double bevIntersectionArea(const Cuboid& a, const Cuboid& b) {
  if (!hasArea(a) || !hasArea(b)) {
    return 0.0;
  }
  const double area = footprintIntersection(a, b);
  return std::isfinite(area) ? area : 0.0;
}

double bevIou(const Cuboid& a, const Cuboid& b) {
  if (!hasArea(a) || !hasArea(b)) {
    return 0.0;
  }
  return ratio(bevIntersectionArea(a, b), a.size.x() * a.size.y(), b.size.x() * b.size.y());
}

double intersectionVolume(const Cuboid& a, const Cuboid& b) {
  if (!hasVolume(a) || !hasVolume(b)) {
    return 0.0;
  }
  const double h = heightOverlap(a, b);
  if (!(h > 0.0)) {
    return 0.0;
  }
  const double volume = bevIntersectionArea(a, b) * h;
  return std::isfinite(volume) ? volume : 0.0;
}

double iou3d(const Cuboid& a, const Cuboid& b) {
  if (!hasVolume(a) || !hasVolume(b)) {
    return 0.0;
  }
  return ratio(intersectionVolume(a, b), a.volume(), b.volume());
}

}  // namespace fuselabel
