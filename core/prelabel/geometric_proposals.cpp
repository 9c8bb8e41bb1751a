#include "core/prelabel/geometric_proposals.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>

#include <Eigen/Eigenvalues>

#include "core/prelabel/size_classifier.hpp"

namespace fuselabel {

bool isProposedClass(const ClassSpec& spec, const std::vector<std::string>& classes) {
  if (spec.geometry != GeometryKind::Cuboid || !spec.size) return false;
  if (classes.empty()) return spec.category == "vehicle" || spec.category == "vru";
  return std::find(classes.begin(), classes.end(), spec.name) != classes.end() ||
         std::find(classes.begin(), classes.end(), spec.category) != classes.end();
}

namespace {

// The side of a vehicle in the next lane passes about 2 m from the sensor,
// inside the disc whose points are taken for the ego's own body: its points
// there are dropped and it falls apart into a front and a rear half, each
// too thin and short for a vehicle. Two clusters are one again when their
// points nearest the sensor both lie at the disc's edge, the gap between
// them is a chord of the disc that passes no nearer the sensor than 80 % of
// its radius (the ego is there: objects on opposite sides of it stay
// apart), and their heights overlap.
void joinAcrossTheEgoDisc(const SweepIndex& sweep,
                          std::vector<std::vector<std::uint32_t>>& clusters, double minRange) {
  if (!(minRange > 0.0)) return;
  const Eigen::Vector2d sensor = sweep.sensorOrigin().head<2>();
  struct Edge {
    std::size_t cluster;
    Eigen::Vector2d nearest;
    float zMin, zMax;
  };
  std::vector<Edge> edges;
  for (std::size_t c = 0; c < clusters.size(); ++c) {
    double best = std::numeric_limits<double>::infinity();
    Eigen::Vector2d nearest = Eigen::Vector2d::Zero();
    for (std::uint32_t i : clusters[c]) {
      const double d = (sweep.point(i).head<2>() - sensor).squaredNorm();
      if (d < best) best = d, nearest = sweep.point(i).head<2>();
    }
    if (std::sqrt(best) > minRange + 0.3) continue;
    float zMin = std::numeric_limits<float>::infinity(), zMax = -zMin;
    for (std::uint32_t i : clusters[c])
      zMin = std::min(zMin, sweep.z()[i]), zMax = std::max(zMax, sweep.z()[i]);
    edges.push_back({c, nearest, zMin, zMax});
  }
  std::vector<std::size_t> joinedInto(clusters.size());
  for (std::size_t c = 0; c < clusters.size(); ++c)
    joinedInto[c] = c;
  for (std::size_t a = 0; a < edges.size(); ++a)
    for (std::size_t b = a + 1; b < edges.size(); ++b) {
      const Edge &ea = edges[a], &eb = edges[b];
      if (ea.zMin > eb.zMax || eb.zMin > ea.zMax) continue;
      const Eigen::Vector2d chord = eb.nearest - ea.nearest;
      const double length = chord.norm();
      if (length < 1e-6 || length > 2.0 * minRange) continue;
      const double t = std::clamp((sensor - ea.nearest).dot(chord) / (length * length), 0.0, 1.0);
      if ((ea.nearest + t * chord - sensor).norm() < 0.8 * minRange) continue;
      std::size_t ra = ea.cluster, rb = eb.cluster;
      while (joinedInto[ra] != ra)
        ra = joinedInto[ra];
      while (joinedInto[rb] != rb)
        rb = joinedInto[rb];
      if (ra != rb) joinedInto[std::max(ra, rb)] = std::min(ra, rb);
    }
  bool any = false;
  for (std::size_t c = 0; c < clusters.size(); ++c) {
    std::size_t r = c;
    while (joinedInto[r] != r)
      r = joinedInto[r];
    if (r == c) continue;
    clusters[r].insert(clusters[r].end(), clusters[c].begin(), clusters[c].end());
    clusters[c].clear();
    any = true;
  }
  if (any) std::erase_if(clusters, [](const auto& c) { return c.empty(); });
}

}  // namespace

SweepProposals proposeFromSweep(const SweepIndex& sweep, const LabelSchema& schema,
                                const GeometricProposalOptions& options) {
  SweepProposals out;
  out.stats.points = sweep.size();
  const GroundSegmentation ground = segmentGround(sweep, options.ground);
  out.stats.groundPoints = ground.groundCount();
  out.stats.groundResidual = ground.meanGroundResidual();

  std::vector<std::uint8_t> objectPoint(sweep.size(), 0);
  const Eigen::Vector2d sensorXY = sweep.sensorOrigin().head<2>();
  const double minRange2 = options.minRange * options.minRange;
  for (std::uint32_t i = 0; i < sweep.size(); ++i) {
    const auto h = static_cast<double>(ground.heightAboveGround(i));
    const Eigen::Vector2d d = sweep.point(i).head<2>() - sensorXY;
    objectPoint[i] =
        !ground.isGround(i) && h <= options.maxHeight && d.squaredNorm() >= minRange2 ? 1 : 0;
  }
  auto clusters = clusterPoints(sweep, objectPoint, options.clustering);
  joinAcrossTheEgoDisc(sweep, clusters, options.minRange);
  out.stats.clusters = clusters.size();

  const Eigen::Vector3d origin = options.fit.sensorOrigin.value_or(sweep.sensorOrigin());
  // Measured once, when the first proposal needs it: one pass over the sweep.
  std::optional<SweepView> view;
  std::vector<Eigen::Vector3d> points;
  for (const auto& cluster : clusters) {
    points.clear();
    Eigen::Vector2d lo = Eigen::Vector2d::Constant(std::numeric_limits<double>::infinity()),
                    hi = -lo;
    double top = -std::numeric_limits<double>::infinity();
    for (std::uint32_t i : cluster) {
      points.push_back(sweep.point(i));
      lo = lo.cwiseMin(points.back().head<2>());
      hi = hi.cwiseMax(points.back().head<2>());
      top = std::max(top, static_cast<double>(ground.heightAboveGround(i)));
    }
    const auto reject = [&](ClusterRejection reason) {
      out.rejected.push_back({lo, hi, cluster.size(), reason});
      switch (reason) {
        case ClusterRejection::TooBig:
          ++out.stats.tooBig;
          break;
        case ClusterRejection::TooLow:
          ++out.stats.tooLow;
          break;
        case ClusterRejection::TooTall:
          ++out.stats.tooTall;
          break;
        case ClusterRejection::NoClass:
        case ClusterRejection::Oversize:
          ++out.stats.noClass;
          break;
        case ClusterRejection::OtherClass:
          ++out.stats.otherClass;
          break;
        case ClusterRejection::LowConfidence:
          ++out.stats.lowConfidence;
          break;
        case ClusterRejection::FailedFit:
          ++out.stats.failedFits;
          break;
      }
    };
    if ((hi - lo).norm() > options.maxExtent) {
      reject(ClusterRejection::TooBig);
      continue;
    }
    if (top < options.minTop) {
      reject(ClusterRejection::TooLow);
      continue;
    }
    // A cluster reaching up to the height cut with more points right above
    // it is the lower part of something tall: a building, a tree, a pole.
    if (top > options.maxHeight - 1.0) {
      const Eigen::Vector2d mid = 0.5 * (lo + hi);
      const double base = ground.planeAt(mid.x(), mid.y()).heightAt(mid.x(), mid.y());
      const Cuboid above =
          Cuboid::fromYaw(Eigen::Vector3d(mid.x(), mid.y(), base + options.maxHeight + 10.0),
                          Eigen::Vector3d(hi.x() - lo.x(), hi.y() - lo.y(), 20.0), 0.0);
      const std::size_t overhead = sweep.pointsInBox(above).size();
      if (overhead >= std::max<std::size_t>(5, cluster.size() / 20)) {
        reject(ClusterRejection::TooTall);
        continue;
      }
    }
    Eigen::Vector2d centroid = Eigen::Vector2d::Zero();
    for (const auto& p : points)
      centroid += p.head<2>();
    centroid /= static_cast<double>(points.size());
    const GroundPlane plane = ground.planeAt(centroid.x(), centroid.y());

    // First pass without a prior measures the object; which seen side is the
    // length (an I seen end-on is the width) is settled by the class whose
    // size prior explains it better, and that class's prior sizes the second
    // pass. The same two steps as one-click labeling.
    FitOptions first = options.fit;
    first.sizePrior.reset();
    first.knownSize.reset();
    auto measured = fitObjectPoints(points, plane, principalYaw(points), first, origin);
    if (!measured) {
      reject(ClusterRejection::FailedFit);
      continue;
    }
    const Eigen::Vector3d asFitted = measured->box.size;
    const Eigen::Vector3d turned(asFitted.y(), asFitted.x(), asFitted.z());
    const Eigen::Vector3d sensorLocal =
        measured->box.rotation.toRotationMatrix().transpose() * (origin - measured->box.center);
    const bool xSeen = std::abs(sensorLocal.y()) > 0.5 * asFitted.y() + 0.3;
    const bool ySeen = std::abs(sensorLocal.x()) > 0.5 * asFitted.x() + 0.3;
    const ClassGuess guessFitted = classifySize(asFitted, schema, {xSeen, ySeen, true});
    const ClassGuess guessTurned = classifySize(turned, schema, {ySeen, xSeen, true});
    const bool turn = guessTurned.likelihood * classFrequency(guessTurned.className) >
                      guessFitted.likelihood * classFrequency(guessFitted.className);
    const ClassGuess& guess = turn ? guessTurned : guessFitted;
    const ClassSpec* spec = schema.findClass(guess.className);
    if (spec == nullptr || !spec->size) {
      reject(ClusterRejection::NoClass);
      continue;
    }
    // Points under-measure, never over-measure: any extent, seen or not, far
    // past the class's largest size says no road user is there.
    const Eigen::Vector3d size = turn ? turned : asFitted;
    bool oversize = false;
    for (int axis = 0; axis < 3; ++axis)
      oversize = oversize || size[axis] > options.maxOversize * spec->size->max[axis];
    if (oversize) {
      reject(ClusterRejection::Oversize);
      continue;
    }
    if (!isProposedClass(*spec, options.classes)) {
      reject(ClusterRejection::OtherClass);
      continue;
    }
    FitOptions second = options.fit;
    second.knownSize.reset();
    second.sizePrior = spec->size;
    const double heading = measured->box.yaw() + (turn ? 0.5 * std::numbers::pi : 0.0);
    auto fitted = fitObjectPoints(points, plane, heading, second, origin);
    if (!fitted) {
      reject(ClusterRejection::FailedFit);
      continue;
    }
    // A confident class guess on a box the points hug is a good proposal; a
    // blob of any size (a bush) has a poor fit quality and sinks.
    const double confidence = std::clamp(
        std::sqrt(std::max(guess.confidence, 0.0) * std::max(fitted->quality, 0.0)), 0.0, 1.0);
    if (confidence < options.minConfidence) {
      reject(ClusterRejection::LowConfidence);
      continue;
    }
    if (!view) {
      const Eigen::Vector3d sensor = sweep.sensorOrigin();
      view = SweepView{
          highestElevation(sweep),
          sensor.z() - ground.planeAt(sensor.x(), sensor.y()).heightAt(sensor.x(), sensor.y())};
    }
    const std::uint8_t cues =
        structureCues(sweep, ground, cluster, fitted->box, *spec, *view, options.shape);
    out.proposals.push_back(Proposal{fitted->box, spec->name, confidence, cluster.size(), cues});
  }
  return out;
}

}  // namespace fuselabel
