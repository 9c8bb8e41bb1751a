#include "core/fitting/track_size.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/fitting/ground_plane.hpp"

namespace fuselabel {
namespace {

double quantile(std::vector<double>& values, double q) {
  const auto k = static_cast<std::size_t>(
      std::clamp(q, 0.0, 1.0) * static_cast<double>(values.size() - 1) + 0.5);
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return values[k];
}

}  // namespace

Result<TrackSizeFit> refineTrackSize(std::span<const TrackObservation> observations,
                                     const TrackSizeOptions& options) {
  std::vector<double> xs, ys, heights;
  TrackSizeFit result;
  for (const TrackObservation& obs : observations) {
    if (obs.sweep == nullptr || !obs.box.isValid()) continue;
    FitOptions fit = options.fit;
    fit.margin = options.boxMargin;
    const Cuboid region = fitSearchRegion(obs.box, fit);
    const Eigen::Matrix3d R_box_world =
        obs.box.rotation.normalized().toRotationMatrix().transpose();
    const Eigen::Vector3d half = obs.box.halfSize();
    std::vector<Eigen::Vector3d> ring;
    std::vector<Eigen::Vector3d> inner;
    std::vector<Eigen::Vector3d> all;
    for (std::uint32_t i : obs.sweep->pointsInBox(region)) {
      const Eigen::Vector3d p = obs.sweep->point(i);
      const Eigen::Vector3d local = R_box_world * (p - obs.box.center);
      all.push_back(p);
      if (std::abs(local.x()) <= half.x() + fit.margin &&
          std::abs(local.y()) <= half.y() + fit.margin)
        inner.push_back(p);
      else
        ring.push_back(p);
    }
    const GroundPlane ground = groundAround(all, ring);
    std::size_t used = 0;
    for (const Eigen::Vector3d& p : inner) {
      const double above = ground.heightAbove(p);
      if (above <= fit.groundClearance) continue;
      const Eigen::Vector3d local = R_box_world * (p - obs.box.center);
      xs.push_back(local.x());
      ys.push_back(local.y());
      heights.push_back(above);
      ++used;
    }
    if (used > 0) ++result.frames;
  }
  result.points = xs.size();
  if (result.points < std::max<std::size_t>(options.fit.minPoints, 1)) {
    return Error{"track size: " + std::to_string(result.points) + " object points over " +
                 std::to_string(observations.size()) + " frames, need at least " +
                 std::to_string(options.fit.minPoints)};
  }
  const double t = options.trimFraction;
  result.size.x() = quantile(xs, 1.0 - t) - quantile(xs, t);
  result.size.y() = quantile(ys, 1.0 - t) - quantile(ys, t);
  result.size.z() = quantile(heights, 1.0 - t);
  return result;
}

}  // namespace fuselabel
