#include "datasets/synthetic/synthetic_scene.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <numbers>
#include <span>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/annotation/commands/object_commands.hpp"
#include "core/annotation/native_file.hpp"
#include "core/geometry/points_in_cuboid.hpp"
#include "core/geometry/transform.hpp"
#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/labels/label_io.hpp"
#include "datasets/pointcloud/atomic_file_write.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"
#include "datasets/synthetic/synthetic_sensors.hpp"
#include "datasets/synthetic/synthetic_world.hpp"

namespace fuselabel {
namespace {

constexpr std::int64_t kStartNs = 1'700'000'000'000'000'000;
constexpr const char* kLidarName = "lidar_top";

std::string frameName(int index, const char* extension) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%06d.%s", index, extension);
  return buffer.data();
}

// The transform exactly as a reader of the manifest gets it back from its 16
// numbers, so counts computed here match counts computed from the files.
Eigen::Isometry3d asWritten(const std::array<double, 16>& numbers) {
  auto parsed = fromRowMajor4x4(std::span<const double, 16>(numbers));
  return parsed ? *parsed : Eigen::Isometry3d::Identity();
}

nlohmann::ordered_json matrixJson(const std::array<double, 16>& m) {
  return nlohmann::ordered_json(m);
}

const char* occlusionOf(std::uint32_t visible, std::uint32_t potential) {
  if (potential == 0) return "unknown";
  const double fraction = static_cast<double>(visible) / potential;
  if (fraction >= 0.8) return "none";
  if (fraction >= 0.5) return "partly";
  if (fraction > 0.0) return "largely";
  return "fully";
}

Result<void> validate(const SynthOptions& o) {
  if (o.frames < 1 || o.frames > 100000) return Error{"synth: --frames must be 1..100000"};
  if (o.beams < 1 || o.beams > 512) return Error{"synth: --beams must be 1..512"};
  if (o.columns < 16 || o.columns > 16384) return Error{"synth: --columns must be 16..16384"};
  if (o.cameraRig.empty() && (o.cameras < 0 || o.cameras > 6))
    return Error{"synth: --cameras must be 0..6"};
  if (o.actors < 0 || o.actors > 10000) return Error{"synth: --actors must be 0..10000"};
  if (!(o.lidarRateHz >= 1.0 && o.lidarRateHz <= 100.0))
    return Error{"synth: LiDAR rate must be 1..100 Hz"};
  if (!(o.maxRange > 2.0)) return Error{"synth: max range must exceed 2 m"};
  if (o.imageWidth < 16 || o.imageHeight < 16)
    return Error{"synth: images must be at least 16 × 16"};
  return {};
}

}  // namespace

Result<SynthSummary> generateSyntheticScene(const SynthOptions& options,
                                            const std::filesystem::path& folder,
                                            const SynthProgress& progress) {
  if (auto ok = validate(options); !ok) return ok.error();
  const int threads = options.threads > 0
                          ? options.threads
                          : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  std::error_code ec;
  std::filesystem::create_directories(folder / kLidarName, ec);
  if (ec) return Error::inFile(folder.string(), "cannot create folder: " + ec.message());

  const SynthWorld world(options);
  const std::int64_t periodNs = std::llround(1e9 / options.lidarRateHz);
  const auto sceneTime = [](std::int64_t ns) { return static_cast<double>(ns - kStartNs) * 1e-9; };
  const Eigen::Isometry3d T_world_map = world.egoPose(0.0).inverse();
  const auto worldEgo = [&](std::int64_t ns) -> std::array<double, 16> {
    if (ns == kStartNs) return toRowMajor4x4(Eigen::Isometry3d::Identity());
    return toRowMajor4x4(T_world_map * world.egoPose(sceneTime(ns)));
  };

  // Sensors.
  SynthLidarConfig lidar;
  lidar.elevations =
      synthBeamElevations(options.beams, options.lowestElevationDeg, options.highestElevationDeg);
  lidar.columns = options.columns;
  lidar.periodNs = periodNs;
  lidar.maxRange = options.maxRange;
  lidar.rangeNoise = options.rangeNoise;
  lidar.dropout = options.dropout;
  Eigen::Isometry3d lidarMount = Eigen::Isometry3d::Identity();
  lidarMount.translation() = Eigen::Vector3d(0.9, 0.0, 1.85);
  const std::array<double, 16> lidarNumbers = toRowMajor4x4(lidarMount);
  lidar.T_ego_lidar = asWritten(lidarNumbers);

  const std::vector<SynthCameraOptions> cameraOptions =
      options.cameraRig.empty() ? defaultSynthCameras(options.cameras, options.imageWidth,
                                                      options.imageHeight, options.lidarRateHz)
                                : options.cameraRig;
  std::vector<SynthCamera> cameras;
  std::vector<std::array<double, 16>> cameraNumbers;
  nlohmann::ordered_json sensors;
  sensors[kLidarName] = {
      {"type", "lidar"}, {"format", "pcd"}, {"T_ego_sensor", matrixJson(lidarNumbers)}};
  for (const SynthCameraOptions& c : cameraOptions) {
    CameraIntrinsics k;
    k.width = c.width;
    k.height = c.height;
    k.fx = k.fy = 0.5 * c.width / std::tan(0.5 * c.horizontalFovDeg * std::numbers::pi / 180.0);
    k.cx = 0.5 * c.width;
    k.cy = 0.5 * c.height;
    k.model = DistortionModel::RadialTangential;
    std::copy(c.distortion.begin(), c.distortion.end(), k.distortion.begin());
    auto model = CameraModel::create(k);
    if (!model) return model.error().withContext("synth: camera " + c.name);
    // Optical (x right, y down, z forward) → ego (x forward, y left, z up),
    // then the mounting pitch and yaw.
    Eigen::Matrix3d base;
    base << 0, 0, 1, -1, 0, 0, 0, -1, 0;
    Eigen::Isometry3d mount = Eigen::Isometry3d::Identity();
    mount.linear() = (Eigen::AngleAxisd(c.yaw, Eigen::Vector3d::UnitZ()) *
                      Eigen::AngleAxisd(c.pitch, Eigen::Vector3d::UnitY()))
                         .toRotationMatrix() *
                     base;
    mount.translation() = Eigen::Vector3d(c.position[0], c.position[1], c.position[2]);
    cameraNumbers.push_back(toRowMajor4x4(mount));
    cameras.emplace_back(*model, asWritten(cameraNumbers.back()), threads);
    std::filesystem::create_directories(folder / c.name, ec);
    if (ec)
      return Error::inFile((folder / c.name).string(), "cannot create folder: " + ec.message());
    sensors[c.name] = {{"type", "camera"},
                       {"model", "radtan"},
                       {"K", {k.fx, 0.0, k.cx, 0.0, k.fy, k.cy, 0.0, 0.0, 1.0}},
                       {"distortion", c.distortion},
                       {"width", c.width},
                       {"height", c.height},
                       {"T_ego_sensor", matrixJson(cameraNumbers.back())},
                       {"time_offset_ns", c.timeOffsetNs}};
  }

  // Ground truth tracks, filled frame by frame.
  const std::size_t actorCount = world.actors().size();
  std::vector<Track> tracks(actorCount);
  for (std::size_t a = 0; a < actorCount; ++a) {
    tracks[a].object.id = ObjectId{static_cast<std::int64_t>(a + 1)};
    tracks[a].object.number = static_cast<std::int32_t>(a + 1);
    tracks[a].object.className = world.actors()[a].className;
  }

  SynthSummary summary;
  nlohmann::ordered_json samples;
  samples[kLidarName] = nlohmann::ordered_json::array();
  for (const SynthCameraOptions& c : cameraOptions)
    samples[c.name] = nlohmann::ordered_json::array();
  std::map<std::int64_t, std::array<double, 16>> poses;
  std::vector<std::int64_t> frameTimes;
  std::vector<int> compression{cv::IMWRITE_JPEG_QUALITY, std::clamp(options.jpegQuality, 1, 100)};

  for (int f = 0; f < options.frames; ++f) {
    const std::int64_t ts = kStartNs + periodNs * f;
    frameTimes.push_back(ts);
    SynthSweep sweep =
        simulateSweep(world, lidar, sceneTime(ts),
                      synthHash(options.seed, 0x11da7, static_cast<std::uint64_t>(f)), threads);
    sweep.cloud.setTimestampNs(ts);
    const std::string sweepFile = std::string(kLidarName) + "/" + frameName(f, "pcd");
    if (auto written = writePointCloud(folder / sweepFile, sweep.cloud, PointCloudFormat::Pcd);
        !written) {
      return written.error();
    }
    samples[kLidarName].push_back({{"timestamp_ns", ts}, {"file", sweepFile}});
    summary.points += sweep.cloud.size();
    poses[ts] = worldEgo(ts);

    // Points inside each truth box, counted on the written sweep with the box
    // brought into the LiDAR frame at the sweep timestamp, as a reader would.
    const Eigen::Isometry3d T_lidar_world = (asWritten(poses[ts]) * lidar.T_ego_lidar).inverse();
    for (std::size_t a = 0; a < actorCount; ++a) {
      Instance instance;
      instance.frame = f;
      const Cuboid box = T_world_map * world.actorCuboid(a, sceneTime(ts));
      instance.geometry = box;
      instance.review.state = ReviewState::Accepted;
      const std::uint32_t visible = sweep.visibleRays[a];
      const std::uint32_t potential = sweep.potentialRays[a];
      instance.attributes.set("occlusion", std::string(occlusionOf(visible, potential)));
      instance.attributes.set("visibility",
                              potential == 0 ? 0.0 : static_cast<double>(visible) / potential);
      tracks[a].instances.push_back(std::move(instance));
    }
    // Each count walks the whole sweep: split the actors over the workers, and
    // skip boxes out of reach. No point lies farther from the sensor than the
    // maximum range plus the noise (Box-Muller's tail ends near 38 sigma), so
    // such a box holds none and the count is exact without the walk.
    const double reach = options.maxRange + 40.0 * options.rangeNoise + 1.0;
    std::vector<std::size_t> inside(actorCount, 0);
    synthParallelFor(static_cast<int>(actorCount), threads, [&](int begin, int end, int) {
      for (int i = begin; i < end; ++i) {
        const auto a = static_cast<std::size_t>(i);
        const Cuboid box = T_lidar_world * (T_world_map * world.actorCuboid(a, sceneTime(ts)));
        if (box.center.norm() - 0.5 * box.size.norm() > reach) continue;
        inside[a] = countPointsInCuboid(sweep.cloud, box);
      }
    });
    for (std::size_t a = 0; a < actorCount; ++a) {
      tracks[a].instances.back().attributes.set("num_points", static_cast<double>(inside[a]));
    }

    // Each render is parallel over rows; the JPEG encodes are serial inside
    // OpenCV, so they run side by side, one camera per worker.
    std::vector<cv::Mat> images(cameras.size());
    for (std::size_t c = 0; c < cameras.size(); ++c) {
      const std::int64_t cameraTs = ts + cameraOptions[c].timeOffsetNs;
      images[c] = cameras[c].render(world, sceneTime(cameraTs), threads);
    }
    std::vector<std::vector<unsigned char>> encoded(cameras.size());
    std::vector<char> encodedOk(cameras.size(), 0);
    synthParallelFor(static_cast<int>(cameras.size()), threads, [&](int begin, int end, int) {
      for (int c = begin; c < end; ++c) {
        const auto i = static_cast<std::size_t>(c);
        encodedOk[i] = cv::imencode(".jpg", images[i], encoded[i], compression) ? 1 : 0;
      }
    });
    for (std::size_t c = 0; c < cameras.size(); ++c) {
      const std::int64_t cameraTs = ts + cameraOptions[c].timeOffsetNs;
      const std::string imageFile = cameraOptions[c].name + "/" + frameName(f, "jpg");
      if (encodedOk[c] == 0) {
        return Error::inFile((folder / imageFile).string(), "JPEG encoding failed");
      }
      if (auto ok = writeFileAtomic(folder / imageFile, std::as_bytes(std::span(encoded[c]))); !ok)
        return ok.error();
      samples[cameraOptions[c].name].push_back({{"timestamp_ns", cameraTs}, {"file", imageFile}});
      poses[cameraTs] = worldEgo(cameraTs);
      ++summary.images;
    }
    if (progress) progress(f + 1, options.frames);
  }

  nlohmann::ordered_json manifest;
  manifest["fuselabel_scene"] = 1;
  manifest["reference"] = kLidarName;
  manifest["sensors"] = std::move(sensors);
  manifest["samples"] = std::move(samples);
  // The truth is written below; the manifest names it so opening the scene finds it.
  manifest["labels"] =
      nlohmann::ordered_json::array({{{"format", "native"}, {"file", kSynthLabelsFile}},
                                     {{"format", "openlabel"}, {"file", kSynthOpenLabelFile}}});
  manifest["poses"] = nlohmann::ordered_json::array();
  for (const auto& [ts, numbers] : poses) {
    manifest["poses"].push_back({{"timestamp_ns", ts}, {"T_world_ego", matrixJson(numbers)}});
  }
  summary.manifest = folder / "scene.json";
  const std::string manifestText = manifest.dump(1) + "\n";
  if (auto ok = writeFileAtomic(summary.manifest, std::as_bytes(std::span(manifestText))); !ok)
    return ok.error();

  // The ground truth document, built through the command layer like any edit.
  DocumentInfo info;
  info.schema = SchemaReference{"driving", 1, ""};
  info.dataset = DatasetReference{"manifest", ".", "synthetic"};
  info.frameTimestampsNs = frameTimes;
  Document document(std::move(info));
  for (Track& track : tracks) {
    AddObjectCommand add(std::move(track));
    if (auto ok = add.apply(document); !ok) return ok.error().withContext("synth: ground truth");
  }
  summary.actors = actorCount;
  for (const SynthLaneLine& line : world.laneLines()) {
    Track track;
    track.object.id = document.unusedObjectId();
    track.object.number = document.unusedNumber();
    track.object.className = line.className;
    if (line.className != "road_edge")
      track.object.attributes.set("lane_colour", std::string("white"));
    Instance instance;
    instance.frame = kStaticFrame;
    instance.review.state = ReviewState::Accepted;
    Polyline polyline;
    for (const Eigen::Vector3d& p : line.points)
      polyline.points.push_back(T_world_map * p);
    instance.geometry = std::move(polyline);
    track.instances.push_back(std::move(instance));
    AddObjectCommand add(std::move(track));
    if (auto ok = add.apply(document); !ok) return ok.error().withContext("synth: ground truth");
    ++summary.laneLines;
  }
  summary.labels = folder / kSynthLabelsFile;
  SaveOptions save;
  save.sync = false;
  if (auto ok = saveDocument(document, summary.labels, save); !ok) return ok.error();

  // The same truth as ASAM OpenLABEL, for tools that read no native labels.
  // Converted in the context a reader of the written scene gets, so its
  // frames, poses and streams are those of the files.
  auto sequence = openDataset(summary.manifest);
  if (!sequence) return sequence.error().withContext("synth: reopening the written scene");
  auto context = labelContextFromSequence(*sequence);
  if (!context) return context.error().withContext("synth: OpenLABEL context");
  // Relative, like the native file: the bytes must not depend on the folder.
  context->dataset = document.info().dataset;
  summary.openLabel = folder / kSynthOpenLabelFile;
  if (auto ok = writeLabels(document, summary.openLabel, *context, "openlabel"); !ok)
    return ok.error().withContext("synth: OpenLABEL ground truth");
  summary.frames = options.frames;
  return summary;
}

}  // namespace fuselabel
