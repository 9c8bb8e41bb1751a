// The scene manifest: a complete small scene opens with its sync and poses,
// and every malformed manifest gives an error naming the file and JSON path.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"
#include "datasets/sequence/time_sync.hpp"

namespace fuselabel {
namespace {

class ManifestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = std::filesystem::temp_directory_path() /
            ("fuselabel_manifest_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(m_dir / "lidar");
    PointCloud cloud;
    for (int i = 0; i < 10; ++i)
      cloud.append(static_cast<float>(i), 1.0f, 0.0f, 0.5f);
    for (int f = 0; f < 4; ++f) {
      ASSERT_TRUE(writePointCloud(m_dir / "lidar" / ("00000" + std::to_string(f) + ".bin"), cloud,
                                  PointCloudFormat::KittiBin)
                      .ok());
    }
    m_manifest = nlohmann::json::parse(R"({
      "fuselabel_scene": 1,
      "reference": "lidar_top",
      "sensors": {
        "lidar_top": {"type": "lidar", "format": "kitti-bin",
                      "T_ego_sensor": [1,0,0,0, 0,1,0,0, 0,0,1,1.8, 0,0,0,1]},
        "cam_front": {"type": "camera", "model": "radtan", "K": [1000,0,800,0,1000,450,0,0,1],
                      "distortion": [-0.1, 0.01, 0, 0, 0], "width": 1600, "height": 900,
                      "T_ego_sensor": [0,0,1,1.5, -1,0,0,0, 0,-1,0,1.6, 0,0,0,1],
                      "time_offset_ns": 20000000}
      },
      "samples": {
        "lidar_top": [{"timestamp_ns": 0, "file": "lidar/000000.bin"},
                      {"timestamp_ns": 100000000, "file": "lidar/000001.bin"},
                      {"timestamp_ns": 200000000, "file": "lidar/000002.bin"},
                      {"timestamp_ns": 400000000, "file": "lidar/000003.bin"}],
        "cam_front": [{"timestamp_ns": 25000000, "file": "cam/0.jpg"},
                      {"timestamp_ns": 118000000, "file": "cam/1.jpg"},
                      {"timestamp_ns": 290000000, "file": "cam/2.jpg"}]
      },
      "poses": [{"timestamp_ns": 0, "T_world_ego": [1,0,0,100, 0,1,0,200, 0,0,1,0, 0,0,0,1]},
                {"timestamp_ns": 400000000, "T_world_ego": [1,0,0,104, 0,1,0,200, 0,0,1,0, 0,0,0,1]}]
    })");
  }
  void TearDown() override { std::filesystem::remove_all(m_dir); }

  Result<Sequence> open() {
    std::ofstream(m_dir / "scene.json") << m_manifest.dump();
    return openDataset(m_dir);
  }
  std::string openError() {
    auto result = open();
    EXPECT_FALSE(result.ok());
    return result.ok() ? std::string() : result.error().message;
  }

  std::filesystem::path m_dir;
  nlohmann::json m_manifest;
};

TEST_F(ManifestTest, OpensFramesCamerasSyncAndPoses) {
  auto sequence = open();
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  EXPECT_EQ(sequence->format, "manifest");
  EXPECT_EQ(sequence->frameCount(), 4u);
  EXPECT_EQ(sequence->frames[3].id, "000003");
  ASSERT_EQ(sequence->cameras.size(), 1u);
  const CameraStream& camera = sequence->cameras[0];
  // Delay removed, the samples sit at 5, 98 and 270 ms: 5 ms from frame 0,
  // 2 ms from frame 1, and 70 / 130 ms from frames 2 and 3 — beyond the
  // 50 ms tolerance (half the median 100 ms period), so those have no image.
  EXPECT_EQ(camera.frameSample[0], 0u);
  EXPECT_EQ(camera.frameSample[1], 1u);
  EXPECT_FALSE(camera.frameSample[2].has_value());
  EXPECT_FALSE(camera.frameSample[3].has_value());
  const SyncReport report = syncReport(*sequence, camera);
  EXPECT_EQ(report.matched, 2u);
  EXPECT_NEAR(report.maxOffsetMs, 5.0, 1e-9);
  // Poses are re-anchored at the first one and interpolated.
  EXPECT_TRUE(
      sequence->poses.at(200'000'000).translation().isApprox(Eigen::Vector3d(2.0, 0.0, 0.0)));
  auto sweep = sequence->loadSweep(2);
  ASSERT_TRUE(sweep.ok()) << sweep.error().message;
  EXPECT_EQ(sweep->cloud.size(), 10u);
  auto rig = sequence->rig(0);
  ASSERT_TRUE(rig.ok());
  EXPECT_EQ((*rig)->find("cam_front")->camera->intrinsics().model,
            DistortionModel::RadialTangential);
}

TEST_F(ManifestTest, UnknownKeysWarnButOpen) {
  m_manifest["comment"] = "made by hand";
  m_manifest["sensors"]["cam_front"]["exposure"] = 3;
  auto sequence = open();
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  ASSERT_EQ(sequence->warnings.size(), 2u);
  EXPECT_NE(sequence->warnings[0].find("unknown key 'comment'"), std::string::npos)
      << sequence->warnings[0];
  EXPECT_NE(sequence->warnings[1].find("sensors.cam_front.exposure"), std::string::npos)
      << sequence->warnings[1];
}

TEST_F(ManifestTest, MissingAndMalformedKeysNameTheirPath) {
  m_manifest["sensors"]["cam_front"].erase("K");
  EXPECT_NE(openError().find("scene.json: sensors.cam_front.K: missing"), std::string::npos);
  SetUp();
  m_manifest["sensors"]["cam_front"]["K"] = {1, 2, 3};
  EXPECT_NE(openError().find("sensors.cam_front.K: expected an array of 9 numbers"),
            std::string::npos);
  SetUp();
  m_manifest["sensors"]["cam_front"]["distortion"] = {0.1, 0.2};
  EXPECT_NE(openError().find("2 coefficients do not fit model 'radtan'"), std::string::npos);
  SetUp();
  m_manifest["reference"] = "cam_front";
  EXPECT_NE(openError().find("reference: 'cam_front' is not a lidar"), std::string::npos);
  SetUp();
  m_manifest["fuselabel_scene"] = 2;
  EXPECT_NE(openError().find("version 2 is not supported"), std::string::npos);
  SetUp();
  m_manifest["sensors"]["lidar_top"]["T_ego_sensor"][0] = 2.0;
  EXPECT_NE(openError().find("sensors.lidar_top.T_ego_sensor"), std::string::npos);
  SetUp();
  m_manifest["samples"].erase("cam_front");
  EXPECT_NE(openError().find("samples.cam_front: missing"), std::string::npos);
}

TEST_F(ManifestTest, PathsLeavingTheFolderAreRefused) {
  m_manifest["samples"]["lidar_top"][0]["file"] = "../../etc/passwd";
  EXPECT_NE(openError().find("leaves the manifest's folder"), std::string::npos);
  SetUp();
  m_manifest["samples"]["lidar_top"][0]["file"] = "/etc/passwd";
  EXPECT_NE(openError().find("leaves the manifest's folder"), std::string::npos);
}

TEST_F(ManifestTest, BrokenJsonNamesByteOffset) {
  std::ofstream(m_dir / "scene.json") << "{\"fuselabel_scene\": 1, \"reference\": ";
  auto result = openDataset(m_dir / "scene.json");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("scene.json: byte"), std::string::npos)
      << result.error().message;
}

TEST_F(ManifestTest, MissingSweepFileIsAnErrorWhenRead) {
  std::filesystem::remove(m_dir / "lidar/000002.bin");
  auto sequence = open();
  ASSERT_TRUE(sequence.ok());
  auto sweep = sequence->loadSweep(2);
  ASSERT_FALSE(sweep.ok());
  EXPECT_NE(sweep.error().message.find("000002.bin"), std::string::npos) << sweep.error().message;
}

}  // namespace
}  // namespace fuselabel
