#pragma once
// Scene manifests for the real recordings that ship without a layout
// fuselabel reads natively (the nuScenes keyframe, the Argoverse 2 sweeps),
// written from the facts in ../shared/data/README.md. They point at the
// shared files in place (absolute paths), so opening them needs
// DatasetOpenOptions::allowOutsidePaths.

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/shared_data.hpp"

namespace fuselabel::test {

inline nlohmann::json rowMajor(const nlohmann::json& matrix4x4) {
  nlohmann::json flat = nlohmann::json::array();
  for (const auto& row : matrix4x4) {
    for (const auto& v : row)
      flat.push_back(v);
  }
  return flat;
}

/// Writes `dir`/scene.json for the nuScenes keyframe: LIDAR_TOP and six
/// cameras with their real timestamps (µs in the file names), the rig from
/// the converted info file, and the ego pose.
inline std::filesystem::path writeNuscenesManifest(const std::filesystem::path& dir) {
  const auto root = sharedDataPath("mmdet3d_nuscenes_demo");
  std::ifstream stream(root / "converted/n015-2018-07-24-11-22-45+0800.pkl.json");
  const auto info = nlohmann::json::parse(stream);
  const auto& sample = info["data_list"][0];
  const auto files = root / "demo/data/nuscenes";
  auto timestampFromName = [](const std::string& name) {
    const auto end = name.rfind('.');
    const auto start = name.rfind("__", name.find('.', name.rfind("__"))) + 2;
    const std::string digits = name.substr(start, name.find('.', start) - start);
    (void)end;
    return std::stoll(digits) * 1000;  // µs → ns
  };
  nlohmann::json manifest;
  manifest["fuselabel_scene"] = 1;
  manifest["reference"] = "LIDAR_TOP";
  const std::string lidarName = sample["lidar_points"]["lidar_path"];
  manifest["sensors"]["LIDAR_TOP"] = {
      {"type", "lidar"},
      {"format", "nuscenes-bin"},
      {"T_ego_sensor", rowMajor(sample["lidar_points"]["lidar2ego"])}};
  manifest["samples"]["LIDAR_TOP"] = {
      {{"timestamp_ns", timestampFromName(lidarName)}, {"file", (files / lidarName).string()}}};
  for (const auto& [camera, data] : sample["images"].items()) {
    nlohmann::json K = nlohmann::json::array();
    for (const auto& row : data["cam2img"]) {
      for (const auto& v : row)
        K.push_back(v);
    }
    // nuScenes cameras run at 12 Hz: a keyframe's images lie within half a
    // camera period (about 42 ms) of the LiDAR sweep, not half a LiDAR period.
    manifest["sensors"][camera] = {{"type", "camera"},
                                   {"model", "pinhole"},
                                   {"K", K},
                                   {"width", 1600},
                                   {"height", 900},
                                   {"T_ego_sensor", rowMajor(data["cam2ego"])},
                                   {"sync_tolerance_ns", 50'000'000}};
    const std::string image = data["img_path"];
    manifest["samples"][camera] = {
        {{"timestamp_ns", timestampFromName(image)}, {"file", (files / image).string()}}};
  }
  manifest["poses"] = {{{"timestamp_ns", timestampFromName(lidarName)},
                        {"T_world_ego", rowMajor(sample["ego2global"])}}};
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "scene.json") << manifest.dump(2);
  return dir / "scene.json";
}

/// Splits one CSV line (no quoting in these files).
inline std::vector<std::string> splitCsv(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ','))
    fields.push_back(field);
  return fields;
}

/// Writes `dir`/scene.json for the two Argoverse 2 sweeps (points already in
/// the ego frame), the ring cameras' calibration (there are no images), and
/// the city poses.
inline std::filesystem::path writeArgoverseManifest(const std::filesystem::path& dir) {
  const auto root = sharedDataPath("av2_sensor_test/converted");
  nlohmann::json manifest;
  manifest["fuselabel_scene"] = 1;
  manifest["reference"] = "lidar";
  manifest["sensors"]["lidar"] = {
      {"type", "lidar"},
      {"format", "float32"},
      {"fields", {"x", "y", "z", "intensity", "ring"}},
      {"T_ego_sensor", {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}}};
  nlohmann::json lidarSamples = nlohmann::json::array();
  for (const std::string ts : {"315966265259836000", "315966265360032000"}) {
    lidarSamples.push_back({{"timestamp_ns", std::stoll(ts)},
                            {"file", (root / "sensors/lidar" / (ts + ".bin")).string()}});
  }
  manifest["samples"]["lidar"] = lidarSamples;

  // Sensor poses: sensor_name,qw,qx,qy,qz,tx_m,ty_m,tz_m (sensor → ego).
  std::map<std::string, std::vector<double>> poses;
  {
    std::ifstream csv(root / "calibration/egovehicle_SE3_sensor.csv");
    std::string line;
    std::getline(csv, line);
    const auto header = splitCsv(line);
    while (std::getline(csv, line)) {
      const auto f = splitCsv(line);
      std::map<std::string, std::string> row;
      for (size_t i = 0; i < header.size() && i < f.size(); ++i)
        row[header[i]] = f[i];
      poses[row["sensor_name"]] = {std::stod(row["qw"]),   std::stod(row["qx"]),
                                   std::stod(row["qy"]),   std::stod(row["qz"]),
                                   std::stod(row["tx_m"]), std::stod(row["ty_m"]),
                                   std::stod(row["tz_m"])};
    }
  }
  std::ifstream csv(root / "calibration/intrinsics.csv");
  std::string line;
  std::getline(csv, line);
  const auto header = splitCsv(line);
  while (std::getline(csv, line)) {
    const auto f = splitCsv(line);
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < header.size() && i < f.size(); ++i)
      row[header[i]] = f[i];
    const std::string name = row["sensor_name"];
    if (name.rfind("ring_", 0) != 0 || !poses.count(name)) continue;
    const auto& p = poses[name];
    const double w = p[0], x = p[1], y = p[2], z = p[3];
    const double R[9] = {1 - 2 * (y * y + z * z), 2 * (x * y - z * w),     2 * (x * z + y * w),
                         2 * (x * y + z * w),     1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
                         2 * (x * z - y * w),     2 * (y * z + x * w),     1 - 2 * (x * x + y * y)};
    manifest["sensors"][name] = {
        {"type", "camera"},
        {"model", "radtan"},
        {"K",
         {std::stod(row["fx_px"]), 0, std::stod(row["cx_px"]), 0, std::stod(row["fy_px"]),
          std::stod(row["cy_px"]), 0, 0, 1}},
        // Argoverse's radial k1 k2 k3 in OpenCV order k1 k2 p1 p2 k3.
        {"distortion",
         {std::stod(row["k1"]), std::stod(row["k2"]), 0.0, 0.0, std::stod(row["k3"])}},
        {"width", std::stoi(row["width_px"])},
        {"height", std::stoi(row["height_px"])},
        {"T_ego_sensor",
         {R[0], R[1], R[2], p[4], R[3], R[4], R[5], p[5], R[6], R[7], R[8], p[6], 0, 0, 0, 1}}};
    manifest["samples"][name] = nlohmann::json::array();
  }
  // City poses: timestamp_ns,qw,qx,qy,qz,tx_m,ty_m,tz_m (ego → city).
  std::ifstream posesCsv(sharedDataPath("av2_sensor_test/converted/city_SE3_egovehicle.csv"));
  std::getline(posesCsv, line);
  const auto poseHeader = splitCsv(line);
  nlohmann::json egoPoses = nlohmann::json::array();
  while (std::getline(posesCsv, line)) {
    const auto f = splitCsv(line);
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < poseHeader.size() && i < f.size(); ++i)
      row[poseHeader[i]] = f[i];
    const double w = std::stod(row["qw"]), x = std::stod(row["qx"]), y = std::stod(row["qy"]),
                 z = std::stod(row["qz"]);
    egoPoses.push_back(
        {{"timestamp_ns", std::stoll(row["timestamp_ns"])},
         {"T_world_ego",
          {1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
           std::stod(row["tx_m"]), 2 * (x * y + z * w), 1 - 2 * (x * x + z * z),
           2 * (y * z - x * w), std::stod(row["ty_m"]), 2 * (x * z - y * w), 2 * (y * z + x * w),
           1 - 2 * (x * x + y * y), std::stod(row["tz_m"]), 0, 0, 0, 1}}});
  }
  manifest["poses"] = egoPoses;
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "scene.json") << manifest.dump(1);
  return dir / "scene.json";
}

}  // namespace fuselabel::test
