#include "core/prelabel/geometric_proposals.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>

#include "core/prelabel/cluster_judge.hpp"
#include "core/prelabel/low_band_split.hpp"

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

void countRejection(ProposalStats& stats, ClusterRejection reason) {
  switch (reason) {
    case ClusterRejection::TooBig:
      ++stats.tooBig;
      break;
    case ClusterRejection::TooLow:
      ++stats.tooLow;
      break;
    case ClusterRejection::TooTall:
      ++stats.tooTall;
      break;
    case ClusterRejection::NoClass:
    case ClusterRejection::Oversize:
      ++stats.noClass;
      break;
    case ClusterRejection::OtherClass:
      ++stats.otherClass;
      break;
    case ClusterRejection::LowConfidence:
      ++stats.lowConfidence;
      break;
    case ClusterRejection::FailedFit:
      ++stats.failedFits;
      break;
  }
}

// The typical length of a class (m), 0 for a class without a size prior.
double typicalLength(const LabelSchema& schema, const std::string& className) {
  const ClassSpec* spec = schema.findClass(className);
  return spec != nullptr && spec->size ? spec->size->typical.x() : 0.0;
}

// Cars and vans: the vehicles 3.5-6 m long that park under trees and beside
// hedges. What a split cluster is searched for.
bool isPassengerVehicle(const LabelSchema& schema, const std::string& className) {
  const ClassSpec* spec = schema.findClass(className);
  if (spec == nullptr || !spec->size || spec->category != "vehicle") return false;
  const double length = spec->size->typical.x();
  return length >= 3.5 && length < 6.0;
}

// A cluster rejected as tall, oversize or of no class may be a car joined
// to a tree, a hedge or a sign; so may one proposed as a vehicle 6 m or
// longer but wider than road vehicles are built (2.55 m is the legal limit
// in the EU and the US). Not a long vehicle of a road vehicle's width: a
// truck's cab is a car at bumper height.
bool worthSplitting(const ClusterVerdict& verdict, const LabelSchema& schema,
                    const GeometricProposalOptions& options) {
  if (verdict.proposal)
    return typicalLength(schema, verdict.proposal->className) >= 6.0 &&
           verdict.proposal->box.size.y() > options.widestRoadVehicle;
  const ClusterRejection reason = verdict.rejected.reason;
  return reason == ClusterRejection::TooTall || reason == ClusterRejection::Oversize ||
         reason == ClusterRejection::NoClass;
}

/// The cars and vans a cluster's low band shows (splitAtLowBand), with the
/// points of their pieces (sorted).
struct CarsInCluster {
  std::vector<Proposal> cars;
  std::vector<std::uint32_t> points;
};

CarsInCluster carsAtLowBand(ClusterJudge& judge, const SweepIndex& sweep,
                            const GroundSegmentation& ground,
                            std::span<const std::uint32_t> cluster, const LabelSchema& schema,
                            const GeometricProposalOptions& options) {
  CarsInCluster found;
  for (const auto& piece :
       splitAtLowBand(sweep, ground, cluster, options.clustering, options.lowBand)) {
    // The profile first: one pass over the piece, where judging it fits a box.
    if (!looksLikeACarBody(ground, piece, options.lowBand)) continue;
    ClusterVerdict verdict = judge(piece);
    if (!verdict.proposal || !isPassengerVehicle(schema, verdict.proposal->className)) continue;
    found.cars.push_back(std::move(*verdict.proposal));
    found.points.insert(found.points.end(), piece.begin(), piece.end());
  }
  std::sort(found.points.begin(), found.points.end());
  return found;
}

// The share of the cluster's points between the band and a car's roof that
// `carPoints` (sorted) hold.
double bodyShare(std::span<const std::uint32_t> cluster, std::span<const std::uint32_t> carPoints,
                 const GroundSegmentation& ground, const LowBandSplitOptions& band) {
  std::size_t body = 0, inCars = 0;
  for (std::uint32_t i : cluster) {
    const double h = ground.heightAboveGround(i);
    if (h <= band.bandHigh || h > band.maxHeight) continue;
    ++body;
    if (std::binary_search(carPoints.begin(), carPoints.end(), i)) ++inCars;
  }
  return body > 0 ? static_cast<double>(inCars) / static_cast<double>(body) : 0.0;
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

  ClusterJudge judge(sweep, ground, schema, options);
  for (const auto& cluster : clusters) {
    ClusterVerdict verdict = judge(cluster);
    if (worthSplitting(verdict, schema, options)) {
      CarsInCluster found = carsAtLowBand(judge, sweep, ground, cluster, schema, options);
      if (!found.cars.empty() &&
          (!verdict.proposal || bodyShare(cluster, found.points, ground, options.lowBand) <=
                                    options.maxCarShareOfLongVehicle)) {
        out.stats.splitCars += found.cars.size();
        for (auto& car : found.cars)
          out.proposals.push_back(std::move(car));
        continue;
      }
    }
    if (verdict.proposal) {
      out.proposals.push_back(std::move(*verdict.proposal));
    } else {
      countRejection(out.stats, verdict.rejected.reason);
      out.rejected.push_back(verdict.rejected);
    }
  }
  return out;
}

}  // namespace fuselabel
