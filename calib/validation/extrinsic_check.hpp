#pragma once
// Sanity checks of a camera extrinsic. The classic calibration mistake is a
// matrix used the wrong way round (camera → LiDAR where LiDAR → camera was
// meant). With a 360° LiDAR plenty of points still land in the image, just at
// the wrong pixels, so counting points is not enough. What does not survive
// inversion is gravity: a camera on a vehicle has its image "down" axis
// (optical +y) pointing roughly down in the ego frame. These checks use both
// and say "this looks inverted" when the inverse would pass.

#include <Eigen/Geometry>

#include <string>

#include "calib/camera/camera_model.hpp"
#include "core/pointcloud/point_cloud.hpp"
#include "core/util/result.hpp"

namespace fuselabel {

/// How a sweep lands in a camera with the given extrinsic and with its inverse.
struct ExtrinsicCheck {
  size_t finitePoints = 0;           ///< points with finite coordinates
  size_t inFront = 0;                ///< points in front of the camera
  size_t insideImage = 0;            ///< points landing inside the image
  size_t insideImageIfInverted = 0;  ///< the same with T_camera_lidar inverted
};

/// Projects the sweep both ways and counts.
ExtrinsicCheck checkExtrinsic(const PointCloud& cloud, const Eigen::Isometry3d& T_camera_lidar,
                              const CameraModel& camera);

/// Whether the camera's image "down" axis points within 60° of straight down
/// in the ego frame (ISO 8855, z up).
bool isUpright(const Eigen::Isometry3d& T_ego_camera);

/// Checks the mounting of camera `name`: upright in the ego frame, and (when
/// a sweep is given) some LiDAR points in front of it and inside its image.
/// The error names the camera and, where the inverse transform would pass,
/// says "this looks inverted".
Result<void> validateCameraExtrinsic(
    const Eigen::Isometry3d& T_ego_camera, const std::string& name, const CameraModel& camera,
    const PointCloud* cloud = nullptr,
    const Eigen::Isometry3d& T_ego_lidar = Eigen::Isometry3d::Identity());

}  // namespace fuselabel
