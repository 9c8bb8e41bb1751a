#include "calib/rig/sensor_rig.hpp"

#include "core/geometry/transform.hpp"

namespace fuselabel {

Result<void> SensorRig::addSensor(Sensor sensor) {
  if (sensor.name.empty()) return Error{"a sensor needs a name"};
  if (sensor.name == kEgoFrame) return Error{"'ego' is the vehicle frame, not a sensor name"};
  if (find(sensor.name) != nullptr) return Error{"sensor '" + sensor.name + "' is defined twice"};
  if (sensor.kind == SensorKind::Camera && !sensor.camera) {
    return Error{"camera '" + sensor.name + "' has no intrinsics"};
  }
  const Eigen::Matrix4d& m = sensor.T_ego_sensor.matrix();
  if (!m.allFinite()) return Error{"sensor '" + sensor.name + "': pose has non-finite values"};
  auto rotation = validatedRotation(m.topLeftCorner<3, 3>());
  if (!rotation) return rotation.error().withContext("sensor '" + sensor.name + "' pose");
  sensor.T_ego_sensor.linear() = *rotation;
  m_sensors.push_back(std::move(sensor));
  return success();
}

const Sensor* SensorRig::find(const std::string& name) const {
  for (const Sensor& sensor : m_sensors) {
    if (sensor.name == name) return &sensor;
  }
  return nullptr;
}

std::vector<std::string> SensorRig::cameraNames() const {
  std::vector<std::string> names;
  for (const Sensor& sensor : m_sensors) {
    if (sensor.kind == SensorKind::Camera) names.push_back(sensor.name);
  }
  return names;
}

std::vector<std::string> SensorRig::lidarNames() const {
  std::vector<std::string> names;
  for (const Sensor& sensor : m_sensors) {
    if (sensor.kind == SensorKind::Lidar) names.push_back(sensor.name);
  }
  return names;
}

Result<Eigen::Isometry3d> SensorRig::poseInEgo(const std::string& frame) const {
  if (frame == kEgoFrame) return Eigen::Isometry3d::Identity();
  const Sensor* sensor = find(frame);
  if (sensor == nullptr) return Error{"the rig has no frame named '" + frame + "'"};
  return sensor->T_ego_sensor;
}

Result<Eigen::Isometry3d> SensorRig::transform(const std::string& a, const std::string& b) const {
  auto T_ego_a = poseInEgo(a);
  if (!T_ego_a) return T_ego_a.error();
  auto T_ego_b = poseInEgo(b);
  if (!T_ego_b) return T_ego_b.error();
  // T_a_b = T_a_ego · T_ego_b
  return Eigen::Isometry3d(T_ego_a->inverse() * (*T_ego_b));
}

}  // namespace fuselabel
