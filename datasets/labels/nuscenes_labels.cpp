// nuScenes annotations: `sample_annotation.json` rows (translation = box
// centre in the global frame, size = [width, length, height], rotation =
// quaternion [w, x, y, z] box → global, instance_token = the track) with the
// `instance.json`, `category.json` and `sample.json` tables beside it giving
// the class and the frame times. World = T_global_world⁻¹ · global.

#include <algorithm>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "datasets/io/json_file.hpp"
#include "datasets/labels/label_common.hpp"
#include "datasets/labels/label_formats_impl.hpp"

namespace fuselabel::labels {
namespace {

using Json = nlohmann::json;

constexpr ClassMapping kNuscenesClasses[] = {
    {"vehicle.car", "car", nullptr, nullptr},
    {"vehicle.truck", "truck", nullptr, nullptr},
    {"vehicle.bus.rigid", "bus", nullptr, nullptr},
    {"vehicle.bus.bendy", "bus", nullptr, nullptr},
    {"vehicle.trailer", "trailer", nullptr, nullptr},
    {"vehicle.construction", "construction_vehicle", nullptr, nullptr},
    {"vehicle.motorcycle", "motorcycle", nullptr, nullptr},
    {"vehicle.bicycle", "bicycle", nullptr, nullptr},
    {"human.pedestrian.adult", "pedestrian", nullptr, nullptr},
    {"human.pedestrian.child", "pedestrian", nullptr, nullptr},
    {"human.pedestrian.construction_worker", "pedestrian", nullptr, nullptr},
    {"human.pedestrian.police_officer", "pedestrian", nullptr, nullptr},
    {"human.pedestrian.wheelchair", "wheelchair", nullptr, nullptr},
    {"human.pedestrian.stroller", "stroller", nullptr, nullptr},
    {"movable_object.trafficcone", "traffic_cone", nullptr, nullptr},
    {"movable_object.barrier", "barrier", nullptr, nullptr},
    {"movable_object.debris", "debris", nullptr, nullptr},
    {"animal", "animal", nullptr, nullptr},
};

std::filesystem::path tableFolder(const std::filesystem::path& path) {
  return std::filesystem::is_directory(path) ? path : path.parent_path();
}

std::filesystem::path annotationFile(const std::filesystem::path& path) {
  return std::filesystem::is_directory(path) ? path / "sample_annotation.json" : path;
}

/// Reads an optional table (array of rows) keyed by "token".
Result<std::map<std::string, Json>> readTable(const std::filesystem::path& file) {
  std::map<std::string, Json> rows;
  if (!std::filesystem::exists(file)) return rows;
  auto json = readJsonFile(file);
  if (!json) return json.error();
  if (!json->is_array()) return Error::inFile(file.string(), "expected a JSON array of rows");
  for (std::size_t i = 0; i < json->size(); ++i) {
    const Json& row = (*json)[i];
    if (!row.is_object() || !row.contains("token") || !row["token"].is_string()) {
      return Error::at(file.string(), "[" + std::to_string(i) + "].token", "expected a string");
    }
    rows.emplace(row["token"].get<std::string>(), row);
  }
  return rows;
}

Result<std::vector<double>> numbers(const Json& row, const char* key, std::size_t count,
                                    const std::string& where) {
  if (!row.contains(key) || !row[key].is_array() || row[key].size() != count) {
    return Error{where + "." + key + ": expected " + std::to_string(count) + " numbers"};
  }
  std::vector<double> out;
  for (const Json& v : row[key]) {
    if (!v.is_number())
      return Error{where + "." + key + ": expected " + std::to_string(count) + " numbers"};
    out.push_back(v.get<double>());
  }
  return out;
}

std::string stringOr(const Json& row, const char* key, std::string fallback = {}) {
  return row.contains(key) && row[key].is_string() ? row[key].get<std::string>() : fallback;
}

}  // namespace

bool detectNuscenes(const std::filesystem::path& path) {
  if (std::filesystem::is_directory(path))
    return std::filesystem::exists(path / "sample_annotation.json");
  return path.filename() == "sample_annotation.json";
}

Result<LabelImport> readNuscenes(const std::filesystem::path& path, const LabelContext& context) {
  const auto file = annotationFile(path);
  auto json = readJsonFile(file);
  if (!json) return json.error();
  if (!json->is_array())
    return Error::inFile(file.string(), "expected a JSON array of sample_annotation rows");
  const auto folder = tableFolder(path);
  auto instances = readTable(folder / "instance.json");
  if (!instances) return instances.error();
  auto categories = readTable(folder / "category.json");
  if (!categories) return categories.error();
  auto samples = readTable(folder / "sample.json");
  if (!samples) return samples.error();

  DocumentBuilder builder(context, "nuscenes");
  std::map<std::string, std::int64_t> sampleTimeNs;
  for (const auto& [token, row] : *samples) {
    if (row.contains("timestamp") && row["timestamp"].is_number_integer()) {
      sampleTimeNs[token] = row["timestamp"].get<std::int64_t>() * 1000;
    }
  }
  if (!builder.hasContextFrames()) {
    // Frames: the samples in time order, else the annotations' samples in file order.
    std::vector<std::pair<std::int64_t, std::string>> ordered;
    for (const auto& [token, t] : sampleTimeNs)
      ordered.emplace_back(t, token);
    std::sort(ordered.begin(), ordered.end());
    std::vector<LabelFrame> frames;
    for (const auto& [t, token] : ordered)
      frames.push_back({token, t, Eigen::Isometry3d::Identity()});
    for (const Json& row : *json) {
      const std::string token = stringOr(row, "sample_token");
      if (token.empty() || sampleTimeNs.contains(token)) continue;
      if (std::none_of(frames.begin(), frames.end(),
                       [&](const LabelFrame& f) { return f.id == token; })) {
        frames.push_back({token, 0, Eigen::Isometry3d::Identity()});
      }
    }
    builder.defineFrames(std::move(frames));
  }
  const auto frameOfSample = [&](const std::string& token) -> std::optional<FrameIndex> {
    if (const auto f = builder.frameById(token)) return f;
    const auto t = sampleTimeNs.find(token);
    if (t == sampleTimeNs.end()) return std::nullopt;
    // A dataset's frames are named after their files; match the sample by time (within 0.5 ms).
    const auto& frames = builder.frames();
    for (std::size_t i = 0; i < frames.size(); ++i) {
      if (std::llabs(frames[i].timestampNs - t->second) <= 500'000)
        return static_cast<FrameIndex>(i);
    }
    return std::nullopt;
  };

  const Eigen::Isometry3d T_world_global = context.T_global_world.inverse();
  for (std::size_t i = 0; i < json->size(); ++i) {
    const Json& row = (*json)[i];
    const std::string where = file.string() + ": [" + std::to_string(i) + "]";
    if (!row.is_object()) return Error{where + ": expected an object"};
    const std::string sample = stringOr(row, "sample_token");
    const auto frame = frameOfSample(sample);
    if (!frame)
      return Error{where + ".sample_token: no frame of the sequence matches sample '" + sample +
                   "'"};
    auto translation = numbers(row, "translation", 3, where);
    auto size = numbers(row, "size", 3, where);
    auto rotation = numbers(row, "rotation", 4, where);
    if (!translation) return translation.error();
    if (!size) return size.error();
    if (!rotation) return rotation.error();
    const Eigen::Quaterniond q((*rotation)[0], (*rotation)[1], (*rotation)[2], (*rotation)[3]);
    if (!(q.norm() > 0.5 && q.norm() < 1.5)) {
      return Error{where + ".rotation: not a unit quaternion [w, x, y, z]"};
    }
    const std::string instanceToken = stringOr(row, "instance_token");
    std::string category = stringOr(row, "category_name", stringOr(row, "detection_name"));
    if (const auto it = instances->find(instanceToken);
        category.empty() && it != instances->end()) {
      const auto cat = categories->find(stringOr(it->second, "category_token"));
      if (cat != categories->end()) category = stringOr(cat->second, "name");
    }
    if (category.empty()) {
      builder.warnings.push_back(
          where + ": no category (instance.json/category.json missing?); class 'unknown'");
      category = "unknown";
    }
    Instance instance;
    instance.frame = *frame;
    bool known = false;
    const std::string className =
        importClass(kNuscenesClasses, category, instance.attributes, known);
    if (!known)
      builder.warnings.push_back(where + ": category '" + category +
                                 "' has no schema class; kept as is");
    if (!((*size)[0] > 0 && (*size)[1] > 0 && (*size)[2] > 0)) {
      builder.warnings.push_back(where + ".size: not positive; kept (validation reports the box)");
    }
    Cuboid box;
    box.center = Eigen::Vector3d((*translation)[0], (*translation)[1], (*translation)[2]);
    box.size = Eigen::Vector3d((*size)[1], (*size)[0], (*size)[2]);  // [w, l, h] → l, w, h
    box.rotation = q.normalized();
    instance.geometry = T_world_global * box;
    const ObjectId object = builder.object(instanceToken, className);
    if (auto added = builder.addInstance(object, std::move(instance)); !added)
      return added.error().withContext(where);
  }
  LabelImport out{builder.finish(), std::move(builder.warnings)};
  return out;
}

Result<LabelExport> writeNuscenes(const Document& document, const std::filesystem::path& path,
                                  const LabelContext& context) {
  LabelExport out;
  const auto frames = exportFrames(document, context);
  const auto byFrame = cuboidsByFrame(document, frames.size(), "nuScenes", out.warnings);
  const std::string scope = context.dataset.path + "/" + context.dataset.sequence;
  const auto isToken = [](const std::string& id) {
    return id.size() == 32 && std::all_of(id.begin(), id.end(), [](char c) {
             return std::isxdigit(static_cast<unsigned char>(c)) != 0;
           });
  };
  std::vector<std::string> sampleTokens;
  for (const LabelFrame& f : frames) {
    sampleTokens.push_back(isToken(f.id) ? f.id : hexToken("sample:" + scope + ":" + f.id));
  }
  const std::string sceneToken = hexToken("scene:" + scope);

  Json samples = Json::array();
  for (std::size_t f = 0; f < frames.size(); ++f) {
    samples.push_back({{"token", sampleTokens[f]},
                       {"timestamp", frames[f].timestampNs / 1000},
                       {"scene_token", sceneToken},
                       {"prev", f > 0 ? sampleTokens[f - 1] : ""},
                       {"next", f + 1 < frames.size() ? sampleTokens[f + 1] : ""}});
  }

  // Annotation tokens per object and frame, so prev/next can link them.
  struct Row {
    const FrameCuboid* cuboid;
    std::string token;
  };
  std::map<std::int64_t, std::vector<Row>> rowsOfObject;
  for (const auto& list : byFrame) {
    for (const FrameCuboid& fc : list) {
      rowsOfObject[fc.track->object.id.value].push_back(
          {&fc, hexToken("ann:" + scope + ":" + std::to_string(fc.track->object.id.value) + ":" +
                         std::to_string(fc.frame))});
    }
  }
  Json annotations = Json::array();
  Json instanceTable = Json::array();
  std::map<std::string, std::string> categoryTokens;
  for (const auto& [objectId, rows] : rowsOfObject) {
    const Track& track = *rows.front().cuboid->track;
    const std::string instanceToken =
        hexToken("instance:" + scope + ":" + std::to_string(objectId));
    const std::string category = exportClass(kNuscenesClasses, track.object.className,
                                             rows.front().cuboid->instance->attributes);
    const std::string categoryToken = hexToken("category:" + category);
    categoryTokens.emplace(category, categoryToken);
    instanceTable.push_back({{"token", instanceToken},
                             {"category_token", categoryToken},
                             {"nbr_annotations", rows.size()},
                             {"first_annotation_token", rows.front().token},
                             {"last_annotation_token", rows.back().token}});
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const FrameCuboid& fc = *rows[i].cuboid;
      const Cuboid global = context.T_global_world * *fc.box;
      Json row = {
          {"token", rows[i].token},
          {"sample_token", sampleTokens[static_cast<std::size_t>(fc.frame)]},
          {"instance_token", instanceToken},
          {"category_name", category},
          {"visibility_token", ""},
          {"attribute_tokens", Json::array()},
          {"translation", {global.center.x(), global.center.y(), global.center.z()}},
          {"size", {global.size.y(), global.size.x(), global.size.z()}},
          {"rotation",
           {global.rotation.w(), global.rotation.x(), global.rotation.y(), global.rotation.z()}},
          {"prev", i > 0 ? rows[i - 1].token : ""},
          {"next", i + 1 < rows.size() ? rows[i + 1].token : ""},
          {"num_lidar_pts", 0},
          {"num_radar_pts", 0}};
      annotations.push_back(std::move(row));
    }
  }
  Json categoryTable = Json::array();
  for (const auto& [name, token] : categoryTokens) {
    categoryTable.push_back({{"token", token}, {"name", name}, {"description", ""}});
  }
  const std::pair<const char*, const Json*> tables[] = {{"sample_annotation.json", &annotations},
                                                        {"instance.json", &instanceTable},
                                                        {"category.json", &categoryTable},
                                                        {"sample.json", &samples}};
  for (const auto& [name, table] : tables) {
    const auto file = path / name;
    if (auto written = writeTextFile(file, table->dump(1) + "\n"); !written) return written.error();
    out.files.push_back(file);
  }
  return out;
}

}  // namespace fuselabel::labels
