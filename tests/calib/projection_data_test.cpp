// Projection of real sweeps through the rig, checked against an independent
// computation straight from the raw calibration files: KITTI's
// P2 · R0_rect · Tr_velo_to_cam chain and SUSTech's K · extrinsic. Every point
// must land within 0.01 px of the reference, and the same points must be
// inside the image.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <sstream>

#include "calib/projection/sweep_projection.hpp"
#include "calib/readers/kitti_calibration.hpp"
#include "calib/readers/sustech_calibration.hpp"
#include "calib/validation/extrinsic_check.hpp"
#include "support/raw_points.hpp"
#include "support/shared_data.hpp"

namespace fuselabel {
namespace {

using test::sharedDataPath;

/// Reference pixel of one point, computed in double from the raw matrices.
struct ReferencePixel {
  double u, v, depth;
};

/// Key → numbers of a KITTI calib file, parsed here independently of the library.
std::map<std::string, std::vector<double>> parseKittiCalibText(const std::filesystem::path& path) {
  std::map<std::string, std::vector<double>> values;
  std::ifstream stream(path);
  std::string line;
  while (std::getline(stream, line)) {
    std::istringstream fields(line);
    std::string key;
    if (!(fields >> key)) continue;
    if (key.back() == ':') key.pop_back();
    double v;
    while (fields >> v)
      values[key].push_back(v);
  }
  return values;
}

Eigen::Matrix4d padded(const std::vector<double>& v, int rows, int cols) {
  Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c)
      m(r, c) = v[static_cast<size_t>(r * cols + c)];
  }
  return m;
}

/// Compares the library's projection with the reference for every point.
void expectProjectionMatches(const PointCloud& cloud, const SweepProjection& projection,
                             const std::function<ReferencePixel(const Eigen::Vector4d&)>& reference,
                             int width, int height, size_t expectedMinInside) {
  size_t insideReference = 0;
  size_t mismatchedMembership = 0;
  double maxError = 0.0;
  for (size_t i = 0; i < cloud.size(); ++i) {
    const Eigen::Vector4d p(cloud.x()[i], cloud.y()[i], cloud.z()[i], 1.0);
    const ReferencePixel ref = reference(p);
    const bool inside =
        ref.depth > 0 && ref.u >= 0 && ref.v >= 0 && ref.u < width && ref.v < height;
    const bool ours = (projection.flags[i] & SweepProjection::kInsideImage) != 0;
    if (inside != ours) ++mismatchedMembership;
    if (inside) {
      ++insideReference;
      maxError = std::max({maxError, std::abs(double{projection.u[i]} - ref.u),
                           std::abs(double{projection.v[i]} - ref.v)});
    }
  }
  EXPECT_EQ(mismatchedMembership, 0u)
      << "points whose inside-image status differs from the reference";
  EXPECT_LT(maxError, 0.01) << "max pixel error over " << insideReference << " points";
  EXPECT_GE(insideReference, expectedMinInside);
  EXPECT_EQ(projection.countInsideImage(), insideReference);
}

struct KittiFrame {
  std::string velodyne, calib, image;
  size_t points;
  size_t minInside;
};

void checkKittiFrame(const KittiFrame& frame) {
  const auto velodyne = sharedDataPath(frame.velodyne);
  const auto calibFile = sharedDataPath(frame.calib);
  const auto imageFile = sharedDataPath(frame.image);
  FUSELABEL_REQUIRE_SHARED_DATA(velodyne);
  FUSELABEL_REQUIRE_SHARED_DATA(calibFile);
  FUSELABEL_REQUIRE_SHARED_DATA(imageFile);

  const cv::Mat image = cv::imread(imageFile.string(), cv::IMREAD_UNCHANGED);
  ASSERT_FALSE(image.empty());
  auto calibration = readKittiObjectCalibration(calibFile);
  ASSERT_TRUE(calibration.ok()) << calibration.error().message;
  auto rig = makeKittiRig(*calibration, {{2, "image_2", image.cols, image.rows}});
  ASSERT_TRUE(rig.ok()) << rig.error().message;
  auto T_cam_velo = rig->transform("image_2", kKittiVelodyneFrame);
  ASSERT_TRUE(T_cam_velo.ok());

  const PointCloud cloud = test::readRawPoints(velodyne, 16);
  ASSERT_EQ(cloud.size(), frame.points);
  const SweepProjection projection =
      projectSweep(cloud, *T_cam_velo, *rig->find("image_2")->camera);

  const auto raw = parseKittiCalibText(calibFile);
  const std::string rectKey = raw.count("R0_rect") ? "R0_rect" : "R_rect";
  Eigen::Matrix<double, 3, 4> P2;
  for (int i = 0; i < 12; ++i)
    P2(i / 4, i % 4) = raw.at("P2")[static_cast<size_t>(i)];
  const Eigen::Matrix<double, 3, 4> chain =
      P2 * padded(raw.at(rectKey), 3, 3) * padded(raw.at("Tr_velo_to_cam"), 3, 4);
  expectProjectionMatches(
      cloud, projection,
      [&](const Eigen::Vector4d& p) {
        const Eigen::Vector3d uvw = chain * p;
        return ReferencePixel{uvw.x() / uvw.z(), uvw.y() / uvw.z(), uvw.z()};
      },
      image.cols, image.rows, frame.minInside);
  const Sensor& camera = *rig->find("image_2");
  const auto check = validateCameraExtrinsic(camera.T_ego_sensor, "image_2", *camera.camera, &cloud,
                                             rig->find(kKittiVelodyneFrame)->T_ego_sensor);
  EXPECT_TRUE(check.ok()) << check.error().message;
}

TEST(ProjectionData, KittiObjectFramesMatchRawCalibrationChain) {
  const std::string root = "kitti_object_vis/data/object/training/";
  const size_t counts[] = {115384, 120268, 126891};
  for (int i = 0; i < 3; ++i) {
    const std::string id = "00000" + std::to_string(i);
    SCOPED_TRACE(id);
    checkKittiFrame({root + "velodyne/" + id + ".bin", root + "calib/" + id + ".txt",
                     root + "image_2/" + id + ".png", counts[i], 15000});
  }
}

TEST(ProjectionData, MmdetKittiDemoFrameMatchesRawCalibrationChain) {
  checkKittiFrame({"mmdet3d_kitti_demo/demo/data/kitti/000008.bin",
                   "mmdet3d_kitti_demo/converted/calib_000008.txt",
                   "mmdet3d_kitti_demo/demo/data/kitti/000008.png", 17238, 10000});
}

TEST(ProjectionData, InvertedKittiExtrinsicIsDetected) {
  const auto velodyne = sharedDataPath("kitti_object_vis/data/object/training/velodyne/000001.bin");
  const auto calibFile = sharedDataPath("kitti_object_vis/data/object/training/calib/000001.txt");
  FUSELABEL_REQUIRE_SHARED_DATA(velodyne);
  auto calibration = readKittiObjectCalibration(calibFile);
  ASSERT_TRUE(calibration.ok());
  auto rig = makeKittiRig(*calibration, {{2, "image_2", 1242, 375}});
  ASSERT_TRUE(rig.ok());
  const PointCloud cloud = test::readRawPoints(velodyne, 16);
  auto T_cam_velo = rig->transform("image_2", kKittiVelodyneFrame);
  // The mistake users make: the camera → LiDAR matrix used as LiDAR → camera,
  // so the camera's pose in the LiDAR frame becomes T_cam_velo instead of its inverse.
  const Eigen::Isometry3d T_ego_velo = rig->find(kKittiVelodyneFrame)->T_ego_sensor;
  const Eigen::Isometry3d wrongPose = T_ego_velo * (*T_cam_velo);
  auto result = validateCameraExtrinsic(wrongPose, "image_2", *rig->find("image_2")->camera, &cloud,
                                        T_ego_velo);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("looks inverted"), std::string::npos)
      << result.error().message;
  EXPECT_NE(result.error().message.find("image_2"), std::string::npos);
}

TEST(ProjectionData, SustechFramesMatchRawExtrinsicInAllThreeCameras) {
  const std::string root = "sustech_example/data/example/";
  for (const std::string frame : {"000965", "000970", "000975"}) {
    const auto pcd = sharedDataPath(root + "lidar/" + frame + ".pcd");
    FUSELABEL_REQUIRE_SHARED_DATA(pcd);
    // README: 248-byte header, 48-byte records, x y z at 0/4/8, intensity at 16.
    std::ifstream header(pcd);
    std::string line;
    size_t points = 0;
    while (std::getline(header, line) && line.rfind("DATA", 0) != 0) {
      if (line.rfind("POINTS", 0) == 0) points = std::stoul(line.substr(7));
    }
    const PointCloud cloud = test::readRawPoints(pcd, 48, 16, 248, points);
    for (const std::string camera : {"front", "left", "right"}) {
      SCOPED_TRACE(frame + " " + camera);
      const auto calibFile = sharedDataPath(root + "calib/camera/" + camera + ".json");
      const auto imageFile = sharedDataPath(root + "camera/" + camera + "/" + frame + ".jpg");
      FUSELABEL_REQUIRE_SHARED_DATA(calibFile);
      FUSELABEL_REQUIRE_SHARED_DATA(imageFile);
      const cv::Mat image = cv::imread(imageFile.string());
      ASSERT_FALSE(image.empty());
      auto sensor =
          readSustechCamera(calibFile, camera, sustechEgoFromLidar(), image.cols, image.rows);
      ASSERT_TRUE(sensor.ok()) << sensor.error().message;
      SensorRig rig;
      Sensor lidar;
      lidar.name = "lidar";
      lidar.kind = SensorKind::Lidar;
      lidar.T_ego_sensor = sustechEgoFromLidar();
      ASSERT_TRUE(rig.addSensor(lidar).ok());
      ASSERT_TRUE(rig.addSensor(*sensor).ok());
      auto T_cam_lidar = rig.transform(camera, "lidar");
      ASSERT_TRUE(T_cam_lidar.ok());
      const SweepProjection projection = projectSweep(cloud, *T_cam_lidar, *sensor->camera);

      std::ifstream json(calibFile);
      const auto raw = nlohmann::json::parse(json);
      Eigen::Matrix4d extrinsic;
      Eigen::Matrix3d K;
      for (int i = 0; i < 16; ++i)
        extrinsic(i / 4, i % 4) = raw["extrinsic"][static_cast<size_t>(i)];
      for (int i = 0; i < 9; ++i)
        K(i / 3, i % 3) = raw["intrinsic"][static_cast<size_t>(i)];
      expectProjectionMatches(
          cloud, projection,
          [&](const Eigen::Vector4d& p) {
            const Eigen::Vector3d c = (extrinsic * p).head<3>();
            const Eigen::Vector3d uvw = K * c;
            return ReferencePixel{uvw.x() / uvw.z(), uvw.y() / uvw.z(), c.z()};
          },
          image.cols, image.rows, 1000);
    }
  }
}

TEST(ProjectionData, SustechFrontCameraLooksForwardInEgo) {
  const auto calibFile = sharedDataPath("sustech_example/data/example/calib/camera/front.json");
  FUSELABEL_REQUIRE_SHARED_DATA(calibFile);
  auto sensor = readSustechCamera(calibFile, "front", sustechEgoFromLidar(), 2048, 1536);
  ASSERT_TRUE(sensor.ok()) << sensor.error().message;
  // The optical axis (camera +z) must point along ego +x (forward).
  const Eigen::Vector3d axis = sensor->T_ego_sensor.linear() * Eigen::Vector3d::UnitZ();
  EXPECT_GT(axis.x(), 0.95) << axis.transpose();
}

}  // namespace
}  // namespace fuselabel
