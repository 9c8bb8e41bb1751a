// KITTI raw drive: a small drive written from the devkit's description opens
// with its irregular timestamps, per-camera sync, OXTS poses (Mercator as the
// devkit computes it) and a rig that reproduces P_rect_02 · R_rect_00 · [R|T];
// malformed timestamps and OXTS files give errors naming file and line.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>

#include "core/geometry/transform.hpp"
#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/adapters/kitti_oxts.hpp"
#include "datasets/sequence/time_sync.hpp"
#include "tests/support/fixture_files.hpp"

namespace fuselabel {
namespace {

using test::writePngHeader;
using test::writeText;

// Calibration of the 2011_09_26 drives (KITTI raw, as printed in the files).
constexpr const char* kCamToCam = R"(calib_time: 09-Jan-2012 13:57:47
corner_dist: 9.950000e-02
S_rect_00: 1.242000e+03 3.750000e+02
R_rect_00: 9.999239e-01 9.837760e-03 -7.445048e-03 -9.869795e-03 9.999421e-01 -4.278459e-03 7.402527e-03 4.351614e-03 9.999631e-01
P_rect_00: 7.215377e+02 0.000000e+00 6.095593e+02 0.000000e+00 0.000000e+00 7.215377e+02 1.728540e+02 0.000000e+00 0.000000e+00 0.000000e+00 1.000000e+00 0.000000e+00
S_rect_01: 1.242000e+03 3.750000e+02
P_rect_01: 7.215377e+02 0.000000e+00 6.095593e+02 -3.875744e+02 0.000000e+00 7.215377e+02 1.728540e+02 0.000000e+00 0.000000e+00 0.000000e+00 1.000000e+00 0.000000e+00
S_rect_02: 1.242000e+03 3.750000e+02
P_rect_02: 7.215377e+02 0.000000e+00 6.095593e+02 4.485728e+01 0.000000e+00 7.215377e+02 1.728540e+02 2.163791e-01 0.000000e+00 0.000000e+00 1.000000e+00 2.745884e-03
S_rect_03: 1.242000e+03 3.750000e+02
P_rect_03: 7.215377e+02 0.000000e+00 6.095593e+02 -3.395242e+02 0.000000e+00 7.215377e+02 1.728540e+02 2.199936e+00 0.000000e+00 0.000000e+00 1.000000e+00 2.729905e-03
)";
constexpr const char* kVeloToCam = R"(calib_time: 15-Mar-2012 11:37:16
R: 7.533745e-03 -9.999714e-01 -6.166020e-04 1.480249e-02 7.280733e-04 -9.998902e-01 9.998621e-01 7.523790e-03 1.480755e-02
T: -4.069766e-03 -7.631618e-02 -2.717806e-01
delta_f: 0.000000e+00 0.000000e+00
delta_c: 0.000000e+00 0.000000e+00
)";
constexpr const char* kImuToVelo = R"(calib_time: 25-May-2012 16:47:16
R: 9.999976e-01 7.553071e-04 -2.035826e-03 -7.854027e-04 9.998898e-01 -1.482298e-02 2.024406e-03 1.482454e-02 9.998881e-01
T: -8.086759e-01 3.195559e-01 -7.997231e-01
)";

std::string oxtsLine(double lat, double lon, double alt, double roll, double pitch, double yaw) {
  std::string line = std::to_string(lat) + " " + std::to_string(lon) + " " + std::to_string(alt) +
                     " " + std::to_string(roll) + " " + std::to_string(pitch) + " " +
                     std::to_string(yaw);
  for (int i = 6; i < 30; ++i)
    line += i >= 25 ? " 4" : " 0.1";
  return line + "\n";
}

std::string frameName(int i) {
  std::string name = std::to_string(i);
  return std::string(10 - name.size(), '0') + name;
}

class KittiRawTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_date = std::filesystem::temp_directory_path() /
             ("fuselabel_kitti_raw_" + std::to_string(::getpid()) + "_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name()) /
             "2011_09_26";
    m_drive = m_date / "2011_09_26_drive_0048_sync";
    writeText(m_date / "calib_cam_to_cam.txt", kCamToCam);
    writeText(m_date / "calib_velo_to_cam.txt", kVeloToCam);
    writeText(m_date / "calib_imu_to_velo.txt", kImuToVelo);
    // Irregular sweeps: 110.06 ms, then 92.68 ms apart.
    writeText(m_drive / "velodyne_points" / "timestamps.txt",
              "2011-09-26 13:02:25.964389445\n2011-09-26 13:02:26.074448377\n2011-09-26 "
              "13:02:26.167126\n");
    for (int f = 0; f < 3; ++f)
      writeText(m_drive / "velodyne_points" / "data" / (frameName(f) + ".bin"),
                std::string(32, '\0'));
    // Cameras: triggered a few ms after the sweep's forward-facing moment;
    // image_03 lacks frame 1.
    const char* cameraTimes =
        "2011-09-26 13:02:25.967\n2011-09-26 13:02:26.078\n2011-09-26 13:02:26.170\n";
    for (const char* camera : {"image_00", "image_01", "image_02", "image_03"}) {
      writeText(m_drive / camera / "timestamps.txt", cameraTimes);
      for (int f = 0; f < 3; ++f) {
        if (std::string(camera) == "image_03" && f == 1) continue;
        writePngHeader(m_drive / camera / "data" / (frameName(f) + ".png"), 1242, 375);
      }
    }
    // OXTS: 0.001° east, then 0.001° north, turning to face north.
    writeText(m_drive / "oxts" / "timestamps.txt",
              "2011-09-26 13:02:25.951\n2011-09-26 13:02:26.061\n2011-09-26 13:02:26.161\n");
    writeText(m_drive / "oxts" / "data" / (frameName(0) + ".txt"),
              oxtsLine(49.0, 8.4, 110.0, 0, 0, 0));
    writeText(m_drive / "oxts" / "data" / (frameName(1) + ".txt"),
              oxtsLine(49.0, 8.401, 110.0, 0, 0, 0));
    writeText(m_drive / "oxts" / "data" / (frameName(2) + ".txt"),
              oxtsLine(49.001, 8.401, 111.0, 0, 0, std::numbers::pi / 2));
  }
  void TearDown() override { std::filesystem::remove_all(m_date.parent_path()); }

  std::string openError(const std::filesystem::path& path) {
    auto result = openDataset(path);
    EXPECT_FALSE(result.ok());
    return result.ok() ? std::string() : result.error().message;
  }

  std::filesystem::path m_date;
  std::filesystem::path m_drive;
};

TEST_F(KittiRawTest, ParsesTimestampsToNanoseconds) {
  auto t = parseKittiTimestamp("2011-09-26 13:02:25.964389445", "x");
  ASSERT_TRUE(t.ok()) << t.error().message;
  // 2011-09-26 is day 15243 after 1970-01-01.
  EXPECT_EQ(*t, ((15243LL * 24 + 13) * 60 + 2) * 60 * 1'000'000'000LL + 25'964'389'445LL);
  auto shortFraction = parseKittiTimestamp("2011-09-26 13:02:26.167126\r", "x");
  ASSERT_TRUE(shortFraction.ok());
  EXPECT_EQ(*shortFraction - *t, 202'736'555);
  EXPECT_FALSE(parseKittiTimestamp("2011-09-26T13:02:25", "x").ok());
  EXPECT_FALSE(parseKittiTimestamp("2011-13-26 13:02:25", "x").ok());
  EXPECT_FALSE(parseKittiTimestamp("2011-09-26 13:02:25.1234567890", "x").ok());
}

TEST_F(KittiRawTest, OpensFramesWithIrregularTimestamps) {
  auto sequence = openDataset(m_drive);
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  EXPECT_EQ(sequence->format, "kitti-raw");
  EXPECT_EQ(sequence->referenceLidar, "velodyne");
  ASSERT_EQ(sequence->frameCount(), 3u);
  EXPECT_EQ(sequence->frames[0].id, "0000000000");
  EXPECT_EQ(sequence->frames[1].lidar.timestampNs - sequence->frames[0].lidar.timestampNs,
            110'058'932);
  EXPECT_EQ(sequence->frames[2].lidar.timestampNs - sequence->frames[1].lidar.timestampNs,
            92'677'623);
  EXPECT_EQ(sequence->frames[2].lidar.file,
            m_drive / "velodyne_points" / "data" / "0000000002.bin");
  EXPECT_TRUE(sequence->labels.empty());
  auto sweep = sequence->loadSweep(1);
  ASSERT_TRUE(sweep.ok()) << sweep.error().message;
  EXPECT_EQ(sweep->cloud.size(), 2u);
}

TEST_F(KittiRawTest, OpensFromTheDateFolderWhenItHoldsOneDrive) {
  auto sequence = openDataset(m_date);
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  EXPECT_EQ(sequence->format, "kitti-raw");
  EXPECT_EQ(sequence->root, m_drive);
  std::filesystem::create_directories(m_date / "2011_09_26_drive_0001_sync" / "velodyne_points" /
                                      "data");
  writeText(m_date / "2011_09_26_drive_0001_sync" / "velodyne_points" / "timestamps.txt", "");
  DatasetOpenOptions options;
  options.format = "kitti-raw";
  auto several = openDataset(m_date, options);
  ASSERT_FALSE(several.ok());
  EXPECT_NE(several.error().message.find("2011_09_26_drive_0001_sync, 2011_09_26_drive_0048_sync"),
            std::string::npos)
      << several.error().message;
}

TEST_F(KittiRawTest, SyncsEachCameraByTimestamp) {
  auto sequence = openDataset(m_drive);
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  ASSERT_EQ(sequence->cameras.size(), 4u);
  for (const CameraStream& camera : sequence->cameras) {
    const SyncReport report = syncReport(*sequence, camera);
    if (camera.sensor == "image_03") {
      EXPECT_EQ(report.matched, 2u);
      EXPECT_FALSE(camera.frameSample[1].has_value())
          << "frame 1 must not borrow a neighbour's image";
    } else {
      EXPECT_EQ(report.matched, 3u) << camera.sensor;
    }
    // Frame 1's image is 3.55 ms late; image_03 has none, leaving frame 2's 2.87 ms.
    EXPECT_NEAR(report.maxOffsetMs, camera.sensor == "image_03" ? 2.874 : 3.552, 1e-3)
        << camera.sensor;
  }
  auto sample = sequence->cameraSample(2, "image_03");
  ASSERT_TRUE(sample.ok() && sample->has_value());
  EXPECT_EQ((*sample)->file, m_drive / "image_03" / "data" / "0000000002.png");
}

TEST_F(KittiRawTest, PosesFromOxtsAsTheDevkitComputesThem) {
  auto sequence = openDataset(m_drive);
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  ASSERT_EQ(sequence->poses.size(), 3u);
  const auto& poses = sequence->poses.poses();
  EXPECT_TRUE(poses[0].T_world_ego.isApprox(Eigen::Isometry3d::Identity(), 1e-12));
  // 0.001° of longitude at 49°N: cos(49°) · 6378137 · π / 180 · 0.001 = 73.0299 m east.
  const double east =
      std::cos(49.0 * std::numbers::pi / 180.0) * 6378137.0 * std::numbers::pi / 180.0 * 0.001;
  EXPECT_NEAR(east, 73.03, 0.01);
  EXPECT_NEAR(poses[1].T_world_ego.translation().x(), east, 1e-6);
  EXPECT_NEAR(poses[1].T_world_ego.translation().y(), 0.0, 1e-6);
  // 0.001° of latitude: ≈ 111.32 m on the sphere of radius er (Mercator scaled by cos(lat0)).
  EXPECT_NEAR(poses[2].T_world_ego.translation().y(), 6378137.0 * std::numbers::pi / 180.0 * 0.001,
              0.01);
  EXPECT_NEAR(poses[2].T_world_ego.translation().z(), 1.0, 1e-9);
  EXPECT_NEAR(yawOf(Eigen::Matrix3d(poses[2].T_world_ego.rotation())), std::numbers::pi / 2, 1e-6);
  // Pose times are the OXTS timestamps; a frame between them interpolates.
  EXPECT_EQ(poses[1].timestampNs - poses[0].timestampNs, 110'000'000);
  EXPECT_TRUE(sequence->poses.covers(sequence->frames[1].lidar.timestampNs));
}

TEST_F(KittiRawTest, RigReproducesTheProjectionChain) {
  auto sequence = openDataset(m_drive);
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  auto rig = sequence->rig(0);
  ASSERT_TRUE(rig.ok()) << rig.error().message;
  const Sensor* camera = (*rig)->find("image_02");
  ASSERT_NE(camera, nullptr);
  ASSERT_TRUE(camera->camera.has_value());
  EXPECT_EQ(camera->camera->intrinsics().width, 1242);
  EXPECT_EQ(camera->camera->intrinsics().height, 375);

  Eigen::Matrix<double, 3, 4> P2;
  P2 << 7.215377e+02, 0, 6.095593e+02, 4.485728e+01, 0, 7.215377e+02, 1.728540e+02, 2.163791e-01, 0,
      0, 1, 2.745884e-03;
  Eigen::Matrix4d R0 = Eigen::Matrix4d::Identity();
  R0.topLeftCorner<3, 3>() << 9.999239e-01, 9.837760e-03, -7.445048e-03, -9.869795e-03,
      9.999421e-01, -4.278459e-03, 7.402527e-03, 4.351614e-03, 9.999631e-01;
  Eigen::Matrix4d Tr = Eigen::Matrix4d::Identity();
  Tr.topLeftCorner<3, 3>() << 7.533745e-03, -9.999714e-01, -6.166020e-04, 1.480249e-02,
      7.280733e-04, -9.998902e-01, 9.998621e-01, 7.523790e-03, 1.480755e-02;
  Tr.topRightCorner<3, 1>() << -4.069766e-03, -7.631618e-02, -2.717806e-01;
  auto T_cam_velo = (*rig)->transform("image_02", "velodyne");
  ASSERT_TRUE(T_cam_velo.ok());
  for (const Eigen::Vector3d& p :
       {Eigen::Vector3d(10, 2, -1), Eigen::Vector3d(25, -5, 0.5), Eigen::Vector3d(6, 0, -1.5)}) {
    const Eigen::Vector3d h = P2 * R0 * Tr * p.homogeneous();
    const Eigen::Vector2d expected = h.head<2>() / h.z();
    const auto uv = camera->camera->project(*T_cam_velo * p);
    ASSERT_TRUE(uv.has_value());
    // The calibration's R is rounded to 7 digits and re-orthonormalised: sub-pixel agreement.
    EXPECT_NEAR(uv->x(), expected.x(), 0.05);
    EXPECT_NEAR(uv->y(), expected.y(), 0.05);
  }
  // Ego = IMU: the Velodyne sits at T_velo_imu⁻¹, about 0.8 m above the IMU.
  EXPECT_NEAR((*rig)->find("velodyne")->T_ego_sensor.translation().z(), 0.80, 0.02);
}

TEST_F(KittiRawTest, WarnsThatTrackletsAreNotRead) {
  writeText(m_drive / "tracklet_labels.xml", "<boost_serialization/>");
  auto sequence = openDataset(m_drive);
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  ASSERT_EQ(sequence->warnings.size(), 1u);
  EXPECT_NE(sequence->warnings[0].find("tracklet_labels.xml"), std::string::npos);
}

TEST_F(KittiRawTest, MissingTimestampLineNamesTheFileAndLine) {
  writeText(m_drive / "velodyne_points" / "timestamps.txt",
            "2011-09-26 13:02:25.964389445\n2011-09-26 13:02:26.074448377\n");
  const std::string error = openError(m_drive);
  EXPECT_NE(error.find("velodyne_points/timestamps.txt"), std::string::npos) << error;
  EXPECT_NE(error.find("0000000002.bin needs line 3"), std::string::npos) << error;
}

TEST_F(KittiRawTest, MalformedTimestampNamesTheLine) {
  writeText(m_drive / "image_02" / "timestamps.txt",
            "2011-09-26 13:02:25.967\n13:02:26.078\n2011-09-26 13:02:26.170\n");
  const std::string error = openError(m_drive);
  EXPECT_NE(error.find("image_02/timestamps.txt: line 2"), std::string::npos) << error;
}

TEST_F(KittiRawTest, BadOxtsLineNamesTheFile) {
  writeText(m_drive / "oxts" / "data" / (frameName(1) + ".txt"), "49.0 8.401 110.0 0 0 abc\n");
  const std::string error = openError(m_drive);
  EXPECT_NE(error.find("0000000001.txt: line 1"), std::string::npos) << error;
  EXPECT_NE(error.find("'abc' is not a number"), std::string::npos) << error;
  writeText(m_drive / "oxts" / "data" / (frameName(1) + ".txt"), "49.0 8.401 110.0 0 0 0\n");
  const std::string shortLine = openError(m_drive);
  EXPECT_NE(shortLine.find("expected 30 OXTS values, found 6"), std::string::npos) << shortLine;
}

TEST_F(KittiRawTest, MissingCalibrationIsAClearError) {
  std::filesystem::remove(m_date / "calib_velo_to_cam.txt");
  const std::string error = openError(m_drive);
  EXPECT_NE(error.find("calib_velo_to_cam.txt"), std::string::npos) << error;
}

}  // namespace
}  // namespace fuselabel
