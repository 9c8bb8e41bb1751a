#pragma once
// Camera calibration written by OpenCV's cv::FileStorage (YAML or JSON), as
// produced by OpenCV's calibration sample and most ROS tooling:
//   camera_matrix            3×3 K
//   distortion_coefficients  1×N (N = 4, 5, 8: radial-tangential in OpenCV
//                            order; 4 with distortion_model "fisheye" or
//                            "equidistant": k1..k4)
//   image_width, image_height
//   distortion_model         optional: plumb_bob (default), rational_polynomial,
//                            fisheye / equidistant, none
//   T_ego_camera             optional 4×4: camera (optical axes) → ego; identity
//                            when absent.

#include <filesystem>
#include <string>

#include "calib/rig/sensor_rig.hpp"
#include "core/util/result.hpp"

namespace fuselabel {

/// Reads a cv::FileStorage camera file into a rig sensor named `name`.
Result<Sensor> readOpenCvCamera(const std::filesystem::path& file, const std::string& name);

}  // namespace fuselabel
