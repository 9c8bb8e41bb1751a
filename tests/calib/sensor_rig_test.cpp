// The rig derives every sensor-to-sensor transform from the sensors' ego
// poses; these tests pin the direction of each transform.

#include <gtest/gtest.h>

#include "calib/rig/sensor_rig.hpp"
#include "core/geometry/transform.hpp"

namespace fuselabel {
namespace {

Sensor lidarAt(const std::string& name, const Eigen::Vector3d& position, double yaw) {
  Sensor sensor;
  sensor.name = name;
  sensor.kind = SensorKind::Lidar;
  sensor.T_ego_sensor = fromYawPitchRoll(yaw, 0.0, 0.0, position);
  return sensor;
}

TEST(SensorRig, TransformMapsSecondFrameIntoFirst) {
  SensorRig rig;
  ASSERT_TRUE(rig.addSensor(lidarAt("lidar", {1.0, 0.0, 2.0}, M_PI_2)).ok());
  // A point 1 m along the lidar's x axis is 1 m along the ego's y axis
  // (rotated 90° left), offset by the mount position.
  auto T_ego_lidar = rig.transform("ego", "lidar");
  ASSERT_TRUE(T_ego_lidar.ok());
  const Eigen::Vector3d inEgo = *T_ego_lidar * Eigen::Vector3d(1.0, 0.0, 0.0);
  EXPECT_TRUE(inEgo.isApprox(Eigen::Vector3d(1.0, 1.0, 2.0), 1e-12)) << inEgo.transpose();

  auto T_lidar_ego = rig.transform("lidar", "ego");
  ASSERT_TRUE(T_lidar_ego.ok());
  EXPECT_TRUE((*T_lidar_ego * inEgo).isApprox(Eigen::Vector3d(1.0, 0.0, 0.0), 1e-12));
}

TEST(SensorRig, SensorToSensorComposesThroughEgo) {
  SensorRig rig;
  ASSERT_TRUE(rig.addSensor(lidarAt("a", {1.0, 2.0, 0.5}, 0.3)).ok());
  ASSERT_TRUE(rig.addSensor(lidarAt("b", {-1.0, 0.5, 1.5}, -1.1)).ok());
  auto T_a_b = rig.transform("a", "b");
  ASSERT_TRUE(T_a_b.ok());
  const Eigen::Vector3d p_b(3.0, -2.0, 1.0);
  const Eigen::Vector3d viaEgo =
      rig.find("a")->T_ego_sensor.inverse() * (rig.find("b")->T_ego_sensor * p_b);
  EXPECT_TRUE((*T_a_b * p_b).isApprox(viaEgo, 1e-12));
}

TEST(SensorRig, RejectsDuplicatesUnknownFramesAndNonRigidPoses) {
  SensorRig rig;
  ASSERT_TRUE(rig.addSensor(lidarAt("lidar", {0, 0, 0}, 0)).ok());
  EXPECT_FALSE(rig.addSensor(lidarAt("lidar", {0, 0, 0}, 0)).ok());
  EXPECT_FALSE(rig.addSensor(lidarAt("ego", {0, 0, 0}, 0)).ok());

  Sensor scaled = lidarAt("scaled", {0, 0, 0}, 0);
  scaled.T_ego_sensor.matrix()(0, 0) = 2.0;
  auto result = rig.addSensor(scaled);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("scaled"), std::string::npos) << result.error().message;

  Sensor camera;
  camera.name = "cam";
  camera.kind = SensorKind::Camera;
  EXPECT_FALSE(rig.addSensor(camera).ok());

  auto missing = rig.transform("ego", "nowhere");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("nowhere"), std::string::npos);
}

}  // namespace
}  // namespace fuselabel
