#include "core/prelabel/cluster_shape.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace fuselabel {
namespace {

// Bird's-eye extent of some points along two axes.
struct Extent {
  double lo[2] = {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
  double hi[2] = {-std::numeric_limits<double>::infinity(),
                  -std::numeric_limits<double>::infinity()};
  void add(double a, double b) {
    lo[0] = std::min(lo[0], a), hi[0] = std::max(hi[0], a);
    lo[1] = std::min(lo[1], b), hi[1] = std::max(hi[1], b);
  }
  [[nodiscard]] bool empty() const { return lo[0] > hi[0]; }
  [[nodiscard]] double span(int axis) const { return empty() ? 0.0 : hi[axis] - lo[axis]; }
  [[nodiscard]] double diagonal() const { return std::hypot(span(0), span(1)); }
};

}  // namespace

double highestElevation(const SweepIndex& sweep) {
  // The steepest ray: the greatest z over its horizontal distance (no
  // atan2 per point; 120 000 of them cost milliseconds).
  const Eigen::Isometry3d T_sensor_world = sweep.T_world_sensor().inverse();
  double z = -1.0, r = 0.0;
  for (std::uint32_t i = 0; i < sweep.size(); ++i) {
    const Eigen::Vector3d p = T_sensor_world * sweep.point(i);
    const double pr = p.head<2>().norm();
    if (p.z() * r > z * pr) z = p.z(), r = pr;
  }
  return std::atan2(z, r);
}

std::uint8_t structureCues(const SweepIndex& sweep, const GroundSegmentation& ground,
                           std::span<const std::uint32_t> cluster, const Cuboid& box,
                           const ClassSpec& spec, const SweepView& view,
                           const ClusterShapeOptions& options) {
  if (cluster.empty()) return kNoStructureCue;
  // The box's own axes: its fit lays a flat face along one of them.
  const Eigen::Vector2d u = (box.rotation * Eigen::Vector3d::UnitX()).head<2>().normalized();
  const Eigen::Vector2d v(-u.y(), u.x());
  const Eigen::Isometry3d T_sensor_world = sweep.T_world_sensor().inverse();
  Extent all, low, high;
  double top = -std::numeric_limits<double>::infinity();
  double topElevation = -std::numeric_limits<double>::infinity();
  for (std::uint32_t i : cluster) {
    const Eigen::Vector3d p = sweep.point(i);
    const auto h = static_cast<double>(ground.heightAboveGround(i));
    const double a = p.head<2>().dot(u), b = p.head<2>().dot(v);
    all.add(a, b);
    if (h >= options.lowBandMin && h <= options.lowBandMax) low.add(a, b);
    if (h > options.highBandMin) high.add(a, b);
    top = std::max(top, h);
    const Eigen::Vector3d s = T_sensor_world * p;
    topElevation = std::max(topElevation, std::atan2(s.z(), s.head<2>().norm()));
  }

  std::uint8_t cues = kNoStructureCue;
  // A vehicle's body is as wide in its low band as above it; a canopy's
  // points sit high over a trunk 0.3 m thick, or over nothing at all.
  const double highSpan = high.diagonal();
  if (highSpan >= options.minHighSpan && low.diagonal() < options.floatingShare * highSpan)
    cues |= kFloating;

  // A flat face. On a box, a side is seen alone only from in front of it: a
  // sensor past the face's end sees the next side too (the L of a car seen
  // from an angle). A face seen from well past its end with no second side
  // is a stretch of wall between the things that hide the rest of it.
  const int along = all.span(0) >= all.span(1) ? 0 : 1;
  const double thickness = all.span(1 - along), width = all.span(along);
  if (thickness < options.faceThickness) {
    const Eigen::Vector2d sensor = sweep.sensorOrigin().head<2>();
    const double sAlong = sensor.dot(along == 0 ? u : v);
    const double sAcross = sensor.dot(along == 0 ? v : u);
    const double outside = std::max({all.lo[along] - sAlong, sAlong - all.hi[along], 0.0});
    const double distance = std::abs(sAcross - 0.5 * (all.lo[1 - along] + all.hi[1 - along]));
    if (width > options.minFaceWidth && std::atan2(outside, distance) > options.obliqueAngle)
      cues |= kObliqueFace;
    // Seen from in front, a long tall face two lanes away or more is a
    // building front far more often than a truck; nearer, it is the side of
    // the truck or bus the ego drives beside.
    if (width > options.longFaceLength && top > options.longFaceTop &&
        distance > options.longFaceDistance)
      cues |= kLongFace;
  }

  if (spec.category == "vru" && top > options.maxPersonTop) cues |= kTallPerson;
  // A person's head or a car's roof is below the sensor, so below the
  // highest beam; a top cut off by the field of view belongs to something
  // taller (a pole, a wall).
  if (spec.size && spec.size->typical.z() < view.sensorHeight &&
      topElevation >= view.highestElevation - options.topCutMargin)
    cues |= kTopCut;
  return cues;
}

}  // namespace fuselabel
