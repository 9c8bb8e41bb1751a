#pragma once
// Ego-motion compensation ("de-skewing"). A spinning LiDAR takes ~0.1 s per
// sweep while the car moves a metre or more, so each point was measured from
// a different ego pose. Given per-point times and ego poses, every point is
// moved to where it would have been seen from the ego pose at one target
// time: the sweep's reference time for display, or a camera's own timestamp
// for projection into that camera:
//   p' = T_lidar_ego · T_world_ego(t_target)⁻¹ · T_world_ego(t_point) · T_ego_lidar · p

#include <Eigen/Geometry>

#include <cstdint>

#include "core/pointcloud/point_cloud.hpp"
#include "datasets/sequence/pose_track.hpp"

namespace fuselabel {

/// Whether compensation can do anything: per-point times and at least two poses.
bool canCompensateMotion(const PointCloud& cloud, const PoseTrack& poses);

/// Moves every point of `cloud` (LiDAR frame, per-point times relative to
/// cloud.timestampNs()) to the LiDAR frame at `targetNs`. Poses are evaluated
/// in time bins of at most `binNs` (default 0.5 ms: sub-millimetre error at
/// highway speed) instead of per point. A cloud without times is left as is.
void compensateMotion(PointCloud& cloud, const PoseTrack& poses,
                      const Eigen::Isometry3d& T_ego_lidar, std::int64_t targetNs,
                      std::int64_t binNs = 500'000);

}  // namespace fuselabel
