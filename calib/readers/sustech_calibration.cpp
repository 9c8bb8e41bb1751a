#include "calib/readers/sustech_calibration.hpp"

#include <nlohmann/json.hpp>

#include "core/geometry/transform.hpp"
#include "core/io/text_file.hpp"

namespace fuselabel {
namespace {

Result<std::vector<double>> numberArray(const nlohmann::json& root, const char* key, size_t count,
                                        const std::string& file) {
  const auto it = root.find(key);
  if (it == root.end()) return Error::inFile(file, std::string("missing key '") + key + "'");
  if (!it->is_array() || it->size() != count) {
    return Error::at(file, std::string("key '") + key + "'",
                     "expected an array of " + std::to_string(count) + " numbers");
  }
  std::vector<double> values;
  for (const auto& v : *it) {
    if (!v.is_number())
      return Error::at(file, std::string("key '") + key + "'", "holds a non-number");
    values.push_back(v.get<double>());
  }
  return values;
}

}  // namespace

Eigen::Isometry3d sustechEgoFromLidar() {
  return fromYawPitchRoll(M_PI_2, 0.0, 0.0, Eigen::Vector3d::Zero());
}

Result<Sensor> readSustechCamera(const std::filesystem::path& file, const std::string& name,
                                 const Eigen::Isometry3d& T_ego_lidar, int width, int height) {
  const std::string fileName = file.string();
  auto content = readTextFile(file);
  if (!content) return content.error();
  const nlohmann::json root = nlohmann::json::parse(*content, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return Error::inFile(fileName, "is not valid JSON");
  if (!root.is_object()) return Error::inFile(fileName, "expected a JSON object");

  auto extrinsic = numberArray(root, "extrinsic", 16, fileName);
  if (!extrinsic) return extrinsic.error();
  auto intrinsic = numberArray(root, "intrinsic", 9, fileName);
  if (!intrinsic) return intrinsic.error();

  auto T_camera_lidar = fromRowMajor4x4(std::span<const double, 16>(extrinsic->data(), 16));
  if (!T_camera_lidar) return T_camera_lidar.error().withContext(fileName + ": 'extrinsic'");

  const auto& k = *intrinsic;
  if (std::abs(k[3]) > 1e-9 || std::abs(k[6]) > 1e-9 || std::abs(k[7]) > 1e-9 ||
      std::abs(k[8] - 1.0) > 1e-9) {
    return Error::at(fileName, "key 'intrinsic'", "is not an upper-triangular K with K[2,2] = 1");
  }
  CameraIntrinsics intrinsics;
  intrinsics.fx = k[0];
  intrinsics.skew = k[1];
  intrinsics.cx = k[2];
  intrinsics.fy = k[4];
  intrinsics.cy = k[5];
  intrinsics.width = width;
  intrinsics.height = height;
  auto model = CameraModel::create(intrinsics);
  if (!model) return model.error().withContext(fileName);

  Sensor sensor;
  sensor.name = name;
  sensor.kind = SensorKind::Camera;
  sensor.T_ego_sensor = T_ego_lidar * T_camera_lidar->inverse();
  sensor.camera = *model;
  return sensor;
}

}  // namespace fuselabel
