#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/annotation/document_editor.hpp"
#include "core/annotation/label_schema.hpp"
#include "datasets/io/json_file.hpp"
#include "datasets/labels/detections.hpp"
#include "datasets/labels/label_common.hpp"

namespace fuselabel {
namespace {

using Json = nlohmann::json;

Result<std::vector<double>> numbersAt(const Json& row, const char* key, std::size_t count,
                                      const std::string& where) {
  if (!row.contains(key) || !row[key].is_array() || row[key].size() != count)
    return Error{where + "." + key + ": expected an array of " + std::to_string(count) +
                 " numbers"};
  std::vector<double> out;
  for (const Json& v : row[key]) {
    if (!v.is_number()) return Error{where + "." + key + ": expected numbers"};
    out.push_back(v.get<double>());
  }
  return out;
}

}  // namespace

bool looksLikeNuscenesDetections(const std::filesystem::path& path) {
  if (path.extension() != ".json" || !std::filesystem::is_regular_file(path)) return false;
  std::ifstream stream(path, std::ios::binary);
  std::string head(4096, '\0');
  stream.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(stream.gcount()));
  return head.find("\"results\"") != std::string::npos;
}

Result<LabelImport> readNuscenesDetections(const std::filesystem::path& path,
                                           const LabelContext& context) {
  auto json = readJsonFile(path);
  if (!json) return json.error();
  const std::string file = path.string();
  if (!json->is_object() || !json->contains("results") || !(*json)["results"].is_object())
    return Error::inFile(file, "expected a nuScenes detection results object with \"results\"");
  const Json& results = (*json)["results"];
  labels::DocumentBuilder builder(context, "nuscenes-detection");
  if (!builder.hasContextFrames())
    return Error::inFile(file, "nuScenes detections need a dataset to place their samples in");
  const Eigen::Isometry3d T_world_global = context.T_global_world.inverse();
  const LabelSchema& schema = defaultLabelSchema();
  std::set<std::string> unknownClasses;
  std::size_t skippedSamples = 0, matchedSamples = 0;
  for (const auto& [token, boxes] : results.items()) {
    std::optional<FrameIndex> frame = builder.frameById(token);
    if (!frame && results.size() == 1 && builder.frames().size() == 1) {
      frame = 0;
      builder.warnings.push_back(file + ": sample '" + token +
                                 "' is not a frame id; taken as the dataset's only frame");
    }
    if (!frame) {
      ++skippedSamples;
      continue;
    }
    ++matchedSamples;
    if (!boxes.is_array())
      return Error::at(file, "results." + token, "expected an array of detections");
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      const Json& row = boxes[i];
      const std::string where = file + ": results." + token + "[" + std::to_string(i) + "]";
      if (!row.is_object()) return Error{where + ": expected an object"};
      auto translation = numbersAt(row, "translation", 3, where);
      if (!translation) return translation.error();
      auto size = numbersAt(row, "size", 3, where);
      if (!size) return size.error();
      auto rotation = numbersAt(row, "rotation", 4, where);
      if (!rotation) return rotation.error();
      const Eigen::Quaterniond q((*rotation)[0], (*rotation)[1], (*rotation)[2], (*rotation)[3]);
      if (!(q.norm() > 0.5 && q.norm() < 1.5))
        return Error{where + ".rotation: not a unit quaternion [w, x, y, z]"};
      if (!row.contains("detection_name") || !row["detection_name"].is_string())
        return Error{where + ".detection_name: expected a string"};
      if (!row.contains("detection_score") || !row["detection_score"].is_number())
        return Error{where + ".detection_score: expected a number"};
      const std::string className = row["detection_name"].get<std::string>();
      if (schema.findClass(className) == nullptr) unknownClasses.insert(className);
      Cuboid box;
      box.center = Eigen::Vector3d((*translation)[0], (*translation)[1], (*translation)[2]);
      box.size = Eigen::Vector3d((*size)[1], (*size)[0], (*size)[2]);  // [w, l, h] → l, w, h
      box.rotation = q.normalized();
      Instance instance;
      instance.frame = *frame;
      instance.geometry = T_world_global * box;
      instance.source = InstanceSource::Proposal;
      instance.confidence = row["detection_score"].get<double>();
      const ObjectId object = builder.object("", className);
      if (auto added = builder.addInstance(object, std::move(instance)); !added)
        return added.error().withContext(where);
    }
  }
  if (matchedSamples == 0)
    return Error::inFile(file, "none of its " + std::to_string(results.size()) +
                                   " samples is a frame of the dataset");
  if (skippedSamples > 0)
    builder.warnings.push_back(file + ": " + std::to_string(skippedSamples) +
                               " samples are not frames of the dataset; skipped");
  for (const std::string& name : unknownClasses)
    builder.warnings.push_back(file + ": detection_name '" + name +
                               "' has no schema class; kept as is");
  return LabelImport{builder.finish(), std::move(builder.warnings)};
}

Result<LabelImport> readDetections(const std::filesystem::path& path, const LabelContext& context,
                                   std::string_view format) {
  if (format == "nuscenes-detection" || (format.empty() && looksLikeNuscenesDetections(path)))
    return readNuscenesDetections(path, context);
  auto read = readLabels(path, context, format);
  if (!read) return read;
  // Re-mark every instance as a proposal, through the editor as a loader does.
  Document document = read->document;
  DocumentEditor editor(document);
  std::size_t unscored = 0;
  for (const Track& track : read->document.tracks()) {
    for (const Instance& instance : track.instances) {
      Instance changed = instance;
      changed.source = InstanceSource::Proposal;
      if (!changed.confidence) {
        changed.confidence = 1.0;
        ++unscored;
      }
      (void)editor.putInstance(track.object.id, std::move(changed));
    }
  }
  read->document = std::move(document);
  if (unscored > 0)
    read->warnings.push_back(path.string() + ": " + std::to_string(unscored) +
                             " detections carry no score; taken as confidence 1");
  return read;
}

}  // namespace fuselabel
