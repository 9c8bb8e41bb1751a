#pragma once
// The sensor rig: every sensor of a vehicle as a named frame with its pose in
// the ego frame (T_ego_sensor), and cameras with their lens models. Any
// transform between two sensors is derived from these poses, so there is one
// source of truth per sensor and no pairwise matrix can contradict another.

#include <Eigen/Geometry>

#include <optional>
#include <string>
#include <vector>

#include "calib/camera/camera_model.hpp"
#include "core/util/result.hpp"

namespace fuselabel {

/// What kind of sensor a rig frame belongs to.
enum class SensorKind { Lidar, Camera, Other };

/// One sensor of the rig.
struct Sensor {
  std::string name;  ///< unique within the rig, e.g. "lidar_top", "cam_front"
  SensorKind kind = SensorKind::Other;
  Eigen::Isometry3d T_ego_sensor = Eigen::Isometry3d::Identity();  ///< sensor → ego
  std::optional<CameraModel> camera;                               ///< present for cameras
};

/// Named frames of one vehicle. The ego frame is always present and named "ego".
class SensorRig {
 public:
  /// Name of the vehicle frame every sensor pose is expressed in.
  static constexpr const char* kEgoFrame = "ego";

  /// Adds a sensor. Fails on an empty or duplicate name, the reserved name
  /// "ego", a non-rigid pose, or a camera without a lens model.
  Result<void> addSensor(Sensor sensor);

  /// The sensor called `name`, or nullptr.
  const Sensor* find(const std::string& name) const;

  /// All sensors in the order they were added.
  const std::vector<Sensor>& sensors() const { return m_sensors; }

  /// Names of the cameras, in the order they were added.
  std::vector<std::string> cameraNames() const;

  /// Names of the LiDARs, in the order they were added.
  std::vector<std::string> lidarNames() const;

  /// T_a_b between two frames of the rig ("ego" or a sensor name): maps
  /// coordinates in frame `b` into frame `a`.
  Result<Eigen::Isometry3d> transform(const std::string& a, const std::string& b) const;

 private:
  Result<Eigen::Isometry3d> poseInEgo(const std::string& frame) const;

  std::vector<Sensor> m_sensors;
};

}  // namespace fuselabel
