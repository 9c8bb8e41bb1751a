// The synthetic scene generator: determinism, exact point counts in the truth,
// lane lines landing on the painted strips, and a manifest the product opens.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/annotation/native_file.hpp"
#include "core/geometry/points_in_cuboid.hpp"
#include "core/geometry/transform.hpp"
#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"
#include "datasets/sequence/time_sync.hpp"
#include "datasets/synthetic/synthetic_scene.hpp"
#include "tests/support/scratch_dir.hpp"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

SynthOptions smallScene() {
  SynthOptions o;
  o.frames = 5;
  o.beams = 32;
  o.columns = 512;
  o.cameras = 2;
  o.imageWidth = 192;
  o.imageHeight = 108;
  o.actors = 14;
  o.seed = 7;
  return o;
}

std::string readAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::map<std::string, std::string> folderContents(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file())
      files[fs::relative(entry.path(), root).string()] = readAll(entry.path());
  }
  return files;
}

Eigen::Isometry3d matrixOf(const nlohmann::json& numbers) {
  const std::vector<double> v = numbers.get<std::vector<double>>();
  auto t = fromRowMajor4x4(std::span<const double, 16>(v.data(), 16));
  EXPECT_TRUE(t.ok());
  return t.ok() ? *t : Eigen::Isometry3d::Identity();
}

nlohmann::json readManifest(const fs::path& dir) {
  return nlohmann::json::parse(readAll(dir / "scene.json"));
}

const nlohmann::json* poseAt(const nlohmann::json& manifest, std::int64_t ts) {
  for (const auto& pose : manifest["poses"]) {
    if (pose["timestamp_ns"].get<std::int64_t>() == ts) return &pose["T_world_ego"];
  }
  return nullptr;
}

TEST(SyntheticScene, SameSeedGivesIdenticalBytesWhateverTheThreadCount) {
  const fs::path a = test::freshScratchPath("synth", "det_a");
  const fs::path b = test::freshScratchPath("synth", "det_b");
  SynthOptions options = smallScene();
  options.frames = 3;
  options.threads = 1;
  ASSERT_TRUE(generateSyntheticScene(options, a).ok());
  options.threads = 3;
  ASSERT_TRUE(generateSyntheticScene(options, b).ok());
  const auto filesA = folderContents(a);
  const auto filesB = folderContents(b);
  // manifest, native and OpenLABEL truth, sweeps, images
  ASSERT_EQ(filesA.size(), 1U + 2U + 3U + 2U * 3U);
  for (const auto& [name, bytes] : filesA) {
    ASSERT_TRUE(filesB.count(name)) << name;
    EXPECT_TRUE(bytes == filesB.at(name)) << name << " differs";
  }
  options.seed = 8;
  const fs::path c = test::freshScratchPath("synth", "det_c");
  ASSERT_TRUE(generateSyntheticScene(options, c).ok());
  EXPECT_NE(readAll(a / "lidar_top/000000.pcd"), readAll(c / "lidar_top/000000.pcd"));
  fs::remove_all(a);
  fs::remove_all(b);
  fs::remove_all(c);
}

TEST(SyntheticScene, TruthPointCountsMatchTheWrittenSweeps) {
  const fs::path dir = test::freshScratchPath("synth", "counts");
  auto summary = generateSyntheticScene(smallScene(), dir);
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  const nlohmann::json manifest = readManifest(dir);
  const Eigen::Isometry3d T_ego_lidar = matrixOf(manifest["sensors"]["lidar_top"]["T_ego_sensor"]);
  auto document = loadDocument(dir / kSynthLabelsFile);
  ASSERT_TRUE(document.ok()) << document.error().message;
  ASSERT_EQ(document->info().frameTimestampsNs.size(), 5U);

  std::size_t boxesWithPoints = 0;
  std::size_t totalPoints = 0;
  const auto& sweeps = manifest["samples"]["lidar_top"];
  for (std::size_t f = 0; f < sweeps.size(); ++f) {
    const std::int64_t ts = sweeps[f]["timestamp_ns"].get<std::int64_t>();
    auto file = readPointCloud(dir / sweeps[f]["file"].get<std::string>());
    ASSERT_TRUE(file.ok()) << file.error().message;
    ASSERT_TRUE(file->cloud.hasRing());
    ASSERT_TRUE(file->cloud.hasTime());
    EXPECT_EQ(file->cloud.timestampNs(), ts);
    const nlohmann::json* pose = poseAt(manifest, ts);
    ASSERT_NE(pose, nullptr);
    const Eigen::Isometry3d T_lidar_world = (matrixOf(*pose) * T_ego_lidar).inverse();
    for (const Track& track : document->tracks()) {
      const Instance* instance = track.at(static_cast<FrameIndex>(f));
      if (instance == nullptr) continue;
      const auto* box = std::get_if<Cuboid>(&instance->geometry);
      ASSERT_NE(box, nullptr);
      const auto* count = std::get_if<double>(instance->attributes.find("num_points"));
      ASSERT_NE(count, nullptr);
      ASSERT_NE(instance->attributes.find("visibility"), nullptr);
      ASSERT_NE(instance->attributes.find("occlusion"), nullptr);
      const std::size_t inside = countPointsInCuboid(file->cloud, T_lidar_world * *box);
      EXPECT_EQ(static_cast<double>(inside), *count)
          << track.object.className << " #" << track.object.number << " frame " << f;
      if (inside > 0) ++boxesWithPoints;
      totalPoints += inside;
    }
  }
  EXPECT_GT(boxesWithPoints, 10U);
  EXPECT_GT(totalPoints, 500U);
  // The lead car right ahead of the ego is seen well in every frame.
  const Track& lead = document->tracks().front();
  for (const Instance& instance : lead.instances) {
    EXPECT_GT(std::get<double>(*instance.attributes.find("num_points")),
              3.0);  // ~26 m ahead, 32 beams
    EXPECT_GT(std::get<double>(*instance.attributes.find("visibility")), 0.5);
  }
  fs::remove_all(dir);
}

TEST(SyntheticScene, LaneLinesProjectOntoThePaintedStrips) {
  const fs::path dir = test::freshScratchPath("synth", "lanes");
  SynthOptions options;
  options.frames = 2;
  options.beams = 16;
  options.columns = 256;
  options.cameras = 3;
  options.imageWidth = 480;
  options.imageHeight = 270;
  options.actors = 0;  // nothing may stand on the lines
  ASSERT_TRUE(generateSyntheticScene(options, dir).ok());
  auto sequence = openDataset(dir);
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  auto rig = sequence->rig(0);
  ASSERT_TRUE(rig.ok());
  auto document = loadDocument(dir / kSynthLabelsFile);
  ASSERT_TRUE(document.ok());
  const nlohmann::json manifest = readManifest(dir);

  std::vector<Polyline> solid;
  std::vector<Polyline> dashed;
  for (const Track& track : document->tracks()) {
    if (track.object.className != "lane_solid" && track.object.className != "lane_dashed") continue;
    ASSERT_EQ(track.instances.size(), 1U);
    const Polyline line = std::get<Polyline>(track.instances.front().geometry);
    (track.object.className == "lane_solid" ? solid : dashed).push_back(line);
  }
  ASSERT_EQ(solid.size(), 2U);
  ASSERT_EQ(dashed.size(), 2U);

  for (const std::string& name : rig.value()->cameraNames()) {
    const Sensor* sensor = rig.value()->find(name);
    ASSERT_NE(sensor, nullptr);
    const CameraModel& model = *sensor->camera;
    for (const auto& sample : manifest["samples"][name]) {
      const cv::Mat image =
          cv::imread((dir / sample["file"].get<std::string>()).string(), cv::IMREAD_GRAYSCALE);
      ASSERT_FALSE(image.empty());
      const nlohmann::json* pose = poseAt(manifest, sample["timestamp_ns"].get<std::int64_t>());
      ASSERT_NE(pose, nullptr);
      const Eigen::Isometry3d T_camera_world = (matrixOf(*pose) * sensor->T_ego_sensor).inverse();
      auto meanUnder = [&](const std::vector<Eigen::Vector3d>& points, int& samples) {
        double sum = 0.0;
        samples = 0;
        for (const Eigen::Vector3d& p : points) {
          const Eigen::Vector3d c = T_camera_world * p;
          if (c.z() < 3.0 || c.z() > 20.0) continue;
          const auto pixel = model.project(c);
          if (!pixel || pixel->x() < 2.0 || pixel->y() < 2.0 || pixel->x() > image.cols - 3.0 ||
              pixel->y() > image.rows - 3.0) {
            continue;
          }
          sum += image.at<std::uint8_t>(static_cast<int>(pixel->y()), static_cast<int>(pixel->x()));
          ++samples;
        }
        return samples > 0 ? sum / samples : 0.0;
      };
      std::vector<Eigen::Vector3d> onLine;
      std::vector<Eigen::Vector3d> onRoad;
      for (std::size_t side = 0; side < 2; ++side) {
        // The edge line and, as the reference, the asphalt 1.2 m inside it
        // (towards the dashed divider: no paint there).
        const Polyline& edge = solid[side];
        const Polyline& divider = dashed[side];
        ASSERT_EQ(edge.points.size(), divider.points.size());
        for (std::size_t i = 0; i + 1 < edge.points.size(); ++i) {
          for (int k = 0; k < 8; ++k) {
            const double u = k / 8.0;
            const Eigen::Vector3d e = (1.0 - u) * edge.points[i] + u * edge.points[i + 1];
            const Eigen::Vector3d d = (1.0 - u) * divider.points[i] + u * divider.points[i + 1];
            onLine.push_back(e);
            onRoad.push_back(e + (d - e) * (1.2 / 3.5));
          }
        }
      }
      int lineSamples = 0;
      int roadSamples = 0;
      const double line = meanUnder(onLine, lineSamples);
      const double road = meanUnder(onRoad, roadSamples);
      if (name == "cam_front") {
        EXPECT_GT(lineSamples, 20) << name;
      }
      if (lineSamples < 10) continue;
      EXPECT_GT(roadSamples, 10) << name;
      EXPECT_GT(line, road + 80.0) << name << ": mean under the lane " << line << ", road " << road;
    }
  }
  fs::remove_all(dir);
}

TEST(SyntheticScene, OpensAsADatasetWithTheConfiguredSyncOffsets) {
  const fs::path dir = test::freshScratchPath("synth", "open");
  SynthOptions options = smallScene();
  options.frames = 4;
  options.cameras = 3;
  ASSERT_TRUE(generateSyntheticScene(options, dir).ok());
  auto sequence = openDataset(dir);
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  EXPECT_EQ(sequence->format, "manifest");
  ASSERT_EQ(sequence->frameCount(), 4U);
  EXPECT_FALSE(sequence->poses.empty());
  // The manifest names the truth, native first, so opening the scene finds it.
  ASSERT_EQ(sequence->labels.size(), 2U);
  EXPECT_EQ(sequence->labels[0].format, "native");
  EXPECT_EQ(sequence->labels[0].path.filename(), kSynthLabelsFile);
  EXPECT_EQ(sequence->labels[1].format, "openlabel");
  const auto expected =
      defaultSynthCameras(3, options.imageWidth, options.imageHeight, options.lidarRateHz);
  ASSERT_EQ(sequence->cameras.size(), expected.size());
  for (const SynthCameraOptions& camera : expected) {
    const CameraStream* stream = sequence->camera(camera.name);
    ASSERT_NE(stream, nullptr) << camera.name;
    EXPECT_EQ(stream->sync.offsetNs, camera.timeOffsetNs) << camera.name;
    const SyncReport report = syncReport(*sequence, *stream);
    EXPECT_EQ(report.matched, 4U) << camera.name;
    EXPECT_EQ(report.maxOffsetMs, 0.0) << camera.name;
  }
  EXPECT_EQ(expected[0].timeOffsetNs, 50'000'000);  // the LiDAR faces forward mid-turn
  auto sweep = sequence->loadSweep(0);
  ASSERT_TRUE(sweep.ok()) << sweep.error().message;
  EXPECT_GT(sweep->cloud.size(), 5000U);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace fuselabel
