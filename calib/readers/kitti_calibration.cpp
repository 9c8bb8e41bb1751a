#include "calib/readers/kitti_calibration.hpp"

#include <Eigen/LU>

#include "calib/readers/key_value_text.hpp"
#include "core/geometry/transform.hpp"
#include "core/io/text_file.hpp"

namespace fuselabel {
namespace {

Eigen::Matrix<double, 3, 4> matrix3x4(const std::vector<double>& v) {
  Eigen::Matrix<double, 3, 4> m;
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 4; ++c)
      m(r, c) = v[static_cast<size_t>(r * 4 + c)];
  }
  return m;
}

Result<Eigen::Isometry3d> rigid3x4(const KeyValueText& text,
                                   std::initializer_list<const char*> keys) {
  auto values = text.numbers(keys, 12);
  if (!values) return values.error();
  auto transform = fromRowMajor3x4(std::span<const double, 12>(values->data(), 12));
  if (!transform)
    return transform.error().withContext(text.fileName() + ": '" + *keys.begin() + "'");
  return transform;
}

Result<Eigen::Matrix3d> rotation3x3(const KeyValueText& text,
                                    std::initializer_list<const char*> keys) {
  auto values = text.numbers(keys, 9);
  if (!values) return values.error();
  Eigen::Matrix3d m;
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c)
      m(r, c) = (*values)[static_cast<size_t>(r * 3 + c)];
  }
  auto rotation = validatedRotation(m);
  if (!rotation) return rotation.error().withContext(text.fileName() + ": '" + *keys.begin() + "'");
  return rotation;
}

/// R and T lines of calib_velo_to_cam.txt / calib_imu_to_velo.txt as one transform.
Result<Eigen::Isometry3d> rigidFromRT(const std::filesystem::path& file) {
  auto content = readTextFile(file);
  if (!content) return content.error();
  auto text = KeyValueText::parse(*content, file.string());
  if (!text) return text.error();
  auto rotation = rotation3x3(*text, {"R"});
  if (!rotation) return rotation.error();
  auto translation = text->numbers({"T"}, 3);
  if (!translation) return translation.error();
  Eigen::Isometry3d transform = Eigen::Isometry3d::Identity();
  transform.linear() = *rotation;
  transform.translation() =
      Eigen::Vector3d((*translation)[0], (*translation)[1], (*translation)[2]);
  return transform;
}

}  // namespace

Result<KittiCalibration> parseKittiObjectCalibration(std::string_view content,
                                                     const std::string& fileName) {
  auto text = KeyValueText::parse(content, fileName);
  if (!text) return text.error();
  KittiCalibration calibration;
  for (int i = 0; i < 4; ++i) {
    const std::string key = "P" + std::to_string(i);
    auto values = text->numbers({key.c_str()}, 12);
    if (!values) return values.error();
    calibration.P[static_cast<size_t>(i)] = matrix3x4(*values);
  }
  auto rect = rotation3x3(*text, {"R0_rect", "R_rect"});
  if (!rect) return rect.error();
  calibration.R0_rect = *rect;
  auto velo = rigid3x4(*text, {"Tr_velo_to_cam", "Tr_velo_cam"});
  if (!velo) return velo.error();
  calibration.T_cam0_velo = *velo;
  if (text->has("Tr_imu_to_velo") || text->has("Tr_imu_velo")) {
    auto imu = rigid3x4(*text, {"Tr_imu_to_velo", "Tr_imu_velo"});
    if (!imu) return imu.error();
    calibration.T_velo_imu = *imu;
    calibration.hasImu = true;
  }
  return calibration;
}

Result<KittiCalibration> readKittiObjectCalibration(const std::filesystem::path& file) {
  auto content = readTextFile(file);
  if (!content) return content.error();
  return parseKittiObjectCalibration(*content, file.string());
}

Result<KittiCalibration> readKittiRawCalibration(const std::filesystem::path& dateFolder) {
  const auto camToCam = dateFolder / "calib_cam_to_cam.txt";
  auto content = readTextFile(camToCam);
  if (!content) return content.error();
  auto text = KeyValueText::parse(*content, camToCam.string());
  if (!text) return text.error();

  KittiCalibration calibration;
  for (int i = 0; i < 4; ++i) {
    const std::string suffix = "_0" + std::to_string(i);
    const std::string pKey = "P_rect" + suffix;
    auto p = text->numbers({pKey.c_str()}, 12);
    if (!p) return p.error();
    calibration.P[static_cast<size_t>(i)] = matrix3x4(*p);
    const std::string sKey = "S_rect" + suffix;
    auto size = text->numbers({sKey.c_str()}, 2);
    if (!size) return size.error();
    calibration.imageSize[static_cast<size_t>(i)] =
        Eigen::Vector2i(static_cast<int>((*size)[0]), static_cast<int>((*size)[1]));
  }
  auto rect = rotation3x3(*text, {"R_rect_00"});
  if (!rect) return rect.error();
  calibration.R0_rect = *rect;

  auto velo = rigidFromRT(dateFolder / "calib_velo_to_cam.txt");
  if (!velo) return velo.error();
  calibration.T_cam0_velo = *velo;
  const auto imuFile = dateFolder / "calib_imu_to_velo.txt";
  if (std::filesystem::exists(imuFile)) {
    auto imu = rigidFromRT(imuFile);
    if (!imu) return imu.error();
    calibration.T_velo_imu = *imu;
    calibration.hasImu = true;
  }
  return calibration;
}

Result<SensorRig> makeKittiRig(const KittiCalibration& calibration,
                               const std::vector<KittiCameraSpec>& cameras) {
  SensorRig rig;
  // Ego = IMU when known, so OXTS poses (which describe the IMU) apply as is.
  const Eigen::Isometry3d T_ego_velo =
      calibration.hasImu ? calibration.T_velo_imu.inverse() : Eigen::Isometry3d::Identity();
  Sensor velodyne;
  velodyne.name = kKittiVelodyneFrame;
  velodyne.kind = SensorKind::Lidar;
  velodyne.T_ego_sensor = T_ego_velo;
  if (auto added = rig.addSensor(velodyne); !added) return added.error();

  Eigen::Isometry3d T_rect0_cam0 = Eigen::Isometry3d::Identity();
  T_rect0_cam0.linear() = calibration.R0_rect;
  const Eigen::Isometry3d T_rect0_velo = T_rect0_cam0 * calibration.T_cam0_velo;

  for (const KittiCameraSpec& spec : cameras) {
    if (spec.index < 0 || spec.index > 3) {
      return Error{"KITTI camera '" + spec.name + "': index " + std::to_string(spec.index) +
                   " is not 0..3"};
    }
    const Eigen::Matrix<double, 3, 4>& P = calibration.P[static_cast<size_t>(spec.index)];
    const Eigen::Matrix3d K = P.leftCols<3>();
    if (std::abs(K(1, 0)) > 1e-9 || std::abs(K(2, 0)) > 1e-9 || std::abs(K(2, 1)) > 1e-9 ||
        std::abs(K(2, 2) - 1.0) > 1e-9) {
      return Error{"KITTI camera '" + spec.name + "': P" + std::to_string(spec.index) +
                   " is not of the rectified form K [I | t] (its left 3×3 is not upper triangular "
                   "with K[2,2] = 1)"};
    }
    CameraIntrinsics intrinsics;
    intrinsics.fx = K(0, 0);
    intrinsics.fy = K(1, 1);
    intrinsics.cx = K(0, 2);
    intrinsics.cy = K(1, 2);
    intrinsics.skew = K(0, 1);
    const Eigen::Vector2i fileSize = calibration.imageSize[static_cast<size_t>(spec.index)];
    intrinsics.width = spec.width > 0 ? spec.width : fileSize.x();
    intrinsics.height = spec.height > 0 ? spec.height : fileSize.y();
    auto model = CameraModel::create(intrinsics);
    if (!model) return model.error().withContext("KITTI camera '" + spec.name + "'");

    // P = K [I | t]  ⇒  camera i sees rectified cam0 shifted by t = K⁻¹ P[:, 3].
    Eigen::Isometry3d T_cam_rect0 = Eigen::Isometry3d::Identity();
    T_cam_rect0.translation() = K.inverse() * P.col(3);
    const Eigen::Isometry3d T_cam_velo = T_cam_rect0 * T_rect0_velo;

    Sensor camera;
    camera.name = spec.name;
    camera.kind = SensorKind::Camera;
    camera.T_ego_sensor = T_ego_velo * T_cam_velo.inverse();
    camera.camera = *model;
    if (auto added = rig.addSensor(camera); !added) return added.error();
  }
  return rig;
}

}  // namespace fuselabel
