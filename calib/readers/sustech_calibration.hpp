#pragma once
// SUSTech SCAPES / SUSTechPOINTS per-camera calibration JSON
// (`calib/camera/<name>.json`):
//   "extrinsic": 16 numbers, row-major 4×4, LiDAR → camera (OpenCV optical
//                axes), i.e. T_camera_lidar;
//   "intrinsic": 9 numbers, row-major 3×3 K. No distortion (images are
//                undistorted).
// The SUSTech LiDAR frame is x left, y backward, z up; our ego frame is ISO
// 8855 (x forward, y left, z up), so T_ego_lidar is a +90° turn about z.

#include <Eigen/Geometry>

#include <filesystem>
#include <string>

#include "calib/rig/sensor_rig.hpp"
#include "core/util/result.hpp"

namespace fuselabel {

/// T_ego_lidar for the SUSTech LiDAR (x left, y backward, z up → x forward, y left, z up).
Eigen::Isometry3d sustechEgoFromLidar();

/// Reads one camera file into a rig sensor named `name`, placed through
/// T_ego_lidar. The image size is not in the file, so it is passed in.
Result<Sensor> readSustechCamera(const std::filesystem::path& file, const std::string& name,
                                 const Eigen::Isometry3d& T_ego_lidar, int width, int height);

}  // namespace fuselabel
