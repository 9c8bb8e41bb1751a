// The fuselabel scene manifest (docs/scene_manifest.md): one scene.json that
// describes any rig — sensors with their calibration, every sample file with
// its timestamp, and optional ego poses. Paths are relative to the manifest
// and may not leave its folder unless the caller allows it.

#include "calib/camera/camera_model.hpp"
#include "core/geometry/transform.hpp"
#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/io/json_file.hpp"
#include "datasets/sequence/time_sync.hpp"

namespace fuselabel {
namespace {

constexpr std::int64_t kManifestVersion = 1;

std::filesystem::path manifestFile(const std::filesystem::path& path) {
  return std::filesystem::is_directory(path) ? path / "scene.json" : path;
}

Result<Eigen::Isometry3d> transformAt(const JsonObject& object, const char* key) {
  auto values = object.numbers(key, 16);
  if (!values) return values.error();
  auto transform = fromRowMajor4x4(std::span<const double, 16>(values->data(), 16));
  if (!transform) return object.errorAt(key, transform.error().message);
  return transform;
}

/// Resolves a sample path against the manifest folder, refusing escapes.
Result<std::filesystem::path> resolveSamplePath(const std::filesystem::path& folder,
                                                const std::string& relative, bool allowOutside,
                                                const JsonObject& where) {
  const std::filesystem::path joined = (folder / relative).lexically_normal();
  if (!allowOutside) {
    const auto rel = joined.lexically_relative(folder.lexically_normal());
    if (rel.empty() || *rel.begin() == ".." || std::filesystem::path(relative).is_absolute()) {
      return where.errorAt("file", "'" + relative +
                                       "' leaves the manifest's folder (allowed only with the "
                                       "option to accept outside paths)");
    }
  }
  return joined;
}

Result<CameraModel> cameraFrom(const JsonObject& sensor) {
  CameraIntrinsics k;
  auto modelName =
      sensor.has("model") ? sensor.string("model") : Result<std::string>(std::string("pinhole"));
  if (!modelName) return modelName.error();
  auto model = parseDistortionModel(*modelName);
  if (!model) return sensor.errorAt("model", model.error().message);
  k.model = *model;
  auto K = sensor.numbers("K", 9);
  if (!K) return K.error();
  k.fx = (*K)[0];
  k.skew = (*K)[1];
  k.cx = (*K)[2];
  k.fy = (*K)[4];
  k.cy = (*K)[5];
  auto width = sensor.integer("width");
  if (!width) return width.error();
  auto height = sensor.integer("height");
  if (!height) return height.error();
  k.width = static_cast<int>(*width);
  k.height = static_cast<int>(*height);
  if (sensor.has("distortion")) {
    auto d = sensor.numbers("distortion");
    if (!d) return d.error();
    const size_t n = d->size();
    const bool ok = k.model == DistortionModel::RadialTangential ? (n == 4 || n == 5 || n == 8)
                    : k.model == DistortionModel::Equidistant    ? n == 4
                                                                 : n == 0;
    if (!ok) {
      return sensor.errorAt("distortion", std::to_string(n) + " coefficients do not fit model '" +
                                              *modelName +
                                              "' (radtan: 4, 5 or 8; fisheye: 4; pinhole: none)");
    }
    std::copy(d->begin(), d->end(), k.distortion.begin());
  } else if (k.model != DistortionModel::None) {
    return sensor.errorAt("distortion", "missing (required for model '" + *modelName + "')");
  }
  auto camera = CameraModel::create(k);
  if (!camera) return Error::at(sensor.file(), sensor.path(), camera.error().message);
  return camera;
}

Result<std::vector<SensorSample>> samplesFrom(const JsonObject& samplesObject,
                                              const std::string& sensor,
                                              const std::filesystem::path& folder,
                                              bool allowOutside) {
  auto list = samplesObject.array(sensor.c_str());
  if (!list) return list.error();
  std::vector<SensorSample> samples;
  samples.reserve((*list)->size());
  for (size_t i = 0; i < (*list)->size(); ++i) {
    auto entry = JsonObject::wrap((**list)[i], samplesObject.file(),
                                  samplesObject.pathOf(sensor) + "[" + std::to_string(i) + "]");
    if (!entry) return entry.error();
    auto t = entry->integer("timestamp_ns");
    if (!t) return t.error();
    auto file = entry->string("file");
    if (!file) return file.error();
    auto path = resolveSamplePath(folder, *file, allowOutside, *entry);
    if (!path) return path.error();
    samples.push_back({*t, *path});
  }
  std::stable_sort(
      samples.begin(), samples.end(),
      [](const SensorSample& a, const SensorSample& b) { return a.timestampNs < b.timestampNs; });
  return samples;
}

SensorSyncSettings syncSettingsFrom(const JsonObject& sensor,
                                    std::vector<std::string>& /*warnings*/) {
  SensorSyncSettings sync;
  if (sensor.has("time_offset_ns")) {
    if (auto v = sensor.integer("time_offset_ns")) sync.offsetNs = *v;
  }
  if (sensor.has("sync_tolerance_ns")) {
    if (auto v = sensor.integer("sync_tolerance_ns")) sync.toleranceNs = *v;
  }
  return sync;
}

}  // namespace

bool looksLikeManifest(const std::filesystem::path& path) {
  const auto file = manifestFile(path);
  return std::filesystem::is_regular_file(file) && file.extension() == ".json";
}

Result<Sequence> openManifest(const std::filesystem::path& path,
                              const DatasetOpenOptions& options) {
  const auto file = manifestFile(path);
  const std::string fileName = file.string();
  const auto folder = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
  auto json = readJsonFile(file);
  if (!json) return json.error();
  auto root = JsonObject::wrap(*json, fileName, "");
  if (!root) return root.error();

  Sequence sequence;
  sequence.format = "manifest";
  sequence.root = file;
  for (const auto& key : root->unknownKeys(
           {"fuselabel_scene", "reference", "sensors", "samples", "poses", "labels"})) {
    sequence.warnings.push_back(fileName + ": unknown key '" + key + "' ignored");
  }
  auto version = root->integer("fuselabel_scene");
  if (!version) return version.error();
  if (*version != kManifestVersion) {
    return root->errorAt("fuselabel_scene", "version " + std::to_string(*version) +
                                                " is not supported (this build reads version 1)");
  }
  auto reference = root->string("reference");
  if (!reference) return reference.error();
  auto sensors = root->object("sensors");
  if (!sensors) return sensors.error();
  auto samples = root->object("samples");
  if (!samples) return samples.error();

  SensorRig rig;
  struct PendingCamera {
    std::string name;
    SensorSyncSettings sync;
  };
  std::vector<PendingCamera> pendingCameras;
  std::vector<LidarStream> pendingLidars;
  bool referenceFound = false;
  for (const auto& [name, value] : sensors->json().items()) {
    auto sensor = JsonObject::wrap(value, fileName, sensors->pathOf(name));
    if (!sensor) return sensor.error();
    auto type = sensor->string("type");
    if (!type) return type.error();
    Sensor rigSensor;
    rigSensor.name = name;
    auto pose = transformAt(*sensor, "T_ego_sensor");
    if (!pose) return pose.error();
    rigSensor.T_ego_sensor = *pose;
    if (*type == "lidar") {
      for (const auto& key : sensor->unknownKeys({"type", "format", "fields", "T_ego_sensor",
                                                  "time_offset_ns", "sync_tolerance_ns"})) {
        sequence.warnings.push_back(fileName + ": " + sensor->pathOf(key) +
                                    ": unknown key ignored");
      }
      rigSensor.kind = SensorKind::Lidar;
      LidarStream stream;
      stream.sensor = name;
      auto format = sensor->string("format");
      if (!format) return format.error();
      auto parsed = formatFromName(*format);
      if (!parsed) {
        return sensor->errorAt("format", "unknown point cloud format '" + *format +
                                             "' (kitti-bin, nuscenes-bin, pcd, ply, float32)");
      }
      stream.format = *parsed;
      if (sensor->has("fields")) {
        auto fields = sensor->strings("fields");
        if (!fields) return fields.error();
        stream.options.float32Fields = *fields;
      } else if (stream.format == PointCloudFormat::Float32) {
        return sensor->errorAt("fields", "missing (required for format float32)");
      }
      stream.sync = syncSettingsFrom(*sensor, sequence.warnings);
      if (name == *reference) referenceFound = true;
      pendingLidars.push_back(std::move(stream));
    } else if (*type == "camera") {
      for (const auto& key :
           sensor->unknownKeys({"type", "model", "K", "distortion", "width", "height",
                                "T_ego_sensor", "time_offset_ns", "sync_tolerance_ns"})) {
        sequence.warnings.push_back(fileName + ": " + sensor->pathOf(key) +
                                    ": unknown key ignored");
      }
      rigSensor.kind = SensorKind::Camera;
      auto camera = cameraFrom(*sensor);
      if (!camera) return camera.error();
      rigSensor.camera = *camera;
      pendingCameras.push_back({name, syncSettingsFrom(*sensor, sequence.warnings)});
    } else {
      return sensor->errorAt(
          "type", "'" + *type + "' is not a sensor type fuselabel reads (lidar, camera)");
    }
    if (auto added = rig.addSensor(std::move(rigSensor)); !added) {
      return Error::at(fileName, sensors->pathOf(name), added.error().message);
    }
  }
  if (!referenceFound) {
    return root->errorAt("reference", "'" + *reference + "' is not a lidar in 'sensors'");
  }
  sequence.referenceLidar = *reference;

  // Frames: the reference LiDAR's samples.
  for (LidarStream& stream : pendingLidars) {
    if (!samples->has(stream.sensor.c_str())) {
      return samples->errorAt(stream.sensor, "missing: every sensor needs its list of samples");
    }
    auto list = samplesFrom(*samples, stream.sensor, folder, options.allowOutsidePaths);
    if (!list) return list.error();
    stream.samples = std::move(*list);
    if (stream.sensor == *reference) {
      if (stream.samples.empty())
        return samples->errorAt(stream.sensor, "the reference LiDAR has no samples");
      sequence.lidarFormat = stream.format;
      sequence.lidarOptions = stream.options;
      for (size_t i = 0; i < stream.samples.size(); ++i) {
        Frame frame;
        frame.id = stream.samples[i].file.stem().string();
        frame.lidar = stream.samples[i];
        sequence.frames.push_back(std::move(frame));
      }
    }
  }
  for (LidarStream& stream : pendingLidars) {
    if (stream.sensor == *reference) continue;
    stream.frameSample = matchSamplesToFrames(sequence.frames, stream.samples,
                                              {stream.sync.toleranceNs, stream.sync.offsetNs});
    sequence.extraLidars.push_back(std::move(stream));
  }
  for (const PendingCamera& pending : pendingCameras) {
    if (!samples->has(pending.name.c_str())) {
      return samples->errorAt(pending.name, "missing: every sensor needs its list of samples");
    }
    auto list = samplesFrom(*samples, pending.name, folder, options.allowOutsidePaths);
    if (!list) return list.error();
    CameraStream stream;
    stream.sensor = pending.name;
    stream.samples = std::move(*list);
    stream.sync = pending.sync;
    stream.frameSample = matchSamplesToFrames(sequence.frames, stream.samples,
                                              {pending.sync.toleranceNs, pending.sync.offsetNs});
    sequence.cameras.push_back(std::move(stream));
  }
  for (const auto& [name, value] : samples->json().items()) {
    if (!sensors->has(name.c_str()))
      sequence.warnings.push_back(fileName + ": samples." + name + ": no such sensor; ignored");
  }

  if (root->has("poses")) {
    auto list = root->array("poses");
    if (!list) return list.error();
    std::vector<StampedPose> poses;
    for (size_t i = 0; i < (*list)->size(); ++i) {
      auto entry = JsonObject::wrap((**list)[i], fileName, "poses[" + std::to_string(i) + "]");
      if (!entry) return entry.error();
      auto t = entry->integer("timestamp_ns");
      if (!t) return t.error();
      auto pose = transformAt(*entry, "T_world_ego");
      if (!pose) return pose.error();
      poses.push_back({*t, *pose});
    }
    auto track = PoseTrack::fromGlobalPoses(std::move(poses));
    if (!track) return track.error().withContext(fileName + ": poses");
    sequence.poses = std::move(*track);
  }
  if (root->has("labels")) {
    auto list = root->array("labels");
    if (!list) return list.error();
    for (size_t i = 0; i < (*list)->size(); ++i) {
      auto entry = JsonObject::wrap((**list)[i], fileName, "labels[" + std::to_string(i) + "]");
      if (!entry) return entry.error();
      auto format = entry->string("format");
      if (!format) return format.error();
      auto labelFile = entry->string("file");
      if (!labelFile) return labelFile.error();
      auto labelPath = resolveSamplePath(folder, *labelFile, options.allowOutsidePaths, *entry);
      if (!labelPath) return labelPath.error();
      // Missing labels leave the scene usable: said, not fatal.
      if (!std::filesystem::exists(*labelPath)) {
        sequence.warnings.push_back(fileName + ": labels[" + std::to_string(i) + "]: '" +
                                    *labelFile +
                                    "' does not exist; the scene opens without those labels");
        continue;
      }
      sequence.labels.push_back({*format, *labelPath, 1});
    }
  }
  sequence.setRig(std::move(rig));
  return sequence;
}

}  // namespace fuselabel
