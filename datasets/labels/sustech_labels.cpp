// SUSTech SCAPES / SUSTechPOINTS label JSON (`label/<frame>.json`): an array
// of {obj_type, obj_id, psr: {position, scale, rotation}}. position is the box
// centre in the LiDAR frame (x left, y back, z up), scale is (length, width,
// height) along the box's own x, y, z, rotation holds Euler angles with
// R = Rx(x) · Ry(y) · Rz(z) (three.js order 'XYZ'). obj_id is the track.
// World = T_world_ego(frame) · T_ego_lidar · box.

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "calib/readers/sustech_calibration.hpp"
#include "datasets/adapters/folder_listing.hpp"
#include "datasets/io/json_file.hpp"
#include "datasets/labels/label_common.hpp"
#include "datasets/labels/label_formats_impl.hpp"

namespace fuselabel::labels {
namespace {

constexpr ClassMapping kSustechClasses[] = {
    {"Car", "car", nullptr, nullptr},
    {"Van", "van", nullptr, nullptr},
    {"Bus", "bus", nullptr, nullptr},
    {"Truck", "truck", nullptr, nullptr},
    {"Pedestrian", "pedestrian", nullptr, nullptr},
    {"Rider", "cyclist", nullptr, nullptr},
    {"BicycleRider", "cyclist", nullptr, nullptr},
    {"Motor", "motorcycle", nullptr, nullptr},
    {"Motorcycle", "motorcycle", nullptr, nullptr},
    {"Scooter", "motorcycle", nullptr, nullptr},
    {"MotorcyclistRider", "motorcyclist", nullptr, nullptr},
    {"ScooterRider", "motorcyclist", nullptr, nullptr},
    {"Bicycle", "bicycle", nullptr, nullptr},
    {"Cone", "traffic_cone", nullptr, nullptr},
    {"TrafficBarrier", "barrier", nullptr, nullptr},
    {"BabyCart", "stroller", nullptr, nullptr},
};

using Json = nlohmann::json;

Eigen::Isometry3d lidarToEgo(const LabelContext& context) {
  return context.T_ego_lidar ? *context.T_ego_lidar : sustechEgoFromLidar();
}

Result<Eigen::Vector3d> vector3(const Json& parent, const char* key, const std::string& where) {
  if (!parent.is_object() || !parent.contains(key) || !parent[key].is_object()) {
    return Error{where + "." + key + ": expected an object {x, y, z}"};
  }
  const Json& v = parent[key];
  Eigen::Vector3d out;
  const char* axes[] = {"x", "y", "z"};
  for (int i = 0; i < 3; ++i) {
    if (!v.contains(axes[i]) || !v[axes[i]].is_number()) {
      return Error{where + "." + key + "." + axes[i] + ": expected a number"};
    }
    out[i] = v[axes[i]].get<double>();
  }
  return out;
}

Eigen::Matrix3d rotationXyz(const Eigen::Vector3d& r) {
  return (Eigen::AngleAxisd(r.x(), Eigen::Vector3d::UnitX()) *
          Eigen::AngleAxisd(r.y(), Eigen::Vector3d::UnitY()) *
          Eigen::AngleAxisd(r.z(), Eigen::Vector3d::UnitZ()))
      .toRotationMatrix();
}

Eigen::Vector3d eulerXyz(const Eigen::Matrix3d& m) {
  // three.js Euler.setFromRotationMatrix, order 'XYZ'.
  const double y = std::asin(std::clamp(m(0, 2), -1.0, 1.0));
  if (std::abs(m(0, 2)) < 0.9999999) {
    return {std::atan2(-m(1, 2), m(2, 2)), y, std::atan2(-m(0, 1), m(0, 0))};
  }
  return {std::atan2(m(2, 1), m(1, 1)), y, 0.0};
}

}  // namespace

bool detectSustech(const std::filesystem::path& path) {
  std::filesystem::path file = path;
  if (std::filesystem::is_directory(path)) {
    const auto files = listFiles(path, ".json");
    if (files.empty()) return false;
    file = files.front();
  }
  if (file.extension() != ".json") return false;
  auto json = readJsonFile(file);
  if (!json) return false;
  if (!json->is_array()) return false;
  return json->empty() || (json->front().is_object() && json->front().contains("psr"));
}

Result<LabelImport> readSustech(const std::filesystem::path& path, const LabelContext& context) {
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(path)) {
    files = listFiles(path, ".json");
  } else if (std::filesystem::exists(path)) {
    files.push_back(path);
  } else {
    return Error::inFile(path.string(), "does not exist");
  }
  DocumentBuilder builder(context, "sustech");
  if (!builder.hasContextFrames()) {
    std::vector<LabelFrame> frames;
    for (const auto& file : files)
      frames.push_back({stemWithout(file, ".json"), 0, Eigen::Isometry3d::Identity()});
    builder.defineFrames(std::move(frames));
  }
  const Eigen::Isometry3d T_ego_lidar = lidarToEgo(context);
  for (const auto& file : files) {
    const std::string id = stemWithout(file, ".json");
    const auto frame = builder.frameById(id);
    if (!frame) return Error::inFile(file.string(), "the dataset has no frame '" + id + "'");
    auto json = readJsonFile(file);
    if (!json) return json.error();
    if (!json->is_array()) return Error::inFile(file.string(), "expected a JSON array of labels");
    const Eigen::Isometry3d T_world_lidar = builder.T_world_ego(*frame) * T_ego_lidar;
    for (std::size_t i = 0; i < json->size(); ++i) {
      const Json& label = (*json)[i];
      const std::string where = file.string() + ": [" + std::to_string(i) + "]";
      if (!label.is_object() || !label.contains("obj_type") || !label["obj_type"].is_string()) {
        return Error{where + ".obj_type: expected a string"};
      }
      if (!label.contains("psr")) return Error{where + ".psr: missing"};
      auto position = vector3(label["psr"], "position", where + ".psr");
      auto scale = vector3(label["psr"], "scale", where + ".psr");
      auto rotation = vector3(label["psr"], "rotation", where + ".psr");
      if (!position) return position.error();
      if (!scale) return scale.error();
      if (!rotation) return rotation.error();
      std::string key;
      if (label.contains("obj_id")) {
        if (label["obj_id"].is_string())
          key = label["obj_id"].get<std::string>();
        else if (label["obj_id"].is_number_integer())
          key = std::to_string(label["obj_id"].get<std::int64_t>());
        else
          return Error{where + ".obj_id: expected a string or an integer"};
      }
      Instance instance;
      instance.frame = *frame;
      bool known = false;
      const std::string type = label["obj_type"].get<std::string>();
      const std::string className = importClass(kSustechClasses, type, instance.attributes, known);
      if (!known)
        builder.warnings.push_back(where + ": class '" + type +
                                   "' has no schema class; kept as is");
      if (!(scale->array() > 0).all()) {
        builder.warnings.push_back(where +
                                   ": scale is not positive; kept (validation reports the box)");
      }
      Cuboid box;
      box.center = *position;
      box.size = *scale;
      box.rotation = Eigen::Quaterniond(rotationXyz(*rotation));
      instance.geometry = T_world_lidar * box;
      const ObjectId object = builder.object(key, className);
      if (auto added = builder.addInstance(object, std::move(instance)); !added)
        return added.error().withContext(where);
    }
  }
  LabelImport out{builder.finish(), std::move(builder.warnings)};
  return out;
}

Result<LabelExport> writeSustech(const Document& document, const std::filesystem::path& path,
                                 const LabelContext& context) {
  LabelExport out;
  const auto frames = exportFrames(document, context);
  const auto byFrame = cuboidsByFrame(document, frames.size(), "SUSTech", out.warnings);
  const Eigen::Isometry3d T_ego_lidar = lidarToEgo(context);
  for (std::size_t f = 0; f < frames.size(); ++f) {
    if (byFrame[f].empty()) continue;  // SUSTech has no file for an unlabelled frame
    const Eigen::Isometry3d T_lidar_world = (frames[f].T_world_ego * T_ego_lidar).inverse();
    Json array = Json::array();
    for (const FrameCuboid& fc : byFrame[f]) {
      const Cuboid box = T_lidar_world * *fc.box;
      const Eigen::Vector3d r = eulerXyz(box.rotation.toRotationMatrix());
      Json label;
      label["obj_type"] =
          exportClass(kSustechClasses, fc.track->object.className, fc.instance->attributes);
      label["obj_id"] = std::to_string(fc.track->object.number);
      label["psr"] = {
          {"position", {{"x", box.center.x()}, {"y", box.center.y()}, {"z", box.center.z()}}},
          {"scale", {{"x", box.size.x()}, {"y", box.size.y()}, {"z", box.size.z()}}},
          {"rotation", {{"x", r.x()}, {"y", r.y()}, {"z", r.z()}}}};
      array.push_back(std::move(label));
    }
    const auto file = path / (frames[f].id + ".json");
    if (auto written = writeTextFile(file, array.dump(1) + "\n"); !written) return written.error();
    out.files.push_back(file);
  }
  return out;
}

}  // namespace fuselabel::labels
