// `fuselabel-cli info`: what a dataset holds and how well its sensors line
// up in time — the first thing to run on a new recording.

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/command.hpp"
#include "app/cli/commands/dataset_selection.hpp"
#include "datasets/sequence/time_sync.hpp"

namespace fuselabel::cli {
namespace {

struct InfoOptions {
  DatasetSelection dataset;
  bool json = false;
};

const char* kindName(SensorKind kind) {
  switch (kind) {
    case SensorKind::Lidar:
      return "lidar";
    case SensorKind::Camera:
      return "camera";
    case SensorKind::Other:
      return "other";
  }
  return "other";
}

nlohmann::json sensorJson(const Sensor& sensor) {
  nlohmann::json j{{"name", sensor.name}, {"type", kindName(sensor.kind)}};
  const Eigen::Vector3d t = sensor.T_ego_sensor.translation();
  j["position_in_ego"] = {t.x(), t.y(), t.z()};
  if (sensor.camera) {
    const auto& k = sensor.camera->intrinsics();
    j["model"] = distortionModelName(k.model);
    j["width"] = k.width;
    j["height"] = k.height;
    j["fx"] = k.fx;
    j["fy"] = k.fy;
  }
  return j;
}

int runInfo(const InfoOptions& options) {
  auto sequence = options.dataset.open();
  if (!sequence) {
    std::cerr << "fuselabel-cli info: " << sequence.error().message << "\n";
    return kExitFailure;
  }
  const Sequence& seq = *sequence;
  nlohmann::json out;
  out["dataset"] = seq.root.string();
  out["format"] = seq.format;
  out["frames"] = seq.frameCount();
  out["reference"] = seq.referenceLidar;
  const double span = seq.frames.empty()
                          ? 0.0
                          : static_cast<double>(seq.frames.back().lidar.timestampNs -
                                                seq.frames.front().lidar.timestampNs) /
                                1e9;
  out["time_span_s"] = span;
  out["first_frame"] = seq.frames.empty() ? "" : seq.frames.front().id;
  out["last_frame"] = seq.frames.empty() ? "" : seq.frames.back().id;
  out["poses"] = seq.poses.size();

  nlohmann::json cameras = nlohmann::json::array();
  for (const CameraStream& camera : seq.cameras)
    cameras.push_back(camera.sensor);
  out["cameras"] = cameras;

  nlohmann::json sensors = nlohmann::json::array();
  if (auto rig = seq.rig(0)) {
    for (const Sensor& sensor : (*rig)->sensors())
      sensors.push_back(sensorJson(sensor));
  } else {
    out["rig_error"] = rig.error().message;
  }
  out["sensors"] = sensors;

  std::vector<size_t> points;
  nlohmann::json sweepErrors = nlohmann::json::array();
  std::vector<std::string> warnings = seq.warnings;
  for (size_t f = 0; f < seq.frameCount(); ++f) {
    auto sweep = seq.loadSweep(f);
    if (!sweep) {
      sweepErrors.push_back(sweep.error().message);
      points.push_back(0);
      continue;
    }
    points.push_back(sweep->cloud.size());
    for (const std::string& w : sweep->warnings)
      warnings.push_back(w);
  }
  out["points_per_frame"] = points;
  if (!sweepErrors.empty()) out["sweep_errors"] = sweepErrors;

  nlohmann::json sync = nlohmann::json::object();
  for (const CameraStream& camera : seq.cameras) {
    const SyncReport report = syncReport(seq, camera);
    sync[camera.sensor] = {{"matched", report.matched},
                           {"unmatched", report.unmatched},
                           {"mean_offset_ms", report.meanOffsetMs},
                           {"max_offset_ms", report.maxOffsetMs}};
  }
  out["sync"] = sync;
  nlohmann::json labels = nlohmann::json::array();
  for (const LabelSource& source : seq.labels) {
    labels.push_back(
        {{"format", source.format}, {"path", source.path.string()}, {"files", source.files}});
  }
  out["labels"] = labels;
  out["warnings"] = warnings;

  if (options.json) {
    std::cout << out.dump(2) << "\n";
    return sweepErrors.empty() ? kExitOk : kExitFailure;
  }

  std::printf("dataset    %s (%s)\n", seq.root.string().c_str(), seq.format.c_str());
  std::printf("frames     %zu (%s .. %s), time span %.3f s\n", seq.frameCount(),
              out["first_frame"].get<std::string>().c_str(),
              out["last_frame"].get<std::string>().c_str(), span);
  std::printf("reference  %s\n", seq.referenceLidar.c_str());
  std::printf("poses      %s\n", seq.poses.empty()
                                     ? "none (the ego is treated as still)"
                                     : (std::to_string(seq.poses.size()) + " ego poses").c_str());
  std::printf("sensors\n");
  for (const auto& s : sensors) {
    const auto& p = s["position_in_ego"];
    std::printf("  %-20s %-7s at (%.2f, %.2f, %.2f) m", s["name"].get<std::string>().c_str(),
                s["type"].get<std::string>().c_str(), p[0].get<double>(), p[1].get<double>(),
                p[2].get<double>());
    if (s.contains("model")) {
      std::printf("  %s %dx%d fx %.1f", s["model"].get<std::string>().c_str(),
                  s["width"].get<int>(), s["height"].get<int>(), s["fx"].get<double>());
    }
    std::printf("\n");
  }
  if (!points.empty()) {
    std::vector<size_t> sorted = points;
    std::sort(sorted.begin(), sorted.end());
    std::printf("points     min %zu  median %zu  max %zu per sweep\n", sorted.front(),
                sorted[sorted.size() / 2], sorted.back());
  }
  std::printf("sync       (camera sample nearest each frame, within tolerance)\n");
  for (const CameraStream& camera : seq.cameras) {
    const auto& r = sync[camera.sensor];
    std::printf("  %-20s matched %zu  unmatched %zu  offset mean %.1f ms  max %.1f ms\n",
                camera.sensor.c_str(), r["matched"].get<size_t>(), r["unmatched"].get<size_t>(),
                r["mean_offset_ms"].get<double>(), r["max_offset_ms"].get<double>());
  }
  if (seq.labels.empty()) std::printf("labels     none found\n");
  for (const LabelSource& source : seq.labels) {
    std::printf("labels     %s: %s (%zu files)\n", source.format.c_str(),
                source.path.string().c_str(), source.files);
  }
  for (const std::string& warning : warnings)
    std::printf("warning    %s\n", warning.c_str());
  for (const auto& error : sweepErrors)
    std::printf("error      %s\n", error.get<std::string>().c_str());
  return sweepErrors.empty() ? kExitOk : kExitFailure;
}

}  // namespace

Command addInfoCommand(CLI::App& parent) {
  auto options = std::make_shared<InfoOptions>();
  CLI::App* sub = parent.add_subcommand(
      "info", "Describe a dataset: frames, sensors, points per sweep, camera sync");
  options->dataset.addOptions(*sub);
  sub->add_flag("--json", options->json, "print one JSON object");
  return {sub, [options] { return runInfo(*options); }};
}

}  // namespace fuselabel::cli
