// nuScenes: a folder of JSON tables (v1.0-mini/, v1.0-trainval/, …) beside
// samples/ and sweeps/, whose sample_data.filename paths are relative to the
// dataset root. One scene is opened (DatasetOpenOptions::scene, default the
// first in scene.json):
//  - frames: every LIDAR_TOP sample_data of the scene (keyframes and the
//    sweeps in between, 20 Hz) in time order, with the keyframe flag;
//  - cameras: every camera channel's sample_data of the scene (12 Hz);
//  - poses: the ego_pose of each LIDAR_TOP sample_data (T_global_ego);
//  - rig: calibrated_sensor (T_ego_sensor, rotation stored w, x, y, z) and the
//    camera_intrinsic of the already undistorted images.
// Camera sync: nuScenes triggers each camera when the LiDAR sweeps across its
// field of view, so each camera lags the LiDAR timestamp by its own roughly
// fixed delay (up to ~45 ms). The delay is estimated per camera as the median
// offset over the keyframes (where the dataset itself pairs the samples) and
// used as the stream's time offset; the tolerance is half the camera's median
// period, so a frame gets the image the dataset would pair with it, and the
// keyframes get exactly the dataset's pairing.
//
// Only rows of the chosen scene are kept while parsing: the full dataset's
// sample_data and ego_pose tables run to millions of rows.

#include <algorithm>
#include <functional>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/geometry/transform.hpp"
#include "core/io/text_file.hpp"
#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/io/json_file.hpp"
#include "datasets/io/json_rows.hpp"
#include "datasets/sequence/time_sync.hpp"

namespace fuselabel {
namespace {

constexpr const char* kReferenceChannel = "LIDAR_TOP";
/// The usual nuScenes camera order (clockwise from the front).
constexpr const char* kCameraOrder[] = {"CAM_FRONT", "CAM_FRONT_RIGHT", "CAM_BACK_RIGHT",
                                        "CAM_BACK",  "CAM_BACK_LEFT",   "CAM_FRONT_LEFT"};
/// Image size when sample_data does not give one (all nuScenes cameras).
constexpr int kDefaultWidth = 1600;
constexpr int kDefaultHeight = 900;

bool hasTables(const std::filesystem::path& folder) {
  std::error_code ec;
  return std::filesystem::is_regular_file(folder / "scene.json", ec) &&
         std::filesystem::is_regular_file(folder / "sample_data.json", ec);
}

/// v1.0-* folders holding tables directly inside `root`, sorted.
std::vector<std::filesystem::path> tableFolders(const std::filesystem::path& root) {
  std::vector<std::filesystem::path> folders;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(root, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory(ec) && name.starts_with("v1.0-") && hasTables(entry.path()))
      folders.push_back(entry.path());
  }
  std::sort(folders.begin(), folders.end());
  return folders;
}

/// Keeps a row of a table, or drops it while parsing.
using RowFilter = JsonRowFilter;

/// Parses one table (a JSON array of objects), keeping only rows `keep` accepts.
Result<nlohmann::json> readTable(const std::filesystem::path& file, const RowFilter& keep) {
  auto text = readTextFile(file);
  if (!text) return text.error();
  return parseJsonRows(*text, keep, file.string());
}

/// The string at `key` of a row, or empty when absent or not a string (for filters).
const std::string* stringField(const nlohmann::json& row, const char* key) {
  if (!row.is_object()) return nullptr;
  const auto it = row.find(key);
  return it != row.end() && it->is_string() ? it->get_ptr<const std::string*>() : nullptr;
}

/// Each row of `table` wrapped for typed access, with its token in the path: "[token=…]".
Result<std::vector<JsonObject>> rowsOf(const nlohmann::json& table,
                                       const std::filesystem::path& file) {
  std::vector<JsonObject> rows;
  rows.reserve(table.size());
  for (size_t i = 0; i < table.size(); ++i) {
    const std::string* token = stringField(table[i], "token");
    auto row = JsonObject::wrap(table[i], file.filename().string(),
                                token ? "[token=" + *token + "]" : "[" + std::to_string(i) + "]");
    if (!row) return row.error();
    if (token == nullptr) return row->errorAt("token", "missing");
    rows.push_back(std::move(*row));
  }
  return rows;
}

Result<Eigen::Isometry3d> poseOf(const JsonObject& row) {
  auto t = row.numbers("translation", 3);
  if (!t) return t.error();
  auto q = row.numbers("rotation", 4);
  if (!q) return q.error();
  auto pose = fromQuaternionWxyz(std::span<const double, 4>(q->data(), 4),
                                 Eigen::Vector3d((*t)[0], (*t)[1], (*t)[2]));
  if (!pose) return row.errorAt("rotation", pose.error().message);
  return pose;
}

/// The part of a sample_data row the sequence needs.
struct SampleDataRow {
  std::string sampleToken;
  std::string egoPoseToken;
  std::string calibratedSensorToken;
  std::filesystem::path file;
  std::int64_t timestampNs = 0;
  bool keyframe = false;
  int width = 0;
  int height = 0;
};

Result<SampleDataRow> sampleDataFrom(const JsonObject& row, const std::filesystem::path& dataRoot) {
  SampleDataRow out;
  auto sample = row.string("sample_token");
  if (!sample) return sample.error();
  out.sampleToken = std::move(*sample);
  auto ego = row.string("ego_pose_token");
  if (!ego) return ego.error();
  out.egoPoseToken = std::move(*ego);
  auto calibrated = row.string("calibrated_sensor_token");
  if (!calibrated) return calibrated.error();
  out.calibratedSensorToken = std::move(*calibrated);
  auto filename = row.string("filename");
  if (!filename) return filename.error();
  out.file = (dataRoot / *filename).lexically_normal();
  auto timestamp = row.integer("timestamp");
  if (!timestamp) return timestamp.error();
  out.timestampNs = *timestamp * 1000;  // µs → ns
  if (row.has("is_key_frame")) {
    const auto& flag = row.json()["is_key_frame"];
    if (!flag.is_boolean()) return row.errorAt("is_key_frame", "expected true or false");
    out.keyframe = flag.get<bool>();
  }
  for (auto [key, target] : {std::pair{"width", &out.width}, std::pair{"height", &out.height}}) {
    if (!row.has(key) || row.json()[key].is_null()) continue;
    auto value = row.integer(key);
    if (!value) return value.error();
    if (*value < 0 || *value > 100'000) return row.errorAt(key, "image size out of range");
    *target = static_cast<int>(*value);
  }
  return out;
}

Result<CameraModel> cameraFrom(const JsonObject& calibrated, int width, int height) {
  auto k = calibrated.array("camera_intrinsic");
  if (!k) return k.error();
  std::vector<double> values;
  for (const auto& row : **k) {
    if (!row.is_array() || row.size() != 3) break;
    for (const auto& v : row) {
      if (v.is_number()) values.push_back(v.get<double>());
    }
  }
  if (values.size() != 9)
    return calibrated.errorAt("camera_intrinsic", "expected a 3×3 matrix of numbers");
  CameraIntrinsics intrinsics;
  intrinsics.fx = values[0];
  intrinsics.skew = values[1];
  intrinsics.cx = values[2];
  intrinsics.fy = values[4];
  intrinsics.cy = values[5];
  intrinsics.width = width > 0 ? width : kDefaultWidth;
  intrinsics.height = height > 0 ? height : kDefaultHeight;
  auto model = CameraModel::create(intrinsics);
  if (!model) return calibrated.errorAt("camera_intrinsic", model.error().message);
  return model;
}

/// Half the median spacing of a stream's samples, rounded up.
std::int64_t halfMedianPeriod(const std::vector<SensorSample>& samples) {
  if (samples.size() < 2) return 50'000'000;
  std::vector<std::int64_t> gaps;
  for (size_t i = 1; i < samples.size(); ++i)
    gaps.push_back(samples[i].timestampNs - samples[i - 1].timestampNs);
  std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2),
                   gaps.end());
  return std::max<std::int64_t>(1, (gaps[gaps.size() / 2] + 1) / 2);
}

std::int64_t median(std::vector<std::int64_t> values) {
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2),
                   values.end());
  return values[values.size() / 2];
}

/// One channel's rows of the scene, in time order.
struct Channel {
  std::string name;
  std::string modality;
  std::vector<SampleDataRow> rows;
};

}  // namespace

bool looksLikeNuscenes(const std::filesystem::path& root) {
  return hasTables(root) || !tableFolders(root).empty();
}

Result<Sequence> openNuscenes(const std::filesystem::path& root,
                              const DatasetOpenOptions& options) {
  Sequence sequence;
  sequence.format = "nuscenes";
  sequence.root = root;
  sequence.referenceLidar = kReferenceChannel;
  sequence.lidarFormat = PointCloudFormat::NuscenesBin;

  std::filesystem::path tables;
  std::filesystem::path dataRoot;
  if (hasTables(root)) {
    tables = root;
    std::error_code ec;
    dataRoot = std::filesystem::absolute(root, ec).lexically_normal();
    dataRoot = (dataRoot.has_filename() ? dataRoot : dataRoot.parent_path()).parent_path();
  } else {
    const auto folders = tableFolders(root);
    if (folders.empty()) {
      return Error::inFile(
          root.string(),
          "not a nuScenes folder (needs v1.0-*/ with scene.json and sample_data.json)");
    }
    tables = folders.front();
    dataRoot = root;
    if (folders.size() > 1) {
      sequence.warnings.push_back("several table folders; opened " + tables.filename().string());
    }
  }

  // scene → the chosen scene's token.
  const auto sceneFile = tables / "scene.json";
  auto sceneTable = readTable(sceneFile, nullptr);
  if (!sceneTable) return sceneTable.error();
  auto scenes = rowsOf(*sceneTable, sceneFile);
  if (!scenes) return scenes.error();
  if (scenes->empty()) return Error::inFile(sceneFile.string(), "holds no scenes");
  std::string sceneToken;
  std::string sceneName;
  std::string names;
  for (const JsonObject& scene : *scenes) {
    auto name = scene.string("name");
    if (!name) return name.error();
    names += (names.empty() ? "" : ", ") + *name;
    if (sceneToken.empty() && (options.scene.empty() || *name == options.scene)) {
      sceneToken = *stringField(scene.json(), "token");
      sceneName = *name;
    }
  }
  if (sceneToken.empty()) {
    return Error::inFile(sceneFile.string(),
                         "has no scene named '" + options.scene + "' (scenes: " + names + ")");
  }
  if (scenes->size() > 1 && options.scene.empty()) {
    sequence.warnings.push_back("opened " + sceneName + " of " + std::to_string(scenes->size()) +
                                " scenes (choose another with the scene option)");
  }

  // sample → the scene's sample tokens.
  const auto sampleFile = tables / "sample.json";
  auto sampleTable = readTable(sampleFile, [&sceneToken](const nlohmann::json& row) {
    const std::string* scene = stringField(row, "scene_token");
    return scene == nullptr || *scene == sceneToken;  // keep malformed rows to report them
  });
  if (!sampleTable) return sampleTable.error();
  std::unordered_set<std::string> sampleTokens;
  for (const auto& row : *sampleTable) {
    const std::string* token = stringField(row, "token");
    if (token == nullptr || stringField(row, "scene_token") == nullptr) {
      return Error::inFile(sampleFile.string(), "a row lacks 'token' or 'scene_token'");
    }
    sampleTokens.insert(*token);
  }
  if (sampleTokens.empty()) return Error::inFile(sampleFile.string(), "no samples of " + sceneName);

  // sensor and calibrated_sensor: small, read whole.
  const auto sensorFile = tables / "sensor.json";
  auto sensorTable = readTable(sensorFile, nullptr);
  if (!sensorTable) return sensorTable.error();
  auto sensorRows = rowsOf(*sensorTable, sensorFile);
  if (!sensorRows) return sensorRows.error();
  std::unordered_map<std::string, std::pair<std::string, std::string>>
      sensors;  // token → channel, modality
  for (const JsonObject& row : *sensorRows) {
    auto channel = row.string("channel");
    if (!channel) return channel.error();
    auto modality = row.string("modality");
    if (!modality) return modality.error();
    sensors[*stringField(row.json(), "token")] = {*channel, *modality};
  }
  const auto calibratedFile = tables / "calibrated_sensor.json";
  auto calibratedTable = readTable(calibratedFile, nullptr);
  if (!calibratedTable) return calibratedTable.error();
  auto calibratedRows = rowsOf(*calibratedTable, calibratedFile);
  if (!calibratedRows) return calibratedRows.error();
  std::unordered_map<std::string, const JsonObject*> calibrated;
  std::unordered_map<std::string, std::pair<std::string, std::string>>
      channelOfCalibrated;  // channel, modality
  for (const JsonObject& row : *calibratedRows) {
    auto sensorToken = row.string("sensor_token");
    if (!sensorToken) return sensorToken.error();
    const auto sensor = sensors.find(*sensorToken);
    if (sensor == sensors.end())
      return row.errorAt("sensor_token", "no such sensor in sensor.json");
    const std::string& token = *stringField(row.json(), "token");
    calibrated[token] = &row;
    channelOfCalibrated[token] = sensor->second;
  }

  // sample_data: only the scene's rows, grouped by channel.
  const auto sampleDataFile = tables / "sample_data.json";
  auto sampleDataTable = readTable(sampleDataFile, [&sampleTokens](const nlohmann::json& row) {
    const std::string* sample = stringField(row, "sample_token");
    return sample == nullptr || sampleTokens.contains(*sample);
  });
  if (!sampleDataTable) return sampleDataTable.error();
  auto sampleDataRows = rowsOf(*sampleDataTable, sampleDataFile);
  if (!sampleDataRows) return sampleDataRows.error();
  std::map<std::string, Channel> channels;
  for (const JsonObject& row : *sampleDataRows) {
    auto data = sampleDataFrom(row, dataRoot);
    if (!data) return data.error();
    const auto channel = channelOfCalibrated.find(data->calibratedSensorToken);
    if (channel == channelOfCalibrated.end()) {
      return row.errorAt("calibrated_sensor_token", "no such row in calibrated_sensor.json");
    }
    Channel& group = channels[channel->second.first];
    group.name = channel->second.first;
    group.modality = channel->second.second;
    group.rows.push_back(std::move(*data));
  }
  for (auto& [name, channel] : channels) {
    std::stable_sort(channel.rows.begin(), channel.rows.end(),
                     [](const SampleDataRow& a, const SampleDataRow& b) {
                       return a.timestampNs < b.timestampNs;
                     });
  }
  const auto reference = channels.find(kReferenceChannel);
  if (reference == channels.end()) {
    return Error::inFile(sampleDataFile.string(), sceneName + " has no LIDAR_TOP sample_data");
  }

  // Frames: LIDAR_TOP sweeps whose files are present (sweeps/ is often not downloaded).
  std::unordered_map<std::string, size_t> keyframeOfSample;  // sample token → frame
  std::vector<const SampleDataRow*> frameRows;
  size_t missingSweeps = 0;
  for (const SampleDataRow& row : reference->second.rows) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(row.file, ec)) {
      ++missingSweeps;
      continue;
    }
    Frame frame;
    frame.id = row.file.filename().string();
    if (frame.id.ends_with(".pcd.bin")) frame.id.resize(frame.id.size() - 8);
    frame.lidar = {row.timestampNs, row.file};
    frame.keyframe = row.keyframe;
    if (row.keyframe) keyframeOfSample[row.sampleToken] = sequence.frames.size();
    sequence.frames.push_back(std::move(frame));
    frameRows.push_back(&row);
  }
  if (missingSweeps > 0) {
    sequence.warnings.push_back(std::to_string(missingSweeps) + " of " +
                                std::to_string(reference->second.rows.size()) +
                                " LIDAR_TOP files are missing on disk; those sweeps are left out");
  }
  if (sequence.frames.empty()) {
    return Error::inFile(dataRoot.string(), "none of the LIDAR_TOP files of " + sceneName +
                                                " exist (e.g. " +
                                                reference->second.rows.front().file.string() + ")");
  }

  // Rig: every sensor's first calibrated_sensor in the scene.
  SensorRig rig;
  const auto addSensor = [&](const Channel& channel, SensorKind kind) -> Result<void> {
    const SampleDataRow& first = channel.rows.front();
    for (const SampleDataRow& row : channel.rows) {
      if (row.calibratedSensorToken != first.calibratedSensorToken) {
        sequence.warnings.push_back(channel.name + " changes calibration within " + sceneName +
                                    "; using the first");
        break;
      }
    }
    const JsonObject& row = *calibrated.at(first.calibratedSensorToken);
    Sensor sensor;
    sensor.name = channel.name;
    sensor.kind = kind;
    auto pose = poseOf(row);
    if (!pose) return pose.error();
    sensor.T_ego_sensor = *pose;
    if (kind == SensorKind::Camera) {
      auto camera = cameraFrom(row, first.width, first.height);
      if (!camera) return camera.error();
      sensor.camera = *camera;
    }
    auto added = rig.addSensor(std::move(sensor));
    if (!added) return added.error().withContext(calibratedFile.string());
    return success();
  };
  if (auto added = addSensor(reference->second, SensorKind::Lidar); !added) return added.error();

  std::vector<const Channel*> cameras;
  for (const char* name : kCameraOrder) {
    if (const auto it = channels.find(name); it != channels.end()) cameras.push_back(&it->second);
  }
  for (const auto& entry : channels) {
    // Not a structured binding: clang 14 cannot capture those in a lambda.
    const std::string& name = entry.first;
    const Channel& channel = entry.second;
    const bool listed =
        std::find_if(std::begin(kCameraOrder), std::end(kCameraOrder),
                     [&](const char* n) { return name == n; }) != std::end(kCameraOrder);
    if (channel.modality == "camera" && !listed) cameras.push_back(&channel);
  }
  for (const Channel* channel : cameras) {
    if (auto added = addSensor(*channel, SensorKind::Camera); !added) return added.error();
    CameraStream stream;
    stream.sensor = channel->name;
    std::vector<std::int64_t> keyframeDelays;
    std::vector<std::pair<size_t, size_t>> keyframePairs;  // frame, sample
    size_t missingImages = 0;
    for (const SampleDataRow& row : channel->rows) {
      std::error_code ec;
      if (!std::filesystem::is_regular_file(row.file, ec)) {
        ++missingImages;
        continue;
      }
      if (row.keyframe) {
        if (const auto frame = keyframeOfSample.find(row.sampleToken);
            frame != keyframeOfSample.end()) {
          keyframeDelays.push_back(row.timestampNs -
                                   sequence.frames[frame->second].lidar.timestampNs);
          keyframePairs.emplace_back(frame->second, stream.samples.size());
        }
      }
      stream.samples.push_back({row.timestampNs, row.file});
    }
    if (missingImages > 0) {
      sequence.warnings.push_back(channel->name + ": " + std::to_string(missingImages) + " of " +
                                  std::to_string(channel->rows.size()) +
                                  " images are missing on disk");
    }
    stream.sync.offsetNs = keyframeDelays.empty() ? 0 : median(keyframeDelays);
    stream.sync.toleranceNs = halfMedianPeriod(stream.samples);
    stream.frameSample = matchSamplesToFrames(sequence.frames, stream.samples,
                                              {stream.sync.toleranceNs, stream.sync.offsetNs});
    // At keyframes the dataset's own pairing is authoritative.
    for (const auto& [frame, sample] : keyframePairs)
      stream.frameSample[frame] = sample;
    sequence.cameras.push_back(std::move(stream));
  }
  sequence.setRig(std::move(rig));

  // ego_pose: only the reference sweeps' rows.
  std::unordered_map<std::string, std::int64_t> poseTimes;  // ego_pose token → frame time
  for (const SampleDataRow* row : frameRows)
    poseTimes[row->egoPoseToken] = row->timestampNs;
  const auto egoFile = tables / "ego_pose.json";
  auto egoTable = readTable(egoFile, [&poseTimes](const nlohmann::json& row) {
    const std::string* token = stringField(row, "token");
    return token == nullptr || poseTimes.contains(*token);
  });
  if (!egoTable) return egoTable.error();
  auto egoRows = rowsOf(*egoTable, egoFile);
  if (!egoRows) return egoRows.error();
  std::vector<StampedPose> poses;
  poses.reserve(egoRows->size());
  for (const JsonObject& row : *egoRows) {
    auto pose = poseOf(row);
    if (!pose) return pose.error();
    poses.push_back({poseTimes.at(*stringField(row.json(), "token")), *pose});
  }
  if (poses.size() != poseTimes.size()) {
    return Error::inFile(egoFile.string(), std::to_string(poseTimes.size() - poses.size()) +
                                               " of " + std::to_string(poseTimes.size()) +
                                               " LIDAR_TOP ego poses of " + sceneName +
                                               " are missing");
  }
  auto track = PoseTrack::fromGlobalPoses(std::move(poses));
  if (!track) return track.error().withContext(egoFile.string());
  sequence.poses = std::move(*track);

  // Labels: one annotated frame per keyframe.
  if (std::filesystem::exists(tables / "sample_annotation.json")) {
    sequence.labels.push_back({"nuscenes", tables, keyframeOfSample.size()});
  }
  return sequence;
}

}  // namespace fuselabel
