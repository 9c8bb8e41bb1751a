// Every real recording in ../shared/data that has LiDAR opens as a sequence,
// through its own layout or through a manifest written from its README, with
// the frame counts, point counts, sync and calibration the README states.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/sequence/frame_projection.hpp"
#include "datasets/sequence/time_sync.hpp"
#include "support/real_data_manifests.hpp"
#include "support/scratch_dir.hpp"
#include "support/shared_data.hpp"

namespace fuselabel {
namespace {

using test::sharedDataPath;

std::filesystem::path scratch(const std::string& name) {
  return fuselabel::test::freshScratchPath("seq", name);
}

TEST(RealDatasets, KittiObjectFolder) {
  const auto root = sharedDataPath("kitti_object_vis/data/object/training");
  FUSELABEL_REQUIRE_SHARED_DATA(root);
  auto sequence = openDataset(root);
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  EXPECT_EQ(sequence->format, "kitti-object");
  ASSERT_EQ(sequence->frameCount(), 3u);
  const size_t points[] = {115384, 120268, 126891};
  for (size_t f = 0; f < 3; ++f) {
    auto sweep = sequence->loadSweep(f);
    ASSERT_TRUE(sweep.ok()) << sweep.error().message;
    EXPECT_EQ(sweep->cloud.size(), points[f]);
  }
  ASSERT_EQ(sequence->cameras.size(), 1u);
  EXPECT_EQ(syncReport(*sequence, sequence->cameras[0]).matched, 3u);
  // Frame 000000's image is 1224×370, the others 1242×375: the rig is per frame.
  EXPECT_EQ((*sequence->rig(0))->find("image_2")->camera->intrinsics().width, 1224);
  EXPECT_EQ((*sequence->rig(1))->find("image_2")->camera->intrinsics().width, 1242);
  ASSERT_EQ(sequence->labels.size(), 1u);
  EXPECT_EQ(sequence->labels[0].files, 3u);
}

TEST(RealDatasets, MmdetKittiDemoThroughAKittiLayoutOfLinks) {
  const auto demo = sharedDataPath("mmdet3d_kitti_demo");
  FUSELABEL_REQUIRE_SHARED_DATA(demo / "demo/data/kitti/000008.bin");
  // How a user opens loose KITTI files: a KITTI folder of symbolic links.
  const auto root = scratch("kitti_demo");
  for (const char* folder : {"velodyne", "image_2", "calib"})
    std::filesystem::create_directories(root / folder);
  std::filesystem::create_symlink(demo / "demo/data/kitti/000008.bin",
                                  root / "velodyne/000008.bin");
  std::filesystem::create_symlink(demo / "demo/data/kitti/000008.png", root / "image_2/000008.png");
  std::filesystem::create_symlink(demo / "converted/calib_000008.txt", root / "calib/000008.txt");
  auto sequence = openDataset(root);
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  auto projected = projectFrame(*sequence, 0, "image_2");
  ASSERT_TRUE(projected.ok()) << projected.error().message;
  EXPECT_EQ(projected->sweep.cloud.size(), 17238u);
  // The sweep is cropped to the camera's view: nearly all of it lands in the image.
  EXPECT_GT(projected->projection.countInsideImage(), 15000u);
  std::filesystem::remove_all(root);
}

TEST(RealDatasets, SustechKeepsIrregularFrameGapsAndMissingImages) {
  const auto root = sharedDataPath("sustech_example/data/example");
  FUSELABEL_REQUIRE_SHARED_DATA(root);
  auto sequence = openDataset(root);
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  ASSERT_EQ(sequence->frameCount(), 4u);
  // 950 → 965 is 15 frame numbers: 1.5 s at the default 10 Hz, not 0.1 s.
  EXPECT_EQ(sequence->frames[1].lidar.timestampNs - sequence->frames[0].lidar.timestampNs,
            1'500'000'000);
  EXPECT_EQ(sequence->frames[2].lidar.timestampNs - sequence->frames[1].lidar.timestampNs,
            500'000'000);
  ASSERT_EQ(sequence->cameras.size(), 3u);
  for (const CameraStream& camera : sequence->cameras) {
    const SyncReport report = syncReport(*sequence, camera);
    EXPECT_EQ(report.matched, 3u) << camera.sensor;
    EXPECT_EQ(report.unmatched, 1u) << camera.sensor;
    EXPECT_FALSE(camera.frameSample[0].has_value()) << "frame 000950 has no images";
  }
  const size_t points[] = {68242, 66781, 66899, 67153};
  for (size_t f = 0; f < 4; ++f) {
    auto sweep = sequence->loadSweep(f);
    ASSERT_TRUE(sweep.ok()) << sweep.error().message;
    EXPECT_EQ(sweep->cloud.size(), points[f]);
  }
}

TEST(RealDatasets, NuscenesKeyframeThroughManifestShowsRealCameraOffsets) {
  FUSELABEL_REQUIRE_SHARED_DATA(
      sharedDataPath("mmdet3d_nuscenes_demo/converted/n015-2018-07-24-11-22-45+0800.pkl.json"));
  const auto dir = scratch("nuscenes");
  const auto manifest = test::writeNuscenesManifest(dir);
  DatasetOpenOptions options;
  options.allowOutsidePaths = true;
  auto sequence = openDataset(manifest, options);
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  ASSERT_EQ(sequence->frameCount(), 1u);
  ASSERT_EQ(sequence->cameras.size(), 6u);
  double maxOffset = 0.0;
  for (const CameraStream& camera : sequence->cameras) {
    const SyncReport report = syncReport(*sequence, camera);
    EXPECT_EQ(report.matched, 1u) << camera.sensor;
    maxOffset = std::max(maxOffset, report.maxOffsetMs);
  }
  // README: camera timestamps differ from the LiDAR's by up to 43 ms.
  EXPECT_NEAR(maxOffset, 43.1, 0.5);

  // The rig's LIDAR_TOP → camera transform is inv(cam2ego) · lidar2ego. (The
  // info file's own lidar2cam also folds in the ego motion between the LiDAR
  // and camera timestamps, so it is not a rig transform.)
  std::ifstream stream(
      sharedDataPath("mmdet3d_nuscenes_demo/converted/n015-2018-07-24-11-22-45+0800.pkl.json"));
  const auto info = nlohmann::json::parse(stream);
  auto matrixOf = [](const nlohmann::json& rows) {
    Eigen::Matrix4d m;
    for (int r = 0; r < 4; ++r) {
      for (int c = 0; c < 4; ++c)
        m(r, c) = rows[static_cast<size_t>(r)][static_cast<size_t>(c)].get<double>();
    }
    return m;
  };
  const Eigen::Matrix4d lidar2ego = matrixOf(info["data_list"][0]["lidar_points"]["lidar2ego"]);
  auto rig = sequence->rig(0);
  ASSERT_TRUE(rig.ok());
  for (const auto& [camera, data] : info["data_list"][0]["images"].items()) {
    auto T = (*rig)->transform(camera, "LIDAR_TOP");
    ASSERT_TRUE(T.ok());
    const Eigen::Matrix4d expected = matrixOf(data["cam2ego"]).inverse() * lidar2ego;
    EXPECT_TRUE(T->matrix().isApprox(expected, 1e-5)) << camera;
  }
  // Projection into CAM_FRONT counts the same points as K · inv(cam2ego) · lidar2ego
  // computed here from the info file.
  auto projected = projectFrame(*sequence, 0, "CAM_FRONT");
  ASSERT_TRUE(projected.ok()) << projected.error().message;
  EXPECT_EQ(projected->sweep.cloud.size(), 34688u);
  const auto& front = info["data_list"][0]["images"]["CAM_FRONT"];
  const Eigen::Matrix4d T = matrixOf(front["cam2ego"]).inverse() * lidar2ego;
  Eigen::Matrix3d K;
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c)
      K(r, c) = front["cam2img"][static_cast<size_t>(r)][static_cast<size_t>(c)].get<double>();
  }
  size_t inside = 0;
  const PointCloud& cloud = projected->sweep.cloud;
  for (size_t i = 0; i < cloud.size(); ++i) {
    const Eigen::Vector3d p =
        (T * Eigen::Vector4d(cloud.x()[i], cloud.y()[i], cloud.z()[i], 1.0)).head<3>();
    if (p.z() <= 0.0) continue;
    const Eigen::Vector3d uvw = K * p;
    const double u = uvw.x() / uvw.z();
    const double v = uvw.y() / uvw.z();
    if (u >= 0.0 && v >= 0.0 && u < 1600.0 && v < 900.0) ++inside;
  }
  EXPECT_GT(inside, 2000u);
  EXPECT_EQ(projected->projection.countInsideImage(), inside);
  std::filesystem::remove_all(dir);
}

TEST(RealDatasets, ArgoverseSweepsThroughManifest) {
  FUSELABEL_REQUIRE_SHARED_DATA(
      sharedDataPath("av2_sensor_test/converted/city_SE3_egovehicle.csv"));
  const auto dir = scratch("av2");
  const auto manifest = test::writeArgoverseManifest(dir);
  DatasetOpenOptions options;
  options.allowOutsidePaths = true;
  auto sequence = openDataset(manifest, options);
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  ASSERT_EQ(sequence->frameCount(), 2u);
  EXPECT_EQ(sequence->poses.size(), 2706u);
  EXPECT_EQ(sequence->cameras.size(), 7u);
  const size_t points[] = {99229, 99466};
  for (size_t f = 0; f < 2; ++f) {
    auto sweep = sequence->loadSweep(f);
    ASSERT_TRUE(sweep.ok()) << sweep.error().message;
    EXPECT_EQ(sweep->cloud.size(), points[f]);
    EXPECT_TRUE(sweep->cloud.hasRing());
  }
  // No images here, but calibration alone projects: the front camera sees the road ahead.
  auto projected = projectFrame(*sequence, 0, "ring_front_center");
  ASSERT_TRUE(projected.ok()) << projected.error().message;
  EXPECT_FALSE(projected->image.has_value());
  EXPECT_GT(projected->projection.countInsideImage(), 2000u);
  // Both sweeps lie inside the recorded pose span, and the interpolated poses
  // move the ego as the city poses recorded at those instants do.
  const std::int64_t t0 = sequence->frames[0].lidar.timestampNs;
  const std::int64_t t1 = sequence->frames[1].lidar.timestampNs;
  ASSERT_TRUE(sequence->poses.covers(t0));
  ASSERT_TRUE(sequence->poses.covers(t1));
  std::map<std::int64_t, Eigen::Vector3d> recorded;
  {
    std::ifstream csv(sharedDataPath("av2_sensor_test/converted/city_SE3_egovehicle.csv"));
    std::string line;
    std::getline(csv, line);
    while (std::getline(csv, line)) {
      const auto f = test::splitCsv(line);
      const std::int64_t t = std::stoll(f[0]);
      if (t == t0 || t == t1)
        recorded[t] = Eigen::Vector3d(std::stod(f[5]), std::stod(f[6]), std::stod(f[7]));
    }
  }
  ASSERT_EQ(recorded.size(), 2u) << "the city poses include both sweep timestamps";
  const double moved =
      (sequence->poses.at(t1).translation() - sequence->poses.at(t0).translation()).norm();
  EXPECT_NEAR(moved, (recorded[t1] - recorded[t0]).norm(), 1e-6);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace fuselabel
