#pragma once
// KITTI calibration files, read in KITTI's own terms and then turned into a
// SensorRig in ours.
//
// Directions, as the files mean them:
//  - P0..P3 (P_rect_0i): 3×4, rectified cam0 coordinates → pixels of camera i.
//  - R0_rect (R_rect_00, tracking: R_rect): 3×3, cam0 → rectified cam0.
//  - Tr_velo_to_cam (raw: R|T of calib_velo_to_cam.txt, tracking: Tr_velo_cam):
//    3×4, Velodyne → unrectified cam0, i.e. T_cam0_velo.
//  - Tr_imu_to_velo (raw: calib_imu_to_velo.txt, tracking: Tr_imu_velo): 3×4,
//    IMU → Velodyne, i.e. T_velo_imu.
// A Velodyne point reaches camera i as uv ~ P_i · R0_rect · Tr_velo_to_cam · p.

#include <Eigen/Geometry>

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "calib/rig/sensor_rig.hpp"
#include "core/util/result.hpp"

namespace fuselabel {

/// The content of a KITTI calibration, in KITTI's conventions.
struct KittiCalibration {
  std::array<Eigen::Matrix<double, 3, 4>, 4> P;           ///< rectified cam0 → pixels of camera i
  Eigen::Matrix3d R0_rect = Eigen::Matrix3d::Identity();  ///< cam0 → rectified cam0
  Eigen::Isometry3d T_cam0_velo = Eigen::Isometry3d::Identity();  ///< Tr_velo_to_cam
  Eigen::Isometry3d T_velo_imu = Eigen::Isometry3d::Identity();   ///< Tr_imu_to_velo
  bool hasImu = false;  ///< whether Tr_imu_to_velo was present
  /// Rectified image size per camera (raw calibration's S_rect_0i); zero when
  /// the file does not say (object and tracking calibration).
  std::array<Eigen::Vector2i, 4> imageSize{};
};

/// Reads a KITTI object `calib/*.txt` or tracking `calib/<seq>.txt` file; both
/// spellings of the keys (R0_rect/R_rect, Tr_velo_to_cam/Tr_velo_cam,
/// Tr_imu_to_velo/Tr_imu_velo), with or without a colon, are accepted.
Result<KittiCalibration> readKittiObjectCalibration(const std::filesystem::path& file);

/// Parses the text of an object/tracking calibration file (`fileName` is used in messages).
Result<KittiCalibration> parseKittiObjectCalibration(std::string_view text,
                                                     const std::string& fileName);

/// Reads a KITTI raw date folder's calib_cam_to_cam.txt, calib_velo_to_cam.txt
/// and (optional) calib_imu_to_velo.txt.
Result<KittiCalibration> readKittiRawCalibration(const std::filesystem::path& dateFolder);

/// One KITTI camera to put into a rig.
struct KittiCameraSpec {
  int index = 2;     ///< 0..3: which P matrix
  std::string name;  ///< rig name, e.g. the image folder "image_2"
  int width = 0;     ///< image width (from the image when the calibration lacks it)
  int height = 0;    ///< image height
};

/// Names of KITTI's rig frames besides the cameras.
inline constexpr const char* kKittiVelodyneFrame = "velodyne";

/// Builds our rig from a KITTI calibration. The ego frame is KITTI's IMU/GPS
/// frame (x forward, y left, z up) so that OXTS poses apply to it directly;
/// without Tr_imu_to_velo the ego frame is the Velodyne frame. Each rectified
/// camera becomes a pinhole camera K_i = P_i[:, 0:3] whose frame is rectified
/// cam0 shifted by K_i⁻¹ P_i[:, 3] (the stereo baseline), so projecting through
/// the rig reproduces P_i · R0_rect · Tr_velo_to_cam exactly.
Result<SensorRig> makeKittiRig(const KittiCalibration& calibration,
                               const std::vector<KittiCameraSpec>& cameras);

}  // namespace fuselabel
