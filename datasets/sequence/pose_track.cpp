#include "datasets/sequence/pose_track.hpp"

#include <algorithm>

#include "core/geometry/transform.hpp"

namespace fuselabel {

Eigen::Isometry3d interpolatePose(const Eigen::Isometry3d& a, const Eigen::Isometry3d& b,
                                  double s) {
  const Eigen::Quaterniond qa(a.linear());
  const Eigen::Quaterniond qb(b.linear());
  Eigen::Isometry3d result = Eigen::Isometry3d::Identity();
  result.linear() = qa.slerp(s, qb).normalized().toRotationMatrix();
  result.translation() = (1.0 - s) * a.translation() + s * b.translation();
  return result;
}

Result<PoseTrack> PoseTrack::fromGlobalPoses(std::vector<StampedPose> poses) {
  std::sort(poses.begin(), poses.end(), [](const StampedPose& a, const StampedPose& b) {
    return a.timestampNs < b.timestampNs;
  });
  for (size_t i = 0; i < poses.size(); ++i) {
    const Eigen::Matrix4d& m = poses[i].T_world_ego.matrix();
    if (!m.allFinite()) {
      return Error{"ego pose at " + std::to_string(poses[i].timestampNs) +
                   " ns has non-finite values"};
    }
    auto rotation = validatedRotation(m.topLeftCorner<3, 3>());
    if (!rotation)
      return rotation.error().withContext("ego pose at " + std::to_string(poses[i].timestampNs) +
                                          " ns");
    poses[i].T_world_ego.linear() = *rotation;
    if (i > 0 && poses[i].timestampNs == poses[i - 1].timestampNs) {
      return Error{"two ego poses share the timestamp " + std::to_string(poses[i].timestampNs) +
                   " ns"};
    }
  }
  PoseTrack track;
  if (poses.empty()) return track;
  track.m_T_global_world = poses.front().T_world_ego;
  const Eigen::Isometry3d T_world_global = track.m_T_global_world.inverse();
  for (StampedPose& pose : poses)
    pose.T_world_ego = T_world_global * pose.T_world_ego;
  track.m_poses = std::move(poses);
  return track;
}

bool PoseTrack::covers(std::int64_t t) const {
  return !m_poses.empty() && t >= m_poses.front().timestampNs && t <= m_poses.back().timestampNs;
}

Eigen::Isometry3d PoseTrack::at(std::int64_t t) const {
  if (m_poses.empty()) return Eigen::Isometry3d::Identity();
  if (t <= m_poses.front().timestampNs) return m_poses.front().T_world_ego;
  if (t >= m_poses.back().timestampNs) return m_poses.back().T_world_ego;
  const auto after = std::upper_bound(
      m_poses.begin(), m_poses.end(), t,
      [](std::int64_t value, const StampedPose& p) { return value < p.timestampNs; });
  const auto before = after - 1;
  const double s = static_cast<double>(t - before->timestampNs) /
                   static_cast<double>(after->timestampNs - before->timestampNs);
  return interpolatePose(before->T_world_ego, after->T_world_ego, s);
}

}  // namespace fuselabel
