#include "datasets/sequence/motion_compensation.hpp"

#include <algorithm>
#include <vector>

namespace fuselabel {

bool canCompensateMotion(const PointCloud& cloud, const PoseTrack& poses) {
  return cloud.hasTime() && poses.size() >= 2;
}

void compensateMotion(PointCloud& cloud, const PoseTrack& poses,
                      const Eigen::Isometry3d& T_ego_lidar, std::int64_t targetNs,
                      std::int64_t binNs) {
  if (!cloud.hasTime() || cloud.empty() || poses.empty()) return;
  const auto offsets = cloud.timeOffsetNs();
  const auto [minIt, maxIt] = std::minmax_element(offsets.begin(), offsets.end());
  const std::int64_t first = cloud.timestampNs() + *minIt;
  const std::int64_t span = std::int64_t{*maxIt} - *minIt;
  binNs = std::max<std::int64_t>(1, binNs);
  const auto bins = static_cast<size_t>(span / binNs + 1);

  // One transform per time bin, evaluated at the bin's centre.
  const Eigen::Isometry3d T_lidar_target = (poses.at(targetNs) * T_ego_lidar).inverse();
  std::vector<Eigen::Matrix<float, 3, 4>> binTransforms(bins);
  for (size_t b = 0; b < bins; ++b) {
    const std::int64_t t = first + static_cast<std::int64_t>(b) * binNs + binNs / 2;
    const Eigen::Isometry3d T = T_lidar_target * poses.at(t) * T_ego_lidar;
    binTransforms[b] = T.matrix().topRows<3>().cast<float>();
  }
  auto x = cloud.x();
  auto y = cloud.y();
  auto z = cloud.z();
  for (size_t i = 0; i < cloud.size(); ++i) {
    const auto bin = static_cast<size_t>((std::int64_t{offsets[i]} - *minIt) / binNs);
    const Eigen::Matrix<float, 3, 4>& T = binTransforms[bin];
    const Eigen::Vector3f p(x[i], y[i], z[i]);
    const Eigen::Vector3f q = T.leftCols<3>() * p + T.col(3);
    x[i] = q.x();
    y[i] = q.y();
    z[i] = q.z();
  }
  // The per-point times still say when each point was measured; only the
  // frame the coordinates are expressed in has moved to the target time.
}

}  // namespace fuselabel
