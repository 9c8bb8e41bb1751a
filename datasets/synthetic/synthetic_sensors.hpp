#pragma once
// The simulated sensors of the synthetic generator: a spinning LiDAR whose
// rays are cast while the ego and the actors move, and pinhole/radtan cameras
// rendered by casting one ray per pixel into the same world.

#include <cstdint>
#include <functional>
#include <vector>

#include <Eigen/Geometry>
#include <opencv2/core.hpp>

#include "calib/camera/camera_model.hpp"
#include "core/pointcloud/point_cloud.hpp"
#include "datasets/synthetic/synthetic_world.hpp"

namespace fuselabel {

/// The spinning LiDAR's configuration.
struct SynthLidarConfig {
  /// Beam elevations (rad), lowest first; index = ring.
  std::vector<double> elevations;
  /// Columns (firings) per turn.
  int columns = 1800;
  /// Duration of one turn (ns).
  std::int64_t periodNs = 100'000'000;
  /// Range limits (m).
  double minRange = 1.0;
  /// Maximum range (m).
  double maxRange = 120.0;
  /// Range noise standard deviation (m).
  double rangeNoise = 0.02;
  /// Base dropout probability.
  double dropout = 0.02;
  /// T_ego_lidar.
  Eigen::Isometry3d T_ego_lidar = Eigen::Isometry3d::Identity();
};

/// One simulated sweep and what each actor saw of it.
struct SynthSweep {
  /// Points in the LiDAR frame at each point's own capture time (not de-skewed),
  /// with ring and per-point time; timestamp set by the caller.
  PointCloud cloud;
  /// Per actor: rays whose nearest surface was the actor (before dropout).
  std::vector<std::uint32_t> visibleRays;
  /// Per actor: rays that would have hit the actor with nothing in between.
  std::vector<std::uint32_t> potentialRays;
};

/// Beam elevations (rad) of a `beams`-beam LiDAR between the given angles
/// (deg); 0/0 picks a typical span for the beam count.
[[nodiscard]] std::vector<double> synthBeamElevations(int beams, double lowestDeg,
                                                      double highestDeg);

/// Casts one turn that starts at scene time `startTime` (s). `frameKey`
/// seeds the noise and dropout; output is independent of `threads`.
[[nodiscard]] SynthSweep simulateSweep(const SynthWorld& world, const SynthLidarConfig& config,
                                       double startTime, std::uint64_t frameKey, int threads);

/// A camera ready to render: model, mounting and its per-pixel rays.
class SynthCamera {
 public:
  /// Precomputes every pixel's ray through `model` on `threads` workers.
  SynthCamera(CameraModel model, const Eigen::Isometry3d& T_ego_camera, int threads = 1);
  /// Renders the world at scene time `t` (s) as an 8-bit BGR image.
  [[nodiscard]] cv::Mat render(const SynthWorld& world, double t, int threads) const;
  /// The camera model.
  [[nodiscard]] const CameraModel& model() const noexcept { return m_model; }

 private:
  static constexpr int kTile = 16;
  CameraModel m_model;
  Eigen::Isometry3d m_T_ego_camera;
  std::vector<Eigen::Vector3f> m_rays;  // unit, optical frame; zero when the pixel has no ray
  int m_tilesX = 0;
  int m_tilesY = 0;
  std::vector<Eigen::Vector3d> m_tileAxis;
  std::vector<double> m_tileHalfAngle;
  std::vector<double> m_tileCosHalf;  // cos and sin of m_tileHalfAngle
  std::vector<double> m_tileSinHalf;
};

/// Runs fn(begin, end, worker) over [0, count) split into contiguous chunks.
void synthParallelFor(int count, int threads, const std::function<void(int, int, int)>& fn);

}  // namespace fuselabel
