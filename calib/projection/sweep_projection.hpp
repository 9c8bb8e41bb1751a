#pragma once
// Projecting a whole LiDAR sweep into a camera in one call. The work is laid
// out as structure-of-arrays passes over blocks of points, so Eigen vectorises
// every step (transform, perspective divide, distortion).

#include <Eigen/Geometry>

#include <cstdint>
#include <vector>

#include "calib/camera/camera_model.hpp"
#include "core/pointcloud/point_cloud.hpp"

namespace fuselabel {

/// Per-point result of projecting a sweep; all arrays have the sweep's size.
struct SweepProjection {
  /// Flag bits in `flags`.
  enum Flag : std::uint8_t {
    kInFront = 1,      ///< in front of the camera and inside the lens model's valid field of view
    kInsideImage = 2,  ///< kInFront and the pixel lies inside the image
  };
  std::vector<float> u;             ///< pixel column (valid where kInFront)
  std::vector<float> v;             ///< pixel row (valid where kInFront)
  std::vector<float> depth;         ///< z in the camera frame (m), for every point
  std::vector<std::uint8_t> flags;  ///< Flag bits

  /// Number of points whose flags include kInsideImage.
  size_t countInsideImage() const;
  /// Indices (ascending) of the points inside the image.
  std::vector<std::uint32_t> indicesInsideImage() const;
};

/// Projects every point of `cloud` (in the LiDAR frame) into `camera`, where
/// T_camera_lidar maps LiDAR coordinates into the camera's optical frame.
/// Points behind the camera, non-finite points, and points beyond the lens
/// model's monotonic field of view (which would fold back into the image) are
/// never flagged kInFront.
SweepProjection projectSweep(const PointCloud& cloud, const Eigen::Isometry3d& T_camera_lidar,
                             const CameraModel& camera);

/// Same as projectSweep, writing into `out` so a caller projecting every frame
/// reuses its buffers.
void projectSweepInto(const PointCloud& cloud, const Eigen::Isometry3d& T_camera_lidar,
                      const CameraModel& camera, SweepProjection& out);

}  // namespace fuselabel
