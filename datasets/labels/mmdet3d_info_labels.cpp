// mmdetection3d v1.x "info" files (the .pkl its converters write, here as the
// same data in JSON): `metainfo.categories` (name → label) and `data_list[]`,
// one entry per sample with `timestamp` (s), `lidar_points.lidar2ego` and
// `instances[]` holding `bbox_3d = [x, y, z, l, w, h, yaw]` and
// `bbox_label_3d`. For nuScenes-style infos the box is in the LiDAR frame with
// (x, y, z) at the gravity centre and yaw about +z from +x; that convention is
// checked against the points (docs/label_formats.md). KITTI infos keep boxes
// in rectified camera coordinates and are refused with a pointer to label_2.
// Samples carry no instance tokens, so every box is its own object. Read only:
// these files come out of a converter; they are not something to write back.

#include <cmath>
#include <fstream>
#include <map>

#include "datasets/io/json_file.hpp"
#include "datasets/labels/label_common.hpp"
#include "datasets/labels/label_formats_impl.hpp"

namespace fuselabel::labels {
namespace {

constexpr ClassMapping kNuscenesInfoClasses[] = {
    {"car", "car", nullptr, nullptr},
    {"truck", "truck", nullptr, nullptr},
    {"trailer", "trailer", nullptr, nullptr},
    {"bus", "bus", nullptr, nullptr},
    {"construction_vehicle", "construction_vehicle", nullptr, nullptr},
    {"bicycle", "bicycle", nullptr, nullptr},
    {"motorcycle", "motorcycle", nullptr, nullptr},
    {"pedestrian", "pedestrian", nullptr, nullptr},
    {"traffic_cone", "traffic_cone", nullptr, nullptr},
    {"barrier", "barrier", nullptr, nullptr},
};

// A sample's capture time matches a dataset frame within this (the info's
// seconds are the sweep's microseconds as a double).
constexpr std::int64_t kFrameMatchToleranceNs = 5'000'000;

Result<Eigen::Isometry3d> matrix4(const nlohmann::json& rows, const std::string& file,
                                  const std::string& where) {
  if (!rows.is_array() || rows.size() != 4) return Error::at(file, where, "expected a 4x4 matrix");
  Eigen::Matrix4d m;
  for (int r = 0; r < 4; ++r) {
    const auto& row = rows[static_cast<std::size_t>(r)];
    if (!row.is_array() || row.size() != 4) return Error::at(file, where, "expected a 4x4 matrix");
    for (int c = 0; c < 4; ++c) {
      const auto& v = row[static_cast<std::size_t>(c)];
      if (!v.is_number()) return Error::at(file, where, "expected numbers");
      m(r, c) = v.get<double>();
    }
  }
  Eigen::Isometry3d T;
  T.matrix() = m;
  return T;
}

std::string datasetName(const nlohmann::json& metainfo) {
  for (const char* key : {"dataset", "DATASET"}) {
    if (metainfo.contains(key) && metainfo[key].is_string())
      return metainfo[key].get<std::string>();
  }
  return {};
}

// The context frame captured at `timestampNs`, or nothing.
std::optional<FrameIndex> frameAt(const std::vector<LabelFrame>& frames, std::int64_t timestampNs) {
  for (std::size_t i = 0; i < frames.size(); ++i) {
    if (std::llabs(frames[i].timestampNs - timestampNs) <= kFrameMatchToleranceNs)
      return static_cast<FrameIndex>(i);
  }
  return std::nullopt;
}

}  // namespace

bool detectMmdet3dInfo(const std::filesystem::path& path) {
  if (std::filesystem::is_directory(path) || path.extension() != ".json") return false;
  std::ifstream stream(path, std::ios::binary);
  std::string head(4096, '\0');
  stream.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(stream.gcount()));
  return head.find("\"metainfo\"") != std::string::npos &&
         (head.find("\"data_list\"") != std::string::npos ||
          head.find("\"categories\"") != std::string::npos);
}

Result<LabelImport> readMmdet3dInfo(const std::filesystem::path& path,
                                    const LabelContext& context) {
  const std::string file = path.string();
  auto parsed = readJsonFile(path);
  if (!parsed) return parsed.error();
  const nlohmann::json& root = *parsed;
  if (!root.is_object() || !root.contains("metainfo") || !root.contains("data_list") ||
      !root["data_list"].is_array())
    return Error::inFile(file, "not an mmdetection3d info file (needs metainfo and data_list)");
  const std::string dataset = datasetName(root["metainfo"]);
  if (dataset != "nuscenes")
    return Error::inFile(file, "mmdetection3d info of dataset '" + dataset +
                                   "' is not supported: only nuScenes-style infos (boxes in the "
                                   "LiDAR frame) are; for KITTI read label_2 instead");
  std::map<int, std::string> names;
  if (root["metainfo"].contains("categories") && root["metainfo"]["categories"].is_object()) {
    for (const auto& [name, label] : root["metainfo"]["categories"].items()) {
      if (label.is_number_integer()) names[label.get<int>()] = name;
    }
  }

  DocumentBuilder builder(context, "mmdet3d");
  const nlohmann::json& samples = root["data_list"];
  if (!builder.hasContextFrames()) {
    // One frame per sample; world = the first sample's ego.
    std::vector<LabelFrame> frames;
    std::optional<Eigen::Isometry3d> T_world_global;
    for (std::size_t s = 0; s < samples.size(); ++s) {
      const std::string where = "data_list[" + std::to_string(s) + "]";
      const auto& sample = samples[s];
      if (!sample.contains("timestamp") || !sample["timestamp"].is_number())
        return Error::at(file, where + ".timestamp", "expected a number (seconds)");
      Eigen::Isometry3d T_global_ego = Eigen::Isometry3d::Identity();
      if (sample.contains("ego2global")) {
        auto T = matrix4(sample["ego2global"], file, where + ".ego2global");
        if (!T) return T.error();
        T_global_ego = *T;
      }
      // The anchor is exactly the identity: stored rotations are not quite
      // orthonormal, and inverse(T) · T would leave micrometres of error.
      const bool anchor = !T_world_global;
      if (anchor) T_world_global = T_global_ego.inverse();
      const std::string id = sample.contains("token") && sample["token"].is_string()
                                 ? sample["token"].get<std::string>()
                                 : std::to_string(s);
      frames.push_back({id, std::llround(sample["timestamp"].get<double>() * 1e6) * 1000,
                        anchor ? Eigen::Isometry3d::Identity() : *T_world_global * T_global_ego});
    }
    builder.defineFrames(std::move(frames));
  }

  std::size_t unmatched = 0;
  for (std::size_t s = 0; s < samples.size(); ++s) {
    const std::string where = "data_list[" + std::to_string(s) + "]";
    const auto& sample = samples[s];
    if (!sample.contains("timestamp") || !sample["timestamp"].is_number())
      return Error::at(file, where + ".timestamp", "expected a number (seconds)");
    const std::int64_t timestampNs = std::llround(sample["timestamp"].get<double>() * 1e6) * 1000;
    const std::optional<FrameIndex> frame = frameAt(builder.frames(), timestampNs);
    if (!frame) {
      ++unmatched;
      continue;
    }
    if (!sample.contains("lidar_points") || !sample["lidar_points"].contains("lidar2ego"))
      return Error::at(file, where + ".lidar_points.lidar2ego",
                       "missing: boxes are in the LiDAR frame");
    auto T_ego_lidar =
        matrix4(sample["lidar_points"]["lidar2ego"], file, where + ".lidar_points.lidar2ego");
    if (!T_ego_lidar) return T_ego_lidar.error();
    if (!sample.contains("instances") || !sample["instances"].is_array()) continue;
    const Eigen::Isometry3d T_world_lidar = builder.T_world_ego(*frame) * *T_ego_lidar;
    const auto& instances = sample["instances"];
    for (std::size_t i = 0; i < instances.size(); ++i) {
      const std::string at = where + ".instances[" + std::to_string(i) + "]";
      const auto& item = instances[i];
      if (!item.contains("bbox_3d") || !item["bbox_3d"].is_array() || item["bbox_3d"].size() < 7)
        return Error::at(file, at + ".bbox_3d", "expected [x, y, z, l, w, h, yaw]");
      double b[7];
      for (std::size_t k = 0; k < 7; ++k) {
        const auto& v = item["bbox_3d"][k];
        if (!v.is_number() || !std::isfinite(v.get<double>()))
          return Error::at(file, at + ".bbox_3d", "expected 7 finite numbers");
        b[k] = v.get<double>();
      }
      const int label = item.contains("bbox_label_3d") && item["bbox_label_3d"].is_number_integer()
                            ? item["bbox_label_3d"].get<int>()
                            : -1;
      Attributes attributes;
      std::string className = "other_object";
      if (const auto name = names.find(label); name != names.end()) {
        bool known = true;
        className = importClass(kNuscenesInfoClasses, name->second, attributes, known);
        if (!known)
          builder.warnings.push_back(file + ": " + at + ": unknown category " + name->second +
                                     " kept as is");
      } else {
        builder.warnings.push_back(file + ": " + at + ": label " + std::to_string(label) +
                                   " has no category; read as other_object");
      }
      const ObjectId id = builder.object(where + "/" + std::to_string(i), className);
      Instance instance;
      instance.frame = *frame;
      instance.geometry =
          T_world_lidar * Cuboid::fromYaw({b[0], b[1], b[2]}, {b[3], b[4], b[5]}, b[6]);
      instance.attributes = std::move(attributes);
      if (item.contains("num_lidar_pts") && item["num_lidar_pts"].is_number())
        instance.attributes.set("num_points", item["num_lidar_pts"].get<double>());
      if (auto ok = builder.addInstance(id, std::move(instance)); !ok)
        return ok.error().withContext(file);
    }
  }
  if (unmatched > 0)
    builder.warnings.push_back(file + ": " + std::to_string(unmatched) +
                               " samples match no frame of the dataset by time; left out");
  return LabelImport{builder.finish(), std::move(builder.warnings)};
}

Result<LabelExport> writeMmdet3dInfo(const Document&, const std::filesystem::path& path,
                                     const LabelContext&) {
  return Error::inFile(path.string(),
                       "writing mmdetection3d info files is not supported (read only); use "
                       "nuscenes, openlabel or native");
}

}  // namespace fuselabel::labels
