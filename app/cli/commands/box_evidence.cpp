#include "app/cli/commands/box_evidence.hpp"

#include <algorithm>
#include <cmath>

namespace fuselabel::cli {

bool SweepEvidence::load(FrameIndex frame) {
  if (frame == m_frame) return true;
  const LabelContext& context = m_dataset.context;
  if (frame < 0 || static_cast<std::size_t>(frame) >= context.frames.size() ||
      static_cast<std::size_t>(frame) >= m_dataset.sequence.frameCount()) {
    if (m_error.empty())
      m_error = "frame " + std::to_string(frame) + " is not in the dataset " +
                m_dataset.sequence.root.string();
    return false;
  }
  auto sweep = m_dataset.sequence.loadSweep(static_cast<std::size_t>(frame));
  if (!sweep) {
    if (m_error.empty()) m_error = sweep.error().message;
    return false;
  }
  m_warnings.insert(m_warnings.end(), sweep->warnings.begin(), sweep->warnings.end());
  // The same sensor-to-world chain as `stats`.
  const Eigen::Isometry3d T_world_lidar =
      context.frames[static_cast<std::size_t>(frame)].T_world_ego *
      context.T_ego_lidar.value_or(Eigen::Isometry3d::Identity());
  const PointCloud& cloud = sweep->cloud;
  m_world.clear();
  m_world.reserve(cloud.size());
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    const Eigen::Vector3d p(cloud.x()[i], cloud.y()[i], cloud.z()[i]);
    if (p.allFinite()) m_world.push_back(T_world_lidar * p);
  }
  m_frame = frame;
  return true;
}

std::optional<BoxEvidence> SweepEvidence::evidence(const Cuboid& box, FrameIndex frame) {
  if (!load(frame)) return std::nullopt;
  // Inside: |local| <= size / 2 on every axis, as points_in_cuboid.hpp counts.
  const Eigen::Matrix3d R_box_world = box.rotation.normalized().toRotationMatrix().transpose();
  const Eigen::Vector3d half = box.halfSize();
  const double footprintReach = box.size.head<2>().norm() * 0.5;
  const double bottom = box.center.z() - half.z();
  // The ground is the lowest dense surface in a ring around the footprint,
  // among points from 1.5 m below to 0.5 m above the box's bottom: a box on
  // the road or a few decimetres off has its road in that band, while most of
  // its neighbours' bodies, walls and plants lie above it. (A plane fit over
  // the ring was tried first: with few road points it tilts onto car bodies.)
  // Without a dense lowest level (an occluded box, a box against a wall) there
  // is no ground evidence rather than a guess.
  constexpr double kRing = 2.0;
  constexpr double kBelow = 1.5;
  constexpr double kAbove = 0.5;
  constexpr std::size_t kMinRingPoints = 20;
  std::vector<double> ringHeights;
  BoxEvidence out;
  for (const Eigen::Vector3d& p : m_world) {
    const double horizontal = (p.head<2>() - box.center.head<2>()).norm();
    if (horizontal > footprintReach + kRing) continue;
    const Eigen::Vector3d local = R_box_world * (p - box.center);
    if (std::abs(local.x()) <= half.x() && std::abs(local.y()) <= half.y()) {
      if (std::abs(local.z()) <= half.z()) ++out.pointsInside;
      continue;  // under or over the box: not the ring
    }
    if (p.z() >= bottom - kBelow && p.z() <= bottom + kAbove) ringHeights.push_back(p.z());
  }
  if (ringHeights.size() >= kMinRingPoints) {
    std::sort(ringHeights.begin(), ringHeights.end());
    const double ground = ringHeights[ringHeights.size() / 20];  // 5th percentile
    const auto supporters = static_cast<std::size_t>(
        std::upper_bound(ringHeights.begin(), ringHeights.end(), ground + 0.15) -
        std::lower_bound(ringHeights.begin(), ringHeights.end(), ground - 0.05));
    if (supporters >= std::max<std::size_t>(kMinRingPoints / 2, ringHeights.size() / 5))
      out.groundHeight = ground;
  }
  return out;
}

}  // namespace fuselabel::cli
