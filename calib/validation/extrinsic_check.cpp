#include "calib/validation/extrinsic_check.hpp"

#include <algorithm>
#include <cstdio>

#include "calib/projection/sweep_projection.hpp"

namespace fuselabel {
namespace {

std::string describeAxis(const Eigen::Vector3d& axis) {
  char text[96];
  std::snprintf(text, sizeof(text), "(%.2f, %.2f, %.2f)", axis.x(), axis.y(), axis.z());
  return text;
}

}  // namespace

ExtrinsicCheck checkExtrinsic(const PointCloud& cloud, const Eigen::Isometry3d& T_camera_lidar,
                              const CameraModel& camera) {
  ExtrinsicCheck check;
  check.finitePoints = cloud.finiteCount();
  const SweepProjection direct = projectSweep(cloud, T_camera_lidar, camera);
  check.inFront =
      static_cast<size_t>(std::count_if(direct.flags.begin(), direct.flags.end(), [](auto f) {
        return (f & SweepProjection::kInFront) != 0;
      }));
  check.insideImage = direct.countInsideImage();
  check.insideImageIfInverted =
      projectSweep(cloud, T_camera_lidar.inverse(), camera).countInsideImage();
  return check;
}

bool isUpright(const Eigen::Isometry3d& T_ego_camera) {
  const Eigen::Vector3d down = T_ego_camera.linear() * Eigen::Vector3d::UnitY();
  return down.z() <= -0.5;  // cos(60°)
}

Result<void> validateCameraExtrinsic(const Eigen::Isometry3d& T_ego_camera, const std::string& name,
                                     const CameraModel& camera, const PointCloud* cloud,
                                     const Eigen::Isometry3d& T_ego_lidar) {
  const std::string prefix = "camera '" + name + "': ";
  if (!isUpright(T_ego_camera)) {
    const Eigen::Vector3d down = T_ego_camera.linear() * Eigen::Vector3d::UnitY();
    std::string message = prefix + "its image 'down' axis points along " + describeAxis(down) +
                          " in the ego frame (x forward, y left, z up) instead of downwards";
    if (isUpright(Eigen::Isometry3d(T_ego_camera.inverse()))) {
      message +=
          "; this looks inverted: check which way the file's matrix maps (LiDAR → camera or camera "
          "→ LiDAR)";
    } else {
      message += "; check that the extrinsic uses the optical frame (x right, y down, z forward)";
    }
    return Error{message};
  }
  if (cloud == nullptr || cloud->finiteCount() == 0) return success();
  const Eigen::Isometry3d T_camera_lidar = T_ego_camera.inverse() * T_ego_lidar;
  const ExtrinsicCheck check = checkExtrinsic(*cloud, T_camera_lidar, camera);
  if (check.inFront == 0 || check.insideImage == 0) {
    std::string message = prefix + (check.inFront == 0 ? "every LiDAR point falls behind the camera"
                                                       : "no LiDAR point lands inside the image");
    if (check.insideImageIfInverted > 0) {
      message += "; this looks inverted: with the inverse extrinsic " +
                 std::to_string(check.insideImageIfInverted) + " points would land in the image";
    }
    return Error{message};
  }
  return success();
}

}  // namespace fuselabel
