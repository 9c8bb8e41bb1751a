// Calibration readers on small fixtures written from the format
// documentation: every spelling KITTI uses, the raw-drive trio, OpenCV
// FileStorage files, SUSTech JSON, and the errors bad files must give.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "calib/projection/sweep_projection.hpp"
#include "calib/readers/kitti_calibration.hpp"
#include "calib/readers/opencv_calibration.hpp"
#include "calib/readers/sustech_calibration.hpp"

namespace fuselabel {
namespace {

// KITTI object calibration of frame 000001 (values from the KITTI devkit
// documentation's example layout).
const char* kObjectCalib =
    "P0: 7.215377e+02 0.000000e+00 6.095593e+02 0.000000e+00 0.000000e+00 7.215377e+02 "
    "1.728540e+02 0.000000e+00 0.000000e+00 0.000000e+00 1.000000e+00 0.000000e+00\n"
    "P1: 7.215377e+02 0.000000e+00 6.095593e+02 -3.875744e+02 0.000000e+00 7.215377e+02 "
    "1.728540e+02 0.000000e+00 0.000000e+00 0.000000e+00 1.000000e+00 0.000000e+00\n"
    "P2: 7.215377e+02 0.000000e+00 6.095593e+02 4.485728e+01 0.000000e+00 7.215377e+02 "
    "1.728540e+02 2.163791e-01 0.000000e+00 0.000000e+00 1.000000e+00 2.745884e-03\n"
    "P3: 7.215377e+02 0.000000e+00 6.095593e+02 -3.395242e+02 0.000000e+00 7.215377e+02 "
    "1.728540e+02 2.199936e+00 0.000000e+00 0.000000e+00 1.000000e+00 2.729905e-03\n"
    "R0_rect: 9.999239e-01 9.837760e-03 -7.445048e-03 -9.869795e-03 9.999421e-01 -4.278459e-03 "
    "7.402527e-03 4.351614e-03 9.999631e-01\n"
    "Tr_velo_to_cam: 7.533745e-03 -9.999714e-01 -6.166020e-04 -4.069766e-03 1.480249e-02 "
    "7.280733e-04 -9.998902e-01 -7.631618e-02 9.998621e-01 7.523790e-03 1.480755e-02 "
    "-2.717806e-01\n"
    "Tr_imu_to_velo: 9.999976e-01 7.553071e-04 -2.035826e-03 -8.086759e-01 -7.854027e-04 "
    "9.998898e-01 -1.482298e-02 3.195559e-01 2.024406e-03 1.482454e-02 9.998881e-01 "
    "-7.997231e-01\n";

std::string tracking(std::string text) {
  // Tracking files: no colons, R_rect and Tr_velo_cam / Tr_imu_velo.
  auto replace = [&](const std::string& from, const std::string& to) {
    for (size_t pos = text.find(from); pos != std::string::npos;
         pos = text.find(from, pos + to.size())) {
      text.replace(pos, from.size(), to);
    }
  };
  replace("R0_rect:", "R_rect");
  replace("Tr_velo_to_cam:", "Tr_velo_cam");
  replace("Tr_imu_to_velo:", "Tr_imu_velo");
  for (int i = 0; i < 4; ++i)
    replace("P" + std::to_string(i) + ":", "P" + std::to_string(i));
  return text;
}

class TempDir {
 public:
  TempDir()
      : m_path(
            std::filesystem::temp_directory_path() /
            ("fuselabel_calib_" + std::to_string(::getpid()) + "_" + std::to_string(counter()++))) {
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() { std::filesystem::remove_all(m_path); }
  std::filesystem::path write(const std::string& name, const std::string& content) const {
    std::ofstream(m_path / name) << content;
    return m_path / name;
  }
  const std::filesystem::path& path() const { return m_path; }

 private:
  static int& counter() {
    static int value = 0;
    return value;
  }
  std::filesystem::path m_path;
};

Eigen::Vector2d projectThroughRig(const SensorRig& rig, const std::string& camera,
                                  const Eigen::Vector3d& p) {
  const auto T = rig.transform(camera, kKittiVelodyneFrame);
  return *rig.find(camera)->camera->project(*T * p);
}

TEST(KittiCalibration, ObjectAndTrackingSpellingsGiveTheSameRig) {
  auto object = parseKittiObjectCalibration(kObjectCalib, "object.txt");
  auto track = parseKittiObjectCalibration(tracking(kObjectCalib), "0001.txt");
  ASSERT_TRUE(object.ok()) << object.error().message;
  ASSERT_TRUE(track.ok()) << track.error().message;
  EXPECT_TRUE(object->hasImu);
  EXPECT_TRUE(track->hasImu);
  EXPECT_TRUE(object->T_cam0_velo.isApprox(track->T_cam0_velo));
  EXPECT_TRUE(object->P[2].isApprox(track->P[2]));
}

TEST(KittiCalibration, RigReproducesTheP2R0TrChainForEveryCamera) {
  auto calibration = parseKittiObjectCalibration(kObjectCalib, "object.txt");
  ASSERT_TRUE(calibration.ok());
  std::vector<KittiCameraSpec> cameras;
  for (int i = 0; i < 4; ++i)
    cameras.push_back({i, "image_" + std::to_string(i), 1242, 375});
  auto rig = makeKittiRig(*calibration, cameras);
  ASSERT_TRUE(rig.ok()) << rig.error().message;
  Eigen::Matrix4d R0 = Eigen::Matrix4d::Identity();
  R0.topLeftCorner<3, 3>() = calibration->R0_rect;
  for (int i = 0; i < 4; ++i) {
    const Eigen::Matrix<double, 3, 4> chain =
        calibration->P[static_cast<size_t>(i)] * R0 * calibration->T_cam0_velo.matrix();
    for (const Eigen::Vector3d& p : {Eigen::Vector3d(10, 2, -1), Eigen::Vector3d(25, -6, 0.5),
                                     Eigen::Vector3d(6, 0.3, -1.6)}) {
      const Eigen::Vector3d uvw = chain * p.homogeneous();
      const Eigen::Vector2d expected = uvw.head<2>() / uvw.z();
      EXPECT_LT(
          (projectThroughRig(*rig, cameras[static_cast<size_t>(i)].name, p) - expected).norm(),
          1e-6)
          << "camera " << i;
    }
  }
  // Ego is the IMU frame: the Velodyne sits about 0.8 m ahead of it and 0.8 m above.
  const Eigen::Vector3d velodyneInEgo = rig->find(kKittiVelodyneFrame)->T_ego_sensor.translation();
  EXPECT_NEAR(velodyneInEgo.x(), 0.81, 0.01);
  EXPECT_NEAR(velodyneInEgo.z(), 0.80, 0.01);
}

TEST(KittiCalibration, RawDriveTrioMatchesObjectForm) {
  TempDir dir;
  auto object = parseKittiObjectCalibration(kObjectCalib, "object.txt");
  ASSERT_TRUE(object.ok());
  std::ostringstream camToCam;
  camToCam.precision(17);
  camToCam << "calib_time: 09-Jan-2012 13:57:47\ncorner_dist: 9.950000e-02\n";
  for (int i = 0; i < 4; ++i) {
    camToCam << "S_rect_0" << i << ": 1.242000e+03 3.750000e+02\n";
    camToCam << "R_rect_0" << i << ":";
    for (int k = 0; k < 9; ++k)
      camToCam << " " << object->R0_rect(k / 3, k % 3);
    camToCam << "\nP_rect_0" << i << ":";
    for (int k = 0; k < 12; ++k)
      camToCam << " " << object->P[static_cast<size_t>(i)](k / 4, k % 4);
    camToCam << "\n";
  }
  dir.write("calib_cam_to_cam.txt", camToCam.str());
  std::ostringstream velo;
  velo.precision(17);
  velo << "calib_time: 15-Mar-2012 11:37:16\nR:";
  for (int k = 0; k < 9; ++k)
    velo << " " << object->T_cam0_velo.matrix()(k / 3, k % 3);
  velo << "\nT:";
  for (int k = 0; k < 3; ++k)
    velo << " " << object->T_cam0_velo.translation()[k];
  velo << "\ndelta_f: 0 0\ndelta_c: 0 0\n";
  dir.write("calib_velo_to_cam.txt", velo.str());

  auto raw = readKittiRawCalibration(dir.path());
  ASSERT_TRUE(raw.ok()) << raw.error().message;
  EXPECT_FALSE(raw->hasImu);
  EXPECT_EQ(raw->imageSize[2], Eigen::Vector2i(1242, 375));
  auto rawRig = makeKittiRig(*raw, {{2, "image_02", 0, 0}});
  ASSERT_TRUE(rawRig.ok()) << rawRig.error().message;
  EXPECT_EQ(rawRig->find("image_02")->camera->intrinsics().width, 1242);
  object->hasImu = false;
  auto objectRig = makeKittiRig(*object, {{2, "image_2", 1242, 375}});
  const Eigen::Vector3d p(12.0, -1.5, -0.8);
  EXPECT_LT(
      (projectThroughRig(*rawRig, "image_02", p) - projectThroughRig(*objectRig, "image_2", p))
          .norm(),
      1e-4);
}

TEST(KittiCalibration, ErrorsNameTheFileLineAndKey) {
  std::string broken = kObjectCalib;
  broken.replace(broken.find("P2: 7.215377e+02 "), 17, "P2: ");  // 11 numbers left
  auto shortRow = parseKittiObjectCalibration(broken, "calib/000001.txt");
  ASSERT_FALSE(shortRow.ok());
  EXPECT_NE(shortRow.error().message.find("calib/000001.txt: line 3"), std::string::npos)
      << shortRow.error().message;
  EXPECT_NE(shortRow.error().message.find("'P2' needs 12 numbers, found 11"), std::string::npos)
      << shortRow.error().message;

  std::string missing = kObjectCalib;
  missing.erase(missing.find("Tr_velo_to_cam"), missing.find('\n', missing.find("Tr_velo_to_cam")) -
                                                    missing.find("Tr_velo_to_cam") + 1);
  auto noVelo = parseKittiObjectCalibration(missing, "c.txt");
  ASSERT_FALSE(noVelo.ok());
  EXPECT_NE(noVelo.error().message.find("missing 'Tr_velo_to_cam or Tr_velo_cam'"),
            std::string::npos)
      << noVelo.error().message;

  std::string sheared = kObjectCalib;
  sheared.replace(sheared.find("R0_rect: 9.999239e-01"), 21, "R0_rect: 1.999239e+00");
  auto notRotation = parseKittiObjectCalibration(sheared, "c.txt");
  ASSERT_FALSE(notRotation.ok());
  EXPECT_NE(notRotation.error().message.find("R0_rect"), std::string::npos)
      << notRotation.error().message;

  auto garbage = parseKittiObjectCalibration("P0: abc\n", "g.txt");
  ASSERT_FALSE(garbage.ok());
  EXPECT_NE(garbage.error().message.find("not a list of numbers"), std::string::npos)
      << garbage.error().message;

  auto absent = readKittiObjectCalibration("/nonexistent/calib.txt");
  ASSERT_FALSE(absent.ok());
  EXPECT_NE(absent.error().message.find("/nonexistent/calib.txt"), std::string::npos);
}

TEST(OpenCvCalibration, ReadsYamlWithDistortionAndExtrinsic) {
  TempDir dir;
  const auto file = dir.write(
      "cam.yaml",
      "%YAML:1.0\n---\n"
      "image_width: 1920\nimage_height: 1080\n"
      "camera_matrix: !!opencv-matrix\n   rows: 3\n   cols: 3\n   dt: d\n"
      "   data: [ 1000., 0., 960., 0., 1001., 540., 0., 0., 1. ]\n"
      "distortion_coefficients: !!opencv-matrix\n   rows: 1\n   cols: 5\n   dt: d\n"
      "   data: [ -0.1, 0.05, 0.001, 0.002, -0.01 ]\n"
      "T_ego_camera: !!opencv-matrix\n   rows: 4\n   cols: 4\n   dt: d\n"
      "   data: [ 0., 0., 1., 1.5, -1., 0., 0., 0., 0., -1., 0., 1.6, 0., 0., 0., 1. ]\n");
  auto sensor = readOpenCvCamera(file, "cam_front");
  ASSERT_TRUE(sensor.ok()) << sensor.error().message;
  const CameraIntrinsics& k = sensor->camera->intrinsics();
  EXPECT_EQ(k.model, DistortionModel::RadialTangential);
  EXPECT_EQ(k.width, 1920);
  EXPECT_DOUBLE_EQ(k.fy, 1001.0);
  EXPECT_DOUBLE_EQ(k.distortion[4], -0.01);
  EXPECT_TRUE((sensor->T_ego_sensor.linear() * Eigen::Vector3d::UnitZ())
                  .isApprox(Eigen::Vector3d::UnitX()));

  const auto bad = dir.write("bad.yaml", "%YAML:1.0\n---\nimage_width: 10\n");
  auto missing = readOpenCvCamera(bad, "x");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("camera_matrix"), std::string::npos);
}

TEST(SustechCalibration, MalformedFilesGiveClearErrors) {
  TempDir dir;
  auto notJson = readSustechCamera(dir.write("a.json", "{ extrinsic: "), "front",
                                   sustechEgoFromLidar(), 2048, 1536);
  ASSERT_FALSE(notJson.ok());
  EXPECT_NE(notJson.error().message.find("a.json: is not valid JSON"), std::string::npos);
  auto shortExtrinsic = readSustechCamera(
      dir.write("b.json", R"({"extrinsic":[1,2,3],"intrinsic":[1,0,0,0,1,0,0,0,1]})"), "front",
      sustechEgoFromLidar(), 2048, 1536);
  ASSERT_FALSE(shortExtrinsic.ok());
  EXPECT_NE(shortExtrinsic.error().message.find("16 numbers"), std::string::npos);
  auto zeroFocal = readSustechCamera(
      dir.write(
          "c.json",
          R"({"extrinsic":[1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1],"intrinsic":[0,0,0,0,0,0,0,0,1]})"),
      "front", sustechEgoFromLidar(), 2048, 1536);
  ASSERT_FALSE(zeroFocal.ok());
  EXPECT_NE(zeroFocal.error().message.find("focal length"), std::string::npos);
}

}  // namespace
}  // namespace fuselabel
