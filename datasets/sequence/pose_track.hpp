#pragma once
// The ego vehicle's trajectory: T_world_ego at recorded times, interpolated at
// any time (translation linearly, rotation by slerp). `world` is anchored at
// the first recorded pose so float32 coordinates stay precise (DESIGN.md);
// the anchor (the first pose in the source's global frame) is kept for export.

#include <Eigen/Geometry>

#include <cstdint>
#include <vector>

#include "core/util/result.hpp"

namespace fuselabel {

/// One recorded ego pose.
struct StampedPose {
  std::int64_t timestampNs = 0;                                   ///< time of the pose
  Eigen::Isometry3d T_world_ego = Eigen::Isometry3d::Identity();  ///< ego → world
};

/// Ego poses over time. Empty means the ego is still (identity everywhere).
class PoseTrack {
 public:
  /// Builds a track from poses in a source's global frame (e.g. nuScenes
  /// global, Argoverse city, OXTS Mercator), re-anchored so the first pose is
  /// the world origin. Poses are sorted by time; duplicate times and
  /// non-rigid or non-finite poses are errors.
  static Result<PoseTrack> fromGlobalPoses(std::vector<StampedPose> poses);

  /// True when no poses were recorded.
  bool empty() const { return m_poses.empty(); }
  /// Number of recorded poses.
  size_t size() const { return m_poses.size(); }
  /// Recorded poses, in world, sorted by time.
  const std::vector<StampedPose>& poses() const { return m_poses; }
  /// T_global_world: the first pose in the source's global frame.
  const Eigen::Isometry3d& T_global_world() const { return m_T_global_world; }

  /// T_world_ego at time `t`: interpolated between the two recorded poses
  /// around it; held at the first/last pose outside the recorded span.
  Eigen::Isometry3d at(std::int64_t timestampNs) const;

  /// Whether `t` lies within the recorded span (no clamping needed).
  bool covers(std::int64_t timestampNs) const;

 private:
  std::vector<StampedPose> m_poses;
  Eigen::Isometry3d m_T_global_world = Eigen::Isometry3d::Identity();
};

/// Interpolates between two rigid transforms: a at s = 0, b at s = 1.
Eigen::Isometry3d interpolatePose(const Eigen::Isometry3d& a, const Eigen::Isometry3d& b, double s);

}  // namespace fuselabel
