#include "core/fitting/cuboid_fit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <string>
#include <unordered_map>

#include "core/fitting/bev_rectangle.hpp"
#include "core/geometry/angle.hpp"

namespace fuselabel {
namespace {

// Slack on a footprint (m) for components joined as one object: the fit's
// points spread a little past the true faces (beam width, mixed pixels).
constexpr double kFootprintSlack = 0.3;

struct UnionFind {
  std::vector<std::uint32_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) {
    for (std::size_t i = 0; i < n; ++i)
      parent[i] = static_cast<std::uint32_t>(i);
  }
  std::uint32_t find(std::uint32_t i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
  void unite(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

// Connected components of `points` in bird's-eye view: two points are
// connected when closer than `tolerance`. Returns a component id per point.
std::vector<std::uint32_t> bevComponents(std::span<const Eigen::Vector3d> points,
                                         double tolerance) {
  const std::size_t n = points.size();
  UnionFind sets(n);
  const auto key = [](std::int64_t ix, std::int64_t iy) { return (ix << 32) ^ (iy & 0xffffffff); };
  std::unordered_map<std::int64_t, std::vector<std::uint32_t>> cells;
  cells.reserve(n);
  std::vector<std::pair<std::int64_t, std::int64_t>> cellOf(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto ix = static_cast<std::int64_t>(std::floor(points[i].x() / tolerance));
    const auto iy = static_cast<std::int64_t>(std::floor(points[i].y() / tolerance));
    cellOf[i] = {ix, iy};
    cells[key(ix, iy)].push_back(static_cast<std::uint32_t>(i));
  }
  const double t2 = tolerance * tolerance;
  for (std::size_t i = 0; i < n; ++i) {
    const auto [ix, iy] = cellOf[i];
    for (std::int64_t dx = -1; dx <= 1; ++dx) {
      for (std::int64_t dy = -1; dy <= 1; ++dy) {
        const auto it = cells.find(key(ix + dx, iy + dy));
        if (it == cells.end()) continue;
        for (std::uint32_t j : it->second) {
          if (j <= i) continue;
          const Eigen::Vector2d d = (points[i] - points[j]).head<2>();
          if (d.squaredNorm() <= t2) sets.unite(static_cast<std::uint32_t>(i), j);
        }
      }
    }
  }
  std::vector<std::uint32_t> label(n);
  for (std::size_t i = 0; i < n; ++i)
    label[i] = sets.find(static_cast<std::uint32_t>(i));
  return label;
}

// Centre coordinate along one box axis for a box of `size` holding the seen
// span [lo, hi]. Any centre in [hi − size/2, lo + size/2] holds it; the face
// nearest the sensor is a real face when the sensor is outside the span, else
// (both ends seen edge-on, either may be hidden) the preferred centre decides.
double anchoredCenter(double lo, double hi, double size, double sensor, double preferred) {
  if (hi - lo >= size - 1e-3) return 0.5 * (lo + hi);
  if (sensor < lo) return lo + 0.5 * size;
  if (sensor > hi) return hi - 0.5 * size;
  return std::clamp(preferred, hi - 0.5 * size, lo + 0.5 * size);
}

}  // namespace

Cuboid fitSearchRegion(const Cuboid& rough, const FitOptions& options) {
  Cuboid region = rough;
  const double grow = 2.0 * (options.margin + options.groundRing);
  region.size += Eigen::Vector3d(grow, grow, 2.0 * options.zMargin);
  return region;
}

FitCandidates fitCandidates(const SweepIndex& sweep, const Cuboid& rough,
                            const FitOptions& options) {
  FitCandidates out;
  out.ids = sweep.pointsInBox(fitSearchRegion(rough, options));
  out.points.reserve(out.ids.size());
  for (std::uint32_t i : out.ids)
    out.points.push_back(sweep.point(i));
  return out;
}

Result<CuboidFit> fitCuboid(const SweepIndex& sweep, const Cuboid& rough,
                            const FitOptions& options) {
  if (!rough.isValid()) return Error{"fit: the rough box is not valid"};
  return fitCuboidToCandidates(fitCandidates(sweep, rough, options).points, rough, options,
                               sweep.sensorOrigin());
}

Result<CuboidFit> fitCuboidToCandidates(std::span<const Eigen::Vector3d> candidates,
                                        const Cuboid& rough, const FitOptions& options,
                                        const Eigen::Vector3d& sensorOrigin) {
  if (!rough.isValid()) return Error{"fit: the rough box is not valid"};
  const Eigen::Matrix3d R_box_world = rough.rotation.normalized().toRotationMatrix().transpose();
  const Eigen::Vector3d innerHalf =
      rough.halfSize() + Eigen::Vector3d(options.margin, options.margin, options.zMargin);
  const Eigen::Vector3d regionHalf = fitSearchRegion(rough, options).halfSize();
  std::vector<Eigen::Vector3d> ring;
  std::vector<Eigen::Vector3d> inner;
  std::vector<Eigen::Vector3d> all;
  for (const Eigen::Vector3d& p : candidates) {
    const Eigen::Vector3d local = R_box_world * (p - rough.center);
    if (std::abs(local.x()) > regionHalf.x() || std::abs(local.y()) > regionHalf.y() ||
        std::abs(local.z()) > regionHalf.z())
      continue;
    all.push_back(p);
    if (std::abs(local.x()) <= innerHalf.x() && std::abs(local.y()) <= innerHalf.y())
      inner.push_back(p);
    else
      ring.push_back(p);
  }
  const GroundPlane ground = groundAround(all, ring);

  std::vector<Eigen::Vector3d> object;
  for (const Eigen::Vector3d& p : inner) {
    if (ground.heightAbove(p) > options.groundClearance) object.push_back(p);
  }
  if (object.size() < options.minPoints) {
    return Error{"fit: " + std::to_string(object.size()) +
                 " object points above the ground near the box, need at least " +
                 std::to_string(options.minPoints)};
  }

  // Clutter: a neighbour reaching into the margin is a separate component;
  // keep the component with most points inside the rough box, and any other
  // that lies mostly inside it (an object split by a gap in the scan).
  const Eigen::Vector3d o = options.sensorOrigin.value_or(sensorOrigin);
  const double range = (rough.center - o).head<2>().norm();
  const double tolerance =
      std::max(options.clusterTolerance, options.clusterTolerancePerMetre * range);
  const std::vector<std::uint32_t> label = bevComponents(object, tolerance);
  std::unordered_map<std::uint32_t, std::pair<std::size_t, std::size_t>> counts;  // inside, total
  const Eigen::Vector3d roughHalf = rough.halfSize();
  for (std::size_t i = 0; i < object.size(); ++i) {
    const Eigen::Vector3d local = R_box_world * (object[i] - rough.center);
    auto& [in, total] = counts[label[i]];
    ++total;
    if (std::abs(local.x()) <= roughHalf.x() && std::abs(local.y()) <= roughHalf.y()) ++in;
  }
  std::uint32_t main = label[0];
  for (const auto& [id, c] : counts) {
    const auto& best = counts[main];
    if (c.first > best.first || (c.first == best.first && c.second > best.second) ||
        (c.first == best.first && c.second == best.second && id < main))
      main = id;
  }
  // A vehicle seen end-on at range is scanned in rows metres apart (bumper,
  // bonnet, roof), each its own component; when the rough box lags the object
  // (a prediction a few tenths of a second stale) the bumper row lies outside
  // it and alone would be dropped, and the box anchored on the roof lands
  // metres behind the car. A component that fits with the kept ones inside
  // the object's footprint (the rough box's length and width, plus slack) is
  // part of it; a neighbour never fits in one footprint with the object.
  struct Extent {
    Eigen::Vector2d lo = Eigen::Vector2d::Constant(std::numeric_limits<double>::infinity());
    Eigen::Vector2d hi = -Eigen::Vector2d::Constant(std::numeric_limits<double>::infinity());
    void add(const Eigen::Vector2d& p) {
      lo = lo.cwiseMin(p);
      hi = hi.cwiseMax(p);
    }
    void add(const Extent& e) {
      lo = lo.cwiseMin(e.lo);
      hi = hi.cwiseMax(e.hi);
    }
  };
  std::unordered_map<std::uint32_t, Extent> extents;
  for (std::size_t i = 0; i < object.size(); ++i)
    extents[label[i]].add((R_box_world * (object[i] - rough.center)).head<2>());
  std::unordered_map<std::uint32_t, bool> keep;
  Extent keptExtent;
  for (const auto& [id, c] : counts) {
    keep[id] = id == main || 2 * c.first >= c.second;
    if (keep[id]) keptExtent.add(extents[id]);
  }
  const Eigen::Vector2d footprint =
      rough.size.head<2>() + Eigen::Vector2d::Constant(kFootprintSlack);
  std::vector<std::uint32_t> others;
  for (const auto& [id, c] : counts)
    if (!keep[id]) others.push_back(id);
  // Nearest the kept part first, so a chain of rows joins row by row.
  std::sort(others.begin(), others.end(), [&](std::uint32_t a, std::uint32_t b) {
    const auto gap = [&](std::uint32_t id) {
      const Extent& e = extents[id];
      return (e.lo - keptExtent.hi).cwiseMax(keptExtent.lo - e.hi).cwiseMax(0.0).norm();
    };
    const double ga = gap(a), gb = gap(b);
    return ga < gb || (ga == gb && a < b);
  });
  for (std::uint32_t id : others) {
    Extent joined = keptExtent;
    joined.add(extents[id]);
    if (((joined.hi - joined.lo).array() <= footprint.array()).all()) {
      keep[id] = true;
      keptExtent = joined;
    }
  }
  std::vector<Eigen::Vector3d> kept;
  kept.reserve(object.size());
  for (std::size_t i = 0; i < object.size(); ++i) {
    if (keep[label[i]]) kept.push_back(object[i]);
  }
  return fitObjectPoints(kept, ground, rough.yaw(), options, o,
                         Eigen::Vector2d(rough.center.x(), rough.center.y()));
}

Result<CuboidFit> fitObjectPoints(std::span<const Eigen::Vector3d> objectPoints,
                                  const GroundPlane& ground, double yawHint,
                                  const FitOptions& options, const Eigen::Vector3d& sensorOrigin,
                                  const std::optional<Eigen::Vector2d>& preferredCenter) {
  if (objectPoints.size() < options.minPoints || objectPoints.empty()) {
    return Error{"fit: " + std::to_string(objectPoints.size()) + " object points, need at least " +
                 std::to_string(options.minPoints)};
  }
  std::vector<Eigen::Vector2d> bev;
  bev.reserve(objectPoints.size());
  double top = -std::numeric_limits<double>::infinity();
  for (const Eigen::Vector3d& p : objectPoints) {
    bev.emplace_back(p.x(), p.y());
    top = std::max(top, p.z());
  }
  const BevRectangle shape = fitLShape(bev, yawHint, options.yawSearch);
  // A rectangle is the same every 90°: take the heading nearest the hint.
  double heading = shape.yaw;
  for (int k = 1; k < 4; ++k) {
    const double candidate = shape.yaw + k * 0.5 * std::numbers::pi;
    if (std::abs(angleDifference(candidate, yawHint)) < std::abs(angleDifference(heading, yawHint)))
      heading = candidate;
  }
  heading = normalizeAngle(heading);
  const BevRectangle r = boundingRectangle(bev, heading);

  const Eigen::Vector2d seenCenter = r.center();
  const double seenGround = ground.heightAt(seenCenter.x(), seenCenter.y());
  const Eigen::Vector3d observed(r.length(), r.width(), std::max(top - seenGround, 0.0));
  const double c = std::cos(heading), s = std::sin(heading);
  const double o1 = c * sensorOrigin.x() + s * sensorOrigin.y();
  const double o2 = -s * sensorOrigin.x() + c * sensorOrigin.y();

  Eigen::Vector3d size = observed;
  if (options.knownSize) {
    size = *options.knownSize;
  } else if (options.sizePrior) {
    // Points only ever under-measure an extent (an end hidden by another car,
    // by the object itself, or too dark to return), so a seen length or width
    // short of the class's typical size is taken as the typical size.
    const SizePrior& prior = *options.sizePrior;
    size.x() = std::max(size.x(), prior.typical.x());
    size.y() = std::max(size.y(), prior.typical.y());
    for (int i = 0; i < 3; ++i)
      size[i] = std::clamp(size[i], prior.min[i], prior.max[i]);
  }
  size = size.cwiseMax(Eigen::Vector3d::Constant(0.05));

  const Eigen::Vector2d preferred = preferredCenter.value_or(r.center());
  const double p1 = c * preferred.x() + s * preferred.y();
  const double p2 = -s * preferred.x() + c * preferred.y();
  const double c1 = anchoredCenter(r.min1, r.max1, size.x(), o1, p1);
  const double c2 = anchoredCenter(r.min2, r.max2, size.y(), o2, p2);
  const Eigen::Vector2d centerXY(c * c1 - s * c2, s * c1 + c * c2);
  const double groundHeight = ground.heightAt(centerXY.x(), centerXY.y());
  CuboidFit fit;
  fit.box = Cuboid::fromYaw(
      Eigen::Vector3d(centerXY.x(), centerXY.y(), groundHeight + 0.5 * size.z()), size, heading);
  fit.points = objectPoints.size();
  fit.groundHeight = groundHeight;

  std::size_t inside = 0;
  const Eigen::Matrix3d R_box_world = fit.box.rotation.toRotationMatrix().transpose();
  const Eigen::Vector3d half =
      fit.box.halfSize() + Eigen::Vector3d(0.1, 0.1, 0.1 + options.groundClearance);
  for (const Eigen::Vector3d& p : objectPoints) {
    const Eigen::Vector3d local = R_box_world * (p - fit.box.center);
    if (std::abs(local.x()) <= half.x() && std::abs(local.y()) <= half.y() &&
        std::abs(local.z()) <= half.z())
      ++inside;
  }
  const double n = static_cast<double>(objectPoints.size());
  const double insideShare = static_cast<double>(inside) / n;
  fit.quality =
      std::clamp(n / (n + 20.0) * std::sqrt(edgeSupport(bev, r, 0.15)) * insideShare, 0.0, 1.0);
  return fit;
}

}  // namespace fuselabel
