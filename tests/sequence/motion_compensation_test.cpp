// De-skewing on a synthetic moving-ego scene where the truth is known: static
// world points measured during a 0.1 s sweep while the car drives and turns,
// then projected into a camera triggered at the end of the sweep.

#include <gtest/gtest.h>

#include <random>

#include "calib/camera/camera_model.hpp"
#include "core/geometry/transform.hpp"
#include "datasets/sequence/motion_compensation.hpp"
#include "tests/support/time_units.hpp"

namespace fuselabel {
namespace {

using test::kMs;

/// 20 m/s forward while turning left at 0.5 rad/s, a pose every 10 ms.
PoseTrack drivingPoses() {
  std::vector<StampedPose> poses;
  for (std::int64_t t = 0; t <= 300 * kMs; t += 10 * kMs) {
    const double s = static_cast<double>(t) / 1e9;
    const double yaw = 0.5 * s;
    // Integrated arc of radius v/ω = 40 m.
    const Eigen::Vector3d position(40.0 * std::sin(yaw), 40.0 * (1.0 - std::cos(yaw)), 0.0);
    poses.push_back({t, fromYawPitchRoll(yaw, 0.0, 0.0, position)});
  }
  return PoseTrack::fromGlobalPoses(poses).value();
}

TEST(MotionCompensation, ReducesReprojectionErrorOfAMovingEgo) {
  const PoseTrack poses = drivingPoses();
  const Eigen::Isometry3d T_ego_lidar = fromYawPitchRoll(0.0, 0.0, 0.0, {0.0, 0.0, 1.8});
  Eigen::Isometry3d T_ego_camera = Eigen::Isometry3d::Identity();
  T_ego_camera.linear() << 0, 0, 1, -1, 0, 0, 0, -1, 0;
  T_ego_camera.translation() = Eigen::Vector3d(1.5, 0.0, 1.5);
  CameraIntrinsics k;
  k.fx = k.fy = 1000.0;
  k.cx = 800.0;
  k.cy = 450.0;
  k.width = 1600;
  k.height = 900;
  const CameraModel camera = CameraModel::create(k).value();

  // Static points ahead of the car, each measured at its own time in the sweep.
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> ahead(8.0, 40.0), side(-10.0, 10.0), height(-1.5, 2.0);
  const std::int64_t sweepStart = 100 * kMs;
  PointCloud cloud;
  cloud.enableTime();
  cloud.setTimestampNs(sweepStart);
  std::vector<Eigen::Vector3d> world;
  constexpr int kPoints = 20000;
  for (int i = 0; i < kPoints; ++i) {
    const std::int64_t offset = static_cast<std::int64_t>(i) * 100 * kMs / kPoints;
    const Eigen::Vector3d p_world =
        poses.at(sweepStart) * Eigen::Vector3d(ahead(rng), side(rng), height(rng));
    const Eigen::Vector3d p_lidar =
        (poses.at(sweepStart + offset) * T_ego_lidar).inverse() * p_world;
    const size_t index =
        cloud.append(static_cast<float>(p_lidar.x()), static_cast<float>(p_lidar.y()),
                     static_cast<float>(p_lidar.z()), 0.0f);
    cloud.timeOffsetNs()[index] = static_cast<std::int32_t>(offset);
    world.push_back(p_world);
  }

  const std::int64_t cameraTime = sweepStart + 100 * kMs;  // triggered as the sweep ends
  const Eigen::Isometry3d T_camera_lidar = T_ego_camera.inverse() * T_ego_lidar;
  auto meanError = [&](const PointCloud& points) {
    double sum = 0.0;
    int count = 0;
    for (size_t i = 0; i < points.size(); ++i) {
      const auto truth = camera.project((poses.at(cameraTime) * T_ego_camera).inverse() * world[i]);
      const auto seen = camera.project(
          T_camera_lidar * Eigen::Vector3d(points.x()[i], points.y()[i], points.z()[i]));
      if (!truth || !seen || !camera.isInsideImage(truth->x(), truth->y())) continue;
      sum += (*truth - *seen).norm();
      ++count;
    }
    EXPECT_GT(count, 1000);
    return sum / count;
  };

  ASSERT_TRUE(canCompensateMotion(cloud, poses));
  const double raw = meanError(cloud);
  PointCloud compensated = cloud;
  compensateMotion(compensated, poses, T_ego_lidar, cameraTime);
  const double corrected = meanError(compensated);
  // Up to 2 m of travel and 3° of turn during the sweep: tens of pixels of error.
  EXPECT_GT(raw, 10.0);
  EXPECT_LT(corrected, 0.5);
  EXPECT_LT(corrected, raw / 20.0);
}

TEST(MotionCompensation, NoTimesOrNoPosesLeavesTheCloudAlone) {
  PointCloud cloud;
  cloud.append(1.0f, 2.0f, 3.0f, 0.0f);
  EXPECT_FALSE(canCompensateMotion(cloud, drivingPoses()));
  compensateMotion(cloud, drivingPoses(), Eigen::Isometry3d::Identity(), 0);
  EXPECT_EQ(cloud.x()[0], 1.0f);
  cloud.enableTime();
  EXPECT_FALSE(canCompensateMotion(cloud, PoseTrack{}));
}

}  // namespace
}  // namespace fuselabel
