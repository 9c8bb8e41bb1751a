#pragma once
// Writing nuScenes table sets for tests and benchmarks, following the devkit's
// schema (FORMATS.md): JSON arrays joined by tokens, sample_data timestamps in
// µs, calibrated_sensor/ego_pose rotations as [w, x, y, z].

#include <Eigen/Geometry>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numbers>
#include <string>
#include <vector>

namespace fuselabel::test {

/// A nuScenes table set being written.
class NuscenesTableWriter {
 public:
  /// A sensor of one scene's rig.
  struct SensorSpec {
    SensorSpec(std::string channelName, std::string modalityName, const Eigen::Isometry3d& pose)
        : channel(std::move(channelName)), modality(std::move(modalityName)), T_ego_sensor(pose) {}
    std::string channel;   ///< e.g. "CAM_FRONT"
    std::string modality;  ///< "lidar" or "camera"
    Eigen::Isometry3d T_ego_sensor = Eigen::Isometry3d::Identity();
    Eigen::Matrix3d K = Eigen::Matrix3d::Identity();  ///< cameras only
  };

  explicit NuscenesTableWriter(std::filesystem::path root, std::string version = "v1.0-mini")
      : m_root(std::move(root)), m_version(std::move(version)) {
    for (const char* table : {"scene", "sample", "sample_data", "calibrated_sensor", "sensor",
                              "ego_pose", "log", "sample_annotation"}) {
      m_tables[table] = nlohmann::json::array();
    }
  }

  /// Tables folder.
  std::filesystem::path tables() const { return m_root / m_version; }

  /// A unique token.
  std::string token(const std::string& kind) { return kind + "_" + std::to_string(m_next++); }

  /// Adds a sensor (once per channel) and its calibration; returns the calibrated_sensor token.
  std::string addCalibratedSensor(const SensorSpec& spec) {
    std::string sensorToken;
    for (const auto& row : m_tables["sensor"]) {
      if (row["channel"] == spec.channel) sensorToken = row["token"].get<std::string>();
    }
    if (sensorToken.empty()) {
      sensorToken = token("sensor");
      m_tables["sensor"].push_back(
          {{"token", sensorToken}, {"channel", spec.channel}, {"modality", spec.modality}});
    }
    const Eigen::Quaterniond q(spec.T_ego_sensor.linear());
    const Eigen::Vector3d t = spec.T_ego_sensor.translation();
    nlohmann::json intrinsic = nlohmann::json::array();
    if (spec.modality == "camera") {
      for (int r = 0; r < 3; ++r)
        intrinsic.push_back({spec.K(r, 0), spec.K(r, 1), spec.K(r, 2)});
    }
    const std::string calibrated = token("calibrated_sensor");
    m_tables["calibrated_sensor"].push_back({{"token", calibrated},
                                             {"sensor_token", sensorToken},
                                             {"translation", {t.x(), t.y(), t.z()}},
                                             {"rotation", {q.w(), q.x(), q.y(), q.z()}},
                                             {"camera_intrinsic", intrinsic}});
    return calibrated;
  }

  /// Starts a scene; returns its token.
  std::string addScene(const std::string& name) {
    const std::string logToken = token("log");
    m_tables["log"].push_back({{"token", logToken},
                               {"logfile", name + "_log"},
                               {"vehicle", "n015"},
                               {"date_captured", "2018-07-24"},
                               {"location", "singapore-onenorth"}});
    const std::string sceneToken = token("scene");
    m_tables["scene"].push_back({{"token", sceneToken},
                                 {"log_token", logToken},
                                 {"nbr_samples", 0},
                                 {"first_sample_token", ""},
                                 {"last_sample_token", ""},
                                 {"name", name},
                                 {"description", "synthetic"}});
    m_scene = m_tables["scene"].size() - 1;
    m_lastSample.clear();
    return sceneToken;
  }

  /// Adds a sample (keyframe) to the current scene; returns its token.
  std::string addSample(std::int64_t timestampUs) {
    const std::string sampleToken = token("sample");
    auto& scene = m_tables["scene"][m_scene];
    m_tables["sample"].push_back({{"token", sampleToken},
                                  {"timestamp", timestampUs},
                                  {"prev", m_lastSample},
                                  {"next", ""},
                                  {"scene_token", scene["token"]}});
    if (!m_lastSample.empty())
      m_tables["sample"][m_tables["sample"].size() - 2]["next"] = sampleToken;
    if (scene["first_sample_token"] == "") scene["first_sample_token"] = sampleToken;
    scene["last_sample_token"] = sampleToken;
    scene["nbr_samples"] = scene["nbr_samples"].get<int>() + 1;
    m_lastSample = sampleToken;
    return sampleToken;
  }

  /// Adds a sample_data row and its ego_pose; `file` relative to the dataset root.
  /// Creates the file (empty) unless `createFile` is false.
  void addSampleData(const std::string& sampleToken, const std::string& calibratedToken,
                     const std::string& file, std::int64_t timestampUs, bool keyframe,
                     const Eigen::Isometry3d& T_global_ego, int width = 0, int height = 0,
                     bool createFile = true) {
    const std::string egoToken = token("ego_pose");
    const Eigen::Quaterniond q(T_global_ego.linear());
    const Eigen::Vector3d t = T_global_ego.translation();
    m_tables["ego_pose"].push_back({{"token", egoToken},
                                    {"timestamp", timestampUs},
                                    {"rotation", {q.w(), q.x(), q.y(), q.z()}},
                                    {"translation", {t.x(), t.y(), t.z()}}});
    const bool camera = width > 0;
    m_tables["sample_data"].push_back({{"token", token("sample_data")},
                                       {"sample_token", sampleToken},
                                       {"ego_pose_token", egoToken},
                                       {"calibrated_sensor_token", calibratedToken},
                                       {"timestamp", timestampUs},
                                       {"fileformat", camera ? "jpg" : "pcd"},
                                       {"is_key_frame", keyframe},
                                       {"height", height},
                                       {"width", width},
                                       {"filename", file},
                                       {"prev", ""},
                                       {"next", ""}});
    if (createFile) {
      std::filesystem::create_directories((m_root / file).parent_path());
      std::ofstream(m_root / file, std::ios::binary) << std::string(20, '\0');
    }
  }

  /// Direct access to a table, for tests that break it.
  nlohmann::json& table(const std::string& name) { return m_tables[name]; }

  /// Writes every table as <name>.json.
  void write() const {
    std::filesystem::create_directories(tables());
    for (const auto& [name, rows] : m_tables)
      std::ofstream(tables() / (name + ".json")) << rows.dump(1);
  }

 private:
  std::filesystem::path m_root;
  std::string m_version;
  std::map<std::string, nlohmann::json> m_tables;
  size_t m_scene = 0;
  std::string m_lastSample;
  std::size_t m_next = 0;
};

/// The six nuScenes cameras with the keyframe delays of the real demo sample
/// (camera timestamp − LIDAR_TOP timestamp, µs).
struct NuscenesCameraDelay {
  const char* channel;
  std::int64_t delayUs;
};
inline constexpr NuscenesCameraDelay kNuscenesCameraDelays[] = {
    {"CAM_FRONT", -35491}, {"CAM_FRONT_RIGHT", -27612}, {"CAM_BACK_RIGHT", -20058},
    {"CAM_BACK", -10426},  {"CAM_BACK_LEFT", -528},     {"CAM_FRONT_LEFT", -43107}};

/// Options of a synthetic scene.
struct SyntheticSceneOptions {
  int samples = 4;           ///< keyframes (2 Hz)
  int sweepsPerSample = 10;  ///< LIDAR_TOP sample_data per sample (20 Hz)
  int imagesPerSample = 6;   ///< per camera (12 Hz)
  std::int64_t startUs = 1'532'402'927'647'951;
  double speed = 10.0;      ///< ego speed along global x (m/s)
  bool createFiles = true;  ///< write the (empty) sample files
};

/// A driving scene with LIDAR_TOP and six cameras, the ego moving along global x.
inline void addSyntheticScene(NuscenesTableWriter& writer, const std::string& name,
                              const SyntheticSceneOptions& options = {}) {
  writer.addScene(name);
  NuscenesTableWriter::SensorSpec lidar{"LIDAR_TOP", "lidar", Eigen::Isometry3d::Identity()};
  lidar.T_ego_sensor.linear() =
      Eigen::AngleAxisd(-std::numbers::pi / 2, Eigen::Vector3d::UnitZ()).toRotationMatrix();
  lidar.T_ego_sensor.translation() = Eigen::Vector3d(0.943713, 0.0, 1.84023);
  const std::string lidarToken = writer.addCalibratedSensor(lidar);
  std::vector<std::string> cameraTokens;
  for (size_t c = 0; c < 6; ++c) {
    NuscenesTableWriter::SensorSpec camera{kNuscenesCameraDelays[c].channel, "camera",
                                           Eigen::Isometry3d::Identity()};
    // Optical frame (x right, y down, z forward) looking along ego heading c · 60°.
    Eigen::Matrix3d optical;
    optical << 0, 0, 1, -1, 0, 0, 0, -1, 0;
    camera.T_ego_sensor.linear() =
        Eigen::AngleAxisd(-static_cast<double>(c) * std::numbers::pi / 3, Eigen::Vector3d::UnitZ())
            .toRotationMatrix() *
        optical;
    camera.T_ego_sensor.translation() = Eigen::Vector3d(1.5, 0.0, 1.5);
    camera.K << 1266.4, 0, 816.3, 0, 1266.4, 491.5, 0, 0, 1;
    cameraTokens.push_back(writer.addCalibratedSensor(camera));
  }
  const auto egoAt = [&](std::int64_t us) {
    Eigen::Isometry3d T = Eigen::Isometry3d::Identity();
    T.translation() = Eigen::Vector3d(
        411.3 + options.speed * static_cast<double>(us - options.startUs) * 1e-6, 1180.9, 0.0);
    return T;
  };
  const std::string prefix = name + "__";
  for (int s = 0; s < options.samples; ++s) {
    const std::int64_t keyUs = options.startUs + s * 500'000;
    const std::string sample = writer.addSample(keyUs);
    for (int j = 0; j < options.sweepsPerSample; ++j) {
      const std::int64_t t = keyUs + j * 500'000 / options.sweepsPerSample;
      const std::string file = std::string(j == 0 ? "samples" : "sweeps") + "/LIDAR_TOP/" + prefix +
                               "LIDAR_TOP__" + std::to_string(t) + ".pcd.bin";
      writer.addSampleData(sample, lidarToken, file, t, j == 0, egoAt(t), 0, 0,
                           options.createFiles);
    }
    for (size_t c = 0; c < 6; ++c) {
      for (int j = 0; j < options.imagesPerSample; ++j) {
        const std::int64_t t =
            keyUs + kNuscenesCameraDelays[c].delayUs + j * 500'000 / options.imagesPerSample;
        const std::string channel = kNuscenesCameraDelays[c].channel;
        const std::string file = std::string(j == 0 ? "samples/" : "sweeps/") + channel + "/" +
                                 prefix + channel + "__" + std::to_string(t) + ".jpg";
        writer.addSampleData(sample, cameraTokens[c], file, t, j == 0, egoAt(t), 1600, 900,
                             options.createFiles);
      }
    }
  }
}

}  // namespace fuselabel::test
