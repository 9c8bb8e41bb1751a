// KITTI tracking: a small two-sequence folder written from the format's
// description opens one sequence at a time, with frame-number timestamps
// (gaps kept), OXTS poses, the tracking calibration's spelling and its labels;
// an unknown sequence or a bad OXTS line is a clear error.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>

#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/sequence/time_sync.hpp"
#include "tests/support/fixture_files.hpp"

namespace fuselabel {
namespace {

using test::writePngHeader;
using test::writeText;

// Tracking spelling: no colon after the key, R_rect / Tr_velo_cam / Tr_imu_velo.
constexpr const char* kCalib =
    R"(P0: 7.215377e+02 0.000000e+00 6.095593e+02 0.000000e+00 0.000000e+00 7.215377e+02 1.728540e+02 0.000000e+00 0.000000e+00 0.000000e+00 1.000000e+00 0.000000e+00
P1: 7.215377e+02 0.000000e+00 6.095593e+02 -3.875744e+02 0.000000e+00 7.215377e+02 1.728540e+02 0.000000e+00 0.000000e+00 0.000000e+00 1.000000e+00 0.000000e+00
P2: 7.215377e+02 0.000000e+00 6.095593e+02 4.485728e+01 0.000000e+00 7.215377e+02 1.728540e+02 2.163791e-01 0.000000e+00 0.000000e+00 1.000000e+00 2.745884e-03
P3: 7.215377e+02 0.000000e+00 6.095593e+02 -3.395242e+02 0.000000e+00 7.215377e+02 1.728540e+02 2.199936e+00 0.000000e+00 0.000000e+00 1.000000e+00 2.729905e-03
R_rect 9.999239e-01 9.837760e-03 -7.445048e-03 -9.869795e-03 9.999421e-01 -4.278459e-03 7.402527e-03 4.351614e-03 9.999631e-01
Tr_velo_cam 7.533745e-03 -9.999714e-01 -6.166020e-04 -4.069766e-03 1.480249e-02 7.280733e-04 -9.998902e-01 -7.631618e-02 9.998621e-01 7.523790e-03 1.480755e-02 -2.717806e-01
Tr_imu_velo 9.999976e-01 7.553071e-04 -2.035826e-03 -8.086759e-01 -7.854027e-04 9.998898e-01 -1.482298e-02 3.195559e-01 2.024406e-03 1.482454e-02 9.998881e-01 -7.997231e-01
)";

std::string oxtsLine(double lat, double lon, double yaw) {
  std::string line =
      std::to_string(lat) + " " + std::to_string(lon) + " 110 0 0 " + std::to_string(yaw);
  for (int i = 6; i < 30; ++i)
    line += " 0.5";
  return line + "\n";
}

class KittiTrackingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_root = std::filesystem::temp_directory_path() /
             ("fuselabel_kitti_tracking_" + std::to_string(::getpid()) + "_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name()) /
             "training";
    // Sequence 0000: frames 0, 1 and 3 (frame 2's sweep is missing, as in
    // some real sequences); images for all four frames.
    for (const char* frame : {"000000", "000001", "000003"}) {
      writeText(m_root / "velodyne" / "0000" / (std::string(frame) + ".bin"),
                std::string(48, '\0'));
    }
    for (const char* frame : {"000000", "000001", "000002", "000003"}) {
      writePngHeader(m_root / "image_02" / "0000" / (std::string(frame) + ".png"), 1224, 370);
    }
    writeText(m_root / "calib" / "0000.txt", kCalib);
    writeText(m_root / "oxts" / "0000.txt", oxtsLine(49.0, 8.4, 0) + oxtsLine(49.0, 8.401, 0) +
                                                oxtsLine(49.0, 8.402, 0) +
                                                oxtsLine(49.0, 8.403, 0.1) + "\n");
    writeText(m_root / "label_02" / "0000.txt",
              "0 0 Car 0 0 -1.79 296.7 161.7 455.2 292.1 2.00 1.82 4.43 -4.55 1.77 13.75 -2.12\n");
    // Sequence 0004: one frame, no oxts, no labels.
    writeText(m_root / "velodyne" / "0004" / "000000.bin", std::string(16, '\0'));
    writePngHeader(m_root / "image_02" / "0004" / "000000.png", 1242, 375);
    writeText(m_root / "calib" / "0004.txt", kCalib);
  }
  void TearDown() override { std::filesystem::remove_all(m_root.parent_path()); }

  Result<Sequence> open(const std::string& sequenceName = "") {
    DatasetOpenOptions options;
    options.sequence = sequenceName;
    return openDataset(m_root, options);
  }

  std::filesystem::path m_root;
};

TEST_F(KittiTrackingTest, OpensTheFirstSequenceWithGapsKept) {
  auto sequence = open();
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  EXPECT_EQ(sequence->format, "kitti-tracking");
  ASSERT_EQ(sequence->frameCount(), 3u);
  EXPECT_EQ(sequence->frames[2].id, "000003");
  EXPECT_EQ(sequence->frames[0].lidar.timestampNs, 0);
  EXPECT_EQ(sequence->frames[1].lidar.timestampNs, 100'000'000);
  EXPECT_EQ(sequence->frames[2].lidar.timestampNs, 300'000'000);
  ASSERT_EQ(sequence->cameras.size(), 1u);
  const CameraStream& camera = sequence->cameras[0];
  EXPECT_EQ(camera.sensor, "image_02");
  EXPECT_EQ(camera.samples.size(), 4u);
  const SyncReport report = syncReport(*sequence, camera);
  EXPECT_EQ(report.matched, 3u);
  EXPECT_EQ(report.maxOffsetMs, 0.0);
  auto sample = sequence->cameraSample(2, "image_02");
  ASSERT_TRUE(sample.ok() && sample->has_value());
  EXPECT_EQ((*sample)->file, m_root / "image_02" / "0000" / "000003.png");
  ASSERT_EQ(sequence->labels.size(), 1u);
  EXPECT_EQ(sequence->labels[0].format, "kitti-tracking");
  EXPECT_EQ(sequence->labels[0].path, m_root / "label_02" / "0000.txt");
  EXPECT_EQ(sequence->labels[0].files, 1u);
  auto sweep = sequence->loadSweep(2);
  ASSERT_TRUE(sweep.ok()) << sweep.error().message;
  EXPECT_EQ(sweep->cloud.size(), 3u);
}

TEST_F(KittiTrackingTest, PosesFollowTheOxtsLines) {
  auto sequence = open();
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  ASSERT_EQ(sequence->poses.size(), 4u);
  const double east =
      std::cos(49.0 * std::numbers::pi / 180.0) * 6378137.0 * std::numbers::pi / 180.0 * 0.001;
  // Frame 3 (300 ms) sits three steps east of frame 0, with the heading of line 4.
  const Eigen::Isometry3d T = sequence->poses.at(sequence->frames[2].lidar.timestampNs);
  EXPECT_NEAR(T.translation().x(), 3 * east, 1e-6);
  EXPECT_NEAR(T.translation().y(), 0.0, 1e-6);
  EXPECT_TRUE(T.linear().isApprox(
      Eigen::AngleAxisd(0.1, Eigen::Vector3d::UnitZ()).toRotationMatrix(), 1e-9));
}

TEST_F(KittiTrackingTest, RigFromTheTrackingCalibrationAndImageSize) {
  auto sequence = open();
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  auto rig = sequence->rig(0);
  ASSERT_TRUE(rig.ok()) << rig.error().message;
  const Sensor* camera = (*rig)->find("image_02");
  ASSERT_NE(camera, nullptr);
  EXPECT_EQ(camera->camera->intrinsics().width, 1224);
  EXPECT_EQ(camera->camera->intrinsics().height, 370);
  Eigen::Matrix<double, 3, 4> P2;
  P2 << 7.215377e+02, 0, 6.095593e+02, 4.485728e+01, 0, 7.215377e+02, 1.728540e+02, 2.163791e-01, 0,
      0, 1, 2.745884e-03;
  Eigen::Matrix4d R0 = Eigen::Matrix4d::Identity();
  R0.topLeftCorner<3, 3>() << 9.999239e-01, 9.837760e-03, -7.445048e-03, -9.869795e-03,
      9.999421e-01, -4.278459e-03, 7.402527e-03, 4.351614e-03, 9.999631e-01;
  Eigen::Matrix4d Tr;
  Tr << 7.533745e-03, -9.999714e-01, -6.166020e-04, -4.069766e-03, 1.480249e-02, 7.280733e-04,
      -9.998902e-01, -7.631618e-02, 9.998621e-01, 7.523790e-03, 1.480755e-02, -2.717806e-01, 0, 0,
      0, 1;
  auto T_cam_velo = (*rig)->transform("image_02", "velodyne");
  ASSERT_TRUE(T_cam_velo.ok());
  const Eigen::Vector3d p(15, 3, -1);
  const Eigen::Vector3d h = P2 * R0 * Tr * p.homogeneous();
  const auto uv = camera->camera->project(*T_cam_velo * p);
  ASSERT_TRUE(uv.has_value());
  EXPECT_NEAR(uv->x(), h.x() / h.z(), 0.05);
  EXPECT_NEAR(uv->y(), h.y() / h.z(), 0.05);
}

TEST_F(KittiTrackingTest, OpensANamedSequence) {
  auto sequence = open("0004");
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  EXPECT_EQ(sequence->frameCount(), 1u);
  EXPECT_TRUE(sequence->poses.empty());
  EXPECT_TRUE(sequence->labels.empty());
  bool warnedOxts = false;
  for (const auto& warning : sequence->warnings)
    warnedOxts = warnedOxts || warning.find("oxts") != std::string::npos;
  EXPECT_TRUE(warnedOxts);
}

TEST_F(KittiTrackingTest, UnknownSequenceListsTheKnownOnes) {
  auto sequence = open("0007");
  ASSERT_FALSE(sequence.ok());
  EXPECT_NE(sequence.error().message.find("no sequence '0007' (sequences: 0000, 0004)"),
            std::string::npos)
      << sequence.error().message;
}

TEST_F(KittiTrackingTest, BadOxtsLineNamesFileAndLine) {
  writeText(m_root / "oxts" / "0000.txt", oxtsLine(49.0, 8.4, 0) + "49.0 8.401 110 0 0 0 1 2\n");
  auto sequence = open();
  ASSERT_FALSE(sequence.ok());
  EXPECT_NE(
      sequence.error().message.find("oxts/0000.txt: line 2: expected 30 OXTS values, found 8"),
      std::string::npos)
      << sequence.error().message;
}

TEST_F(KittiTrackingTest, IsNotMistakenForKittiObject) {
  EXPECT_TRUE(looksLikeKittiTracking(m_root));
  EXPECT_FALSE(looksLikeKittiRaw(m_root));
  EXPECT_FALSE(looksLikeNuscenes(m_root));
}

}  // namespace
}  // namespace fuselabel
