#include "core/fitting/one_click.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>

#include <Eigen/Eigenvalues>

#include "core/fitting/ground_plane.hpp"

namespace fuselabel {

double principalYaw(std::span<const Eigen::Vector3d> points) {
  Eigen::Vector2d mean = Eigen::Vector2d::Zero();
  for (const auto& p : points)
    mean += p.head<2>();
  mean /= static_cast<double>(points.size());
  Eigen::Matrix2d cov = Eigen::Matrix2d::Zero();
  for (const auto& p : points) {
    const Eigen::Vector2d d = p.head<2>() - mean;
    cov += d * d.transpose();
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eig(cov);
  const Eigen::Vector2d major = eig.eigenvectors().col(1);
  return std::atan2(major.y(), major.x());
}

double sizeLikelihood(const Eigen::Vector3d& size, const SizePrior& prior,
                      const std::array<bool, 3>& seen) {
  double cost = 0.0;
  double norm = 1.0;
  for (int i = 0; i < 3; ++i) {
    if (!seen[static_cast<std::size_t>(i)]) {
      // Unmeasured: integrated out, except that it cannot exceed the maximum.
      if (size[i] > prior.max[i] * 1.1) cost += 9.0;
      continue;
    }
    const double sigma = std::max(0.25 * (prior.max[i] - prior.min[i]), 0.05);
    double z = (size[i] - prior.typical[i]) / sigma;
    // A hidden end shortens what is seen; a box bigger than seen is likelier.
    if (i < 2 && z < 0.0) z *= 0.5;
    if (size[i] > prior.max[i] * 1.1) z += 3.0;
    cost += z * z;
    norm *= sigma;
  }
  return std::exp(-0.5 * cost) / norm;
}

ClassGuess guessClassFromSize(const Eigen::Vector3d& size, const LabelSchema& schema,
                              const std::array<bool, 3>& seen) {
  ClassGuess guess;
  double total = 0.0;
  for (const ClassSpec& spec : schema.classes) {
    if (spec.geometry != GeometryKind::Cuboid || !spec.size || spec.category == "ignore") continue;
    const double likelihood = sizeLikelihood(size, *spec.size, seen);
    total += likelihood;
    if (likelihood > guess.likelihood) {
      guess.likelihood = likelihood;
      guess.className = spec.name;
    }
  }
  guess.confidence = total > 0.0 ? guess.likelihood / total : 0.0;
  return guess;
}

double PriorFreeMeasure::heading(bool turn) const {
  return fit.box.yaw() + (turn ? 0.5 * std::numbers::pi : 0.0);
}

Result<PriorFreeMeasure> measureWithoutPrior(std::span<const Eigen::Vector3d> points,
                                             const GroundPlane& ground, const FitOptions& options,
                                             const Eigen::Vector3d& sensorOrigin) {
  FitOptions first = options;
  first.sizePrior.reset();
  first.knownSize.reset();
  auto fit = fitObjectPoints(points, ground, principalYaw(points), first, sensorOrigin);
  if (!fit) return fit.error();
  PriorFreeMeasure out;
  out.fit = std::move(*fit);
  out.asFitted = out.fit.box.size;
  out.turned = Eigen::Vector3d(out.asFitted.y(), out.asFitted.x(), out.asFitted.z());
  // An extent is measured only when the faces along it are seen, i.e. the
  // sensor is off to the side of the object's span across it.
  const Eigen::Vector3d sensorLocal =
      out.fit.box.rotation.toRotationMatrix().transpose() * (sensorOrigin - out.fit.box.center);
  const bool xSeen = std::abs(sensorLocal.y()) > 0.5 * out.asFitted.y() + 0.3;
  const bool ySeen = std::abs(sensorLocal.x()) > 0.5 * out.asFitted.x() + 0.3;
  out.seenAsFitted = {xSeen, ySeen, true};
  out.seenTurned = {ySeen, xSeen, true};
  return out;
}

Result<OneClickResult> oneClickCuboid(const SweepIndex& sweep, const Eigen::Vector3d& clickedWorld,
                                      const LabelSchema& schema, const FitOptions& options) {
  if (!clickedWorld.allFinite()) return Error{"one-click: the clicked point is not finite"};
  // Local ground from a square around the click; the plane is extrapolated
  // under the whole object, which is good enough on road-scale slopes.
  const Cuboid square = Cuboid::fromYaw(
      clickedWorld, Eigen::Vector3d(2.0 * options.groundRadius, 2.0 * options.groundRadius, 6.0),
      0.0);
  std::vector<Eigen::Vector3d> local;
  for (std::uint32_t i : sweep.pointsInBox(square))
    local.push_back(sweep.point(i));
  if (local.empty()) return Error{"one-click: no points near the clicked point"};
  GroundPlane ground = lowPercentilePlane(local);
  if (auto plane = fitGroundPlane(local)) ground = *plane;

  const auto aboveGround = [&](std::uint32_t i) {
    return ground.heightAbove(sweep.point(i)) > options.groundClearance;
  };
  std::uint32_t seed = 0;
  double seedDistance = std::numeric_limits<double>::infinity();
  for (std::uint32_t i : sweep.pointsInRadius(clickedWorld, options.seedRadius)) {
    const double d = (sweep.point(i) - clickedWorld).squaredNorm();
    if (aboveGround(i) && d < seedDistance) {
      seedDistance = d;
      seed = i;
    }
  }
  if (!std::isfinite(seedDistance)) {
    char radius[32];
    std::snprintf(radius, sizeof radius, "%.1f", options.seedRadius);
    return Error{std::string("one-click: no point above the ground within ") + radius +
                 " m of the click"};
  }

  // Region growing: breadth first over the index, with a tolerance that
  // widens with range as the beams spread apart.
  const Eigen::Vector3d o = options.sensorOrigin.value_or(sweep.sensorOrigin());
  std::vector<std::uint8_t> visited(sweep.size(), 0);
  std::vector<std::uint32_t> cluster{seed};
  visited[seed] = 1;
  std::vector<std::uint32_t> near;
  Eigen::Vector2d lo = sweep.point(seed).head<2>(), hi = lo;
  if (options.seedFromAllNear) {
    for (std::uint32_t i : sweep.pointsInRadius(clickedWorld, options.seedRadius)) {
      if (visited[i] == 0 && aboveGround(i)) {
        visited[i] = 1;
        cluster.push_back(i);
        lo = lo.cwiseMin(sweep.point(i).head<2>());
        hi = hi.cwiseMax(sweep.point(i).head<2>());
      }
    }
  }
  for (std::size_t head = 0; head < cluster.size(); ++head) {
    const Eigen::Vector3d p = sweep.point(cluster[head]);
    const double tolerance = std::max(options.clusterTolerance,
                                      options.clusterTolerancePerMetre * (p - o).head<2>().norm());
    // Neighbours in a square prism: within the tolerance across, and within
    // the vertical reach up and down, because a roof seen at a grazing angle
    // is scanned in rows far apart vertically from the face below it.
    near = sweep.pointsInBox(Cuboid::fromYaw(
        p, Eigen::Vector3d(2.0 * tolerance, 2.0 * tolerance, 2.0 * options.clusterVerticalReach),
        0.0));
    for (std::uint32_t j : near) {
      if (visited[j] != 0) continue;
      visited[j] = 1;
      if (!aboveGround(j)) continue;
      cluster.push_back(j);
      const Eigen::Vector2d q = sweep.point(j).head<2>();
      lo = lo.cwiseMin(q);
      hi = hi.cwiseMax(q);
    }
    const double extent = (hi - lo).maxCoeff();
    if (extent > options.maxClusterExtent || cluster.size() > options.maxClusterPoints) {
      return Error{"one-click: the clicked cluster grew past " +
                   std::to_string(static_cast<int>(options.maxClusterExtent)) + " m or " +
                   std::to_string(options.maxClusterPoints) +
                   " points; it looks like a wall or building, not an object"};
    }
  }
  if (cluster.size() < options.minPoints) {
    return Error{"one-click: the clicked cluster has " + std::to_string(cluster.size()) +
                 " points, need at least " + std::to_string(options.minPoints)};
  }

  std::vector<Eigen::Vector3d> points;
  points.reserve(cluster.size());
  for (std::uint32_t i : cluster)
    points.push_back(sweep.point(i));
  // First pass without a prior measures the object; the class whose prior
  // explains the size better says which seen side is the length, and its
  // prior sizes the second pass.
  auto measured = measureWithoutPrior(points, ground, options, o);
  if (!measured) return measured.error();
  const ClassGuess guessFitted =
      guessClassFromSize(measured->asFitted, schema, measured->seenAsFitted);
  const ClassGuess guessTurned = guessClassFromSize(measured->turned, schema, measured->seenTurned);
  const bool turn = guessTurned.likelihood > guessFitted.likelihood;
  const double heading = measured->heading(turn);
  OneClickResult result;
  result.guess = turn ? guessTurned : guessFitted;
  FitOptions second = options;
  second.sizePrior.reset();
  if (const ClassSpec* spec = schema.findClass(result.guess.className))
    second.sizePrior = spec->size;
  auto fitted = fitObjectPoints(points, ground, heading, second, o);
  if (!fitted) return fitted.error();
  result.fit = *fitted;
  result.cluster = std::move(cluster);
  return result;
}

}  // namespace fuselabel
