#include "core/prelabel/cluster_judge.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "core/prelabel/size_classifier.hpp"

namespace fuselabel {

ClusterJudge::ClusterJudge(const SweepIndex& sweep, const GroundSegmentation& ground,
                           const LabelSchema& schema, const GeometricProposalOptions& options)
    : m_sweep(sweep),
      m_ground(ground),
      m_schema(schema),
      m_options(options),
      m_origin(options.fit.sensorOrigin.value_or(sweep.sensorOrigin())) {}

const SweepView& ClusterJudge::view() {
  if (!m_view) {
    const Eigen::Vector3d sensor = m_sweep.sensorOrigin();
    m_view = SweepView{
        highestElevation(m_sweep),
        sensor.z() - m_ground.planeAt(sensor.x(), sensor.y()).heightAt(sensor.x(), sensor.y())};
  }
  return *m_view;
}

ClusterVerdict ClusterJudge::operator()(std::span<const std::uint32_t> cluster) {
  m_points.clear();
  Eigen::Vector2d lo = Eigen::Vector2d::Constant(std::numeric_limits<double>::infinity()), hi = -lo;
  double top = -std::numeric_limits<double>::infinity();
  for (std::uint32_t i : cluster) {
    m_points.push_back(m_sweep.point(i));
    lo = lo.cwiseMin(m_points.back().head<2>());
    hi = hi.cwiseMax(m_points.back().head<2>());
    top = std::max(top, static_cast<double>(m_ground.heightAboveGround(i)));
  }
  const auto rejected = [&](ClusterRejection reason) {
    return ClusterVerdict{std::nullopt, {lo, hi, cluster.size(), reason}};
  };
  if ((hi - lo).norm() > m_options.maxExtent) return rejected(ClusterRejection::TooBig);
  if (top < m_options.minTop) return rejected(ClusterRejection::TooLow);
  // A cluster reaching up to the height cut with more points right above
  // it is the lower part of something tall: a building, a tree, a pole.
  if (top > m_options.maxHeight - 1.0) {
    const Eigen::Vector2d mid = 0.5 * (lo + hi);
    const double base = m_ground.planeAt(mid.x(), mid.y()).heightAt(mid.x(), mid.y());
    const Cuboid above =
        Cuboid::fromYaw(Eigen::Vector3d(mid.x(), mid.y(), base + m_options.maxHeight + 10.0),
                        Eigen::Vector3d(hi.x() - lo.x(), hi.y() - lo.y(), 20.0), 0.0);
    const std::size_t overhead = m_sweep.pointsInBox(above).size();
    if (overhead >= std::max<std::size_t>(5, cluster.size() / 20))
      return rejected(ClusterRejection::TooTall);
  }
  Eigen::Vector2d centroid = Eigen::Vector2d::Zero();
  for (const auto& p : m_points)
    centroid += p.head<2>();
  centroid /= static_cast<double>(m_points.size());
  const GroundPlane plane = m_ground.planeAt(centroid.x(), centroid.y());

  // First pass without a prior measures the object; which seen side is the
  // length (an I seen end-on is the width) is settled by the class whose
  // size prior explains it better, and that class's prior sizes the second
  // pass. The same two steps as one-click labeling.
  auto measured = measureWithoutPrior(m_points, plane, m_options.fit, m_origin);
  if (!measured) return rejected(ClusterRejection::FailedFit);
  const ClassGuess guessFitted = classifySize(measured->asFitted, m_schema, measured->seenAsFitted);
  const ClassGuess guessTurned = classifySize(measured->turned, m_schema, measured->seenTurned);
  const bool turn = guessTurned.likelihood * classFrequency(guessTurned.className) >
                    guessFitted.likelihood * classFrequency(guessFitted.className);
  const ClassGuess& guess = turn ? guessTurned : guessFitted;
  const ClassSpec* spec = m_schema.findClass(guess.className);
  if (spec == nullptr || !spec->size) return rejected(ClusterRejection::NoClass);
  // Points under-measure, never over-measure: any extent, seen or not, far
  // past the class's largest size says no road user is there.
  const Eigen::Vector3d size = turn ? measured->turned : measured->asFitted;
  bool oversize = false;
  for (int axis = 0; axis < 3; ++axis)
    oversize = oversize || size[axis] > m_options.maxOversize * spec->size->max[axis];
  if (oversize) return rejected(ClusterRejection::Oversize);
  if (!isProposedClass(*spec, m_options.classes)) return rejected(ClusterRejection::OtherClass);
  FitOptions second = m_options.fit;
  second.knownSize.reset();
  second.sizePrior = spec->size;
  const double heading = measured->heading(turn);
  auto fitted = fitObjectPoints(m_points, plane, heading, second, m_origin);
  if (!fitted) return rejected(ClusterRejection::FailedFit);
  // A confident class guess on a box the points hug is a good proposal; a
  // blob of any size (a bush) has a poor fit quality and sinks.
  const double confidence = std::clamp(
      std::sqrt(std::max(guess.confidence, 0.0) * std::max(fitted->quality, 0.0)), 0.0, 1.0);
  if (confidence < m_options.minConfidence) return rejected(ClusterRejection::LowConfidence);
  const std::uint8_t cues =
      structureCues(m_sweep, m_ground, cluster, fitted->box, *spec, view(), m_options.shape);
  return {Proposal{fitted->box, spec->name, confidence, cluster.size(), cues}, {}};
}

}  // namespace fuselabel
