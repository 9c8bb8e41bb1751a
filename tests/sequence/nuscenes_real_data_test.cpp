// nuScenes tables checked against the real demo keyframe: a one-sample table
// set whose calibrated_sensor and ego_pose rows carry the sample's real
// calibration (from the mmdetection3d info file, converted to translation +
// [w, x, y, z]) and whose sample_data point at the real files opens with the
// real point count, the real camera offsets and the sample's lidar2cam.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/sequence/time_sync.hpp"
#include "nuscenes_fixture.hpp"
#include "support/shared_data.hpp"

namespace fuselabel {
namespace {

using test::NuscenesTableWriter;
using test::sharedDataPath;

Eigen::Isometry3d matrixFrom(const nlohmann::json& rows) {
  Eigen::Matrix4d m;
  for (int r = 0; r < 4; ++r) {
    for (int c = 0; c < 4; ++c)
      m(r, c) = rows[static_cast<size_t>(r)][static_cast<size_t>(c)].get<double>();
  }
  Eigen::Isometry3d T = Eigen::Isometry3d::Identity();
  // The file stores float32 matrices: snap the rotation to the nearest rotation.
  T.linear() =
      Eigen::Quaterniond(Eigen::Matrix3d(m.topLeftCorner<3, 3>())).normalized().toRotationMatrix();
  T.translation() = m.topRightCorner<3, 1>();
  return T;
}

/// The µs timestamp nuScenes puts at the end of every sample file name.
std::int64_t timestampOfFile(const std::string& name) {
  const auto end = name.find('.');
  const auto start = name.rfind("__", end) + 2;
  return std::stoll(name.substr(start, end - start));
}

TEST(NuscenesRealData, DemoKeyframeThroughTables) {
  const auto info =
      sharedDataPath("mmdet3d_nuscenes_demo/converted/n015-2018-07-24-11-22-45+0800.pkl.json");
  const auto data = sharedDataPath("mmdet3d_nuscenes_demo/demo/data/nuscenes");
  FUSELABEL_REQUIRE_SHARED_DATA(info);
  FUSELABEL_REQUIRE_SHARED_DATA(data);
  std::ifstream infoStream(info);
  const nlohmann::json entry = nlohmann::json::parse(infoStream)["data_list"][0];

  const auto root = std::filesystem::temp_directory_path() /
                    ("fuselabel_nuscenes_real_" + std::to_string(::getpid()));
  std::filesystem::remove_all(root);
  NuscenesTableWriter writer(root);
  writer.addScene("scene-0553");
  const std::int64_t lidarUs =
      timestampOfFile(entry["lidar_points"]["lidar_path"].get<std::string>());
  const std::string sample = writer.addSample(lidarUs);
  const Eigen::Isometry3d T_global_ego = matrixFrom(entry["ego2global"]);
  const auto link = [&](const std::string& folder, const std::string& name) {
    const std::string relative = "samples/" + folder + "/" + name;
    std::filesystem::create_directories(root / "samples" / folder);
    std::filesystem::create_symlink(data / name, root / relative);
    return relative;
  };

  const Eigen::Isometry3d T_ego_lidar = matrixFrom(entry["lidar_points"]["lidar2ego"]);
  const std::string lidarFile = entry["lidar_points"]["lidar_path"].get<std::string>();
  const std::string lidarToken = writer.addCalibratedSensor(
      NuscenesTableWriter::SensorSpec("LIDAR_TOP", "lidar", T_ego_lidar));
  writer.addSampleData(sample, lidarToken, link("LIDAR_TOP", lidarFile), lidarUs, true,
                       T_global_ego, 0, 0, false);
  for (const auto& [channel, camera] : entry["images"].items()) {
    NuscenesTableWriter::SensorSpec spec(channel, "camera", matrixFrom(camera["cam2ego"]));
    for (int r = 0; r < 3; ++r) {
      for (int c = 0; c < 3; ++c)
        spec.K(r, c) = camera["cam2img"][static_cast<size_t>(r)][static_cast<size_t>(c)];
    }
    const std::string token = writer.addCalibratedSensor(spec);
    const std::string file = camera["img_path"].get<std::string>();
    // Each camera's own ego pose: the real one is not in the info file; the lidar's is close enough
    // here.
    writer.addSampleData(sample, token, link(channel, file), timestampOfFile(file), true,
                         T_global_ego, 1600, 900, false);
  }
  writer.write();

  auto sequence = openDataset(root);
  ASSERT_TRUE(sequence.ok()) << sequence.error().message;
  EXPECT_EQ(sequence->format, "nuscenes");
  ASSERT_EQ(sequence->frameCount(), 1u);
  EXPECT_TRUE(sequence->frames[0].keyframe);
  auto sweep = sequence->loadSweep(0);
  ASSERT_TRUE(sweep.ok()) << sweep.error().message;
  EXPECT_EQ(sweep->cloud.size(), 34688u);

  auto rig = sequence->rig(0);
  ASSERT_TRUE(rig.ok()) << rig.error().message;
  ASSERT_EQ(sequence->cameras.size(), 6u);
  std::vector<double> speeds;
  for (const auto& [channel, camera] : entry["images"].items()) {
    auto T_cam_lidar = (*rig)->transform(channel, "LIDAR_TOP");
    ASSERT_TRUE(T_cam_lidar.ok()) << T_cam_lidar.error().message;
    // The rig: camera ← ego ← LIDAR_TOP from the calibrated_sensor rows.
    const Eigen::Isometry3d T_cam_ego = matrixFrom(camera["cam2ego"]).inverse();
    const Eigen::Matrix4d expected = (T_cam_ego * T_ego_lidar).matrix();
    for (int r = 0; r < 3; ++r) {
      for (int c = 0; c < 4; ++c) {
        EXPECT_NEAR(T_cam_lidar->matrix()(r, c), expected(r, c), 1e-5)
            << channel << " (" << r << "," << c << ")";
      }
    }
    // The info file's lidar2cam also carries the ego motion between the
    // LiDAR and the camera timestamps (mmdetection3d chains both ego poses):
    // lidar2cam = T_cam_ego · T_ego(t_cam)_ego(t_lidar) · T_ego_lidar. The
    // motion left once our rig is removed must be a forward drive at one speed
    // (~9.2 m/s) for every camera, with little sideways motion or rotation.
    const Eigen::Isometry3d lidar2cam = matrixFrom(camera["lidar2cam"]);
    const Eigen::Isometry3d motion = T_cam_ego.inverse() * lidar2cam * T_ego_lidar.inverse();
    const double seconds =
        static_cast<double>(lidarUs - timestampOfFile(camera["img_path"].get<std::string>())) *
        1e-6;
    EXPECT_LT(Eigen::AngleAxisd(motion.linear()).angle(), 0.05 * seconds + 1e-4)
        << channel;  // < 3°/s of body motion
    if (seconds > 0.005) speeds.push_back(motion.translation().x() / seconds);
    EXPECT_LT(std::hypot(motion.translation().y(), motion.translation().z()), 0.3 * seconds + 1e-3)
        << channel;
    const Sensor* sensor = (*rig)->find(channel);
    ASSERT_NE(sensor, nullptr);
    EXPECT_EQ(sensor->camera->intrinsics().width, 1600);
    EXPECT_EQ(sensor->camera->intrinsics().height, 900);

    // The keyframe's images are paired with the sweep, and the camera's delay
    // is the real one (up to ~43 ms before the LiDAR timestamp).
    const CameraStream* stream = sequence->camera(channel);
    ASSERT_NE(stream, nullptr);
    ASSERT_TRUE(stream->frameSample[0].has_value()) << channel;
    const std::int64_t delayNs =
        (timestampOfFile(camera["img_path"].get<std::string>()) - lidarUs) * 1000;
    EXPECT_EQ(stream->sync.offsetNs, delayNs) << channel;
    EXPECT_LE(std::llabs(delayNs), 43'200'000) << channel;
  }
  EXPECT_EQ(sequence->camera("CAM_FRONT_LEFT")->sync.offsetNs, -43'107'000);
  ASSERT_EQ(speeds.size(), 5u);
  for (double speed : speeds)
    EXPECT_NEAR(speed, 9.23, 0.05);
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace fuselabel
