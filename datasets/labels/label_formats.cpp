// The table of label formats, the native file's entry, and the context a
// dataset gives a conversion.

#include <fstream>

#include "calib/readers/kitti_calibration.hpp"
#include "core/annotation/native_file.hpp"
#include "datasets/labels/label_common.hpp"
#include "datasets/labels/label_formats_impl.hpp"
#include "datasets/sequence/sequence.hpp"

namespace fuselabel {
namespace {

bool detectNative(const std::filesystem::path& path) {
  if (std::filesystem::is_directory(path) || path.extension() != ".json") return false;
  // The version key may come after the frame times when another tool
  // re-sorted the keys; 16 MB holds the times of any real sequence.
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error) return false;
  std::ifstream stream(path, std::ios::binary);
  std::string head(static_cast<std::size_t>(std::min<std::uintmax_t>(size, 16u << 20)), '\0');
  stream.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(stream.gcount()));
  return peekNativeVersion(head).has_value();
}

Result<LabelImport> readNative(const std::filesystem::path& path, const LabelContext& context) {
  auto document = loadDocument(path);
  if (!document) return document.error();
  LabelImport out{std::move(*document), {}};
  if (!context.frames.empty()) {
    // Native files are in world already; only check they fit the sequence.
    for (const Track& track : out.document.tracks()) {
      if (!track.instances.empty() &&
          track.instances.back().frame >= static_cast<FrameIndex>(context.frames.size())) {
        out.warnings.push_back(path.string() + ": " + track.object.className + " #" +
                               std::to_string(track.object.number) +
                               " has labels beyond the dataset's " +
                               std::to_string(context.frames.size()) + " frames");
      }
    }
  }
  return out;
}

Result<LabelExport> writeNative(const Document& document, const std::filesystem::path& path,
                                const LabelContext&) {
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
  }
  if (auto saved = saveDocument(document, path); !saved) return saved.error();
  LabelExport out;
  out.files.push_back(path);
  return out;
}

const char* cameraTwoName(const SensorRig& rig) {
  for (const char* name : {"image_2", "image_02"}) {
    if (rig.find(name) != nullptr) return name;
  }
  return nullptr;
}

}  // namespace

const std::vector<LabelFormat>& labelFormats() {
  // Detection order: the cheap, unambiguous ones first.
  static const std::vector<LabelFormat> formats = {
      {"native", "fuselabel native JSON (\"fuselabel_labels\": 1)", detectNative, readNative,
       writeNative},
      {"openlabel", "ASAM OpenLABEL 1.0 JSON", labels::detectOpenLabel, labels::readOpenLabel,
       labels::writeOpenLabel},
      {"nuscenes", "nuScenes sample_annotation.json (+ instance, category, sample tables)",
       labels::detectNuscenes, labels::readNuscenes, labels::writeNuscenes},
      {"kitti-tracking", "KITTI tracking label_02/<seq>.txt", labels::detectKittiTracking,
       labels::readKittiTracking, labels::writeKittiTracking},
      {"kitti", "KITTI object label_2/<frame>.txt", labels::detectKitti, labels::readKitti,
       labels::writeKitti},
      {"sustech", "SUSTech label/<frame>.json", labels::detectSustech, labels::readSustech,
       labels::writeSustech},
      {"argoverse2", "Argoverse 2 annotations.csv (read only; poses from city_SE3_egovehicle.csv)",
       labels::detectArgoverse, labels::readArgoverse, labels::writeArgoverse},
      {"mmdet3d", "mmdetection3d info (.pkl as JSON; nuScenes-style LiDAR boxes; read only)",
       labels::detectMmdet3dInfo, labels::readMmdet3dInfo, labels::writeMmdet3dInfo},
  };
  return formats;
}

const LabelFormat* findLabelFormat(std::string_view name) {
  for (const LabelFormat& format : labelFormats()) {
    if (name == format.name) return &format;
  }
  return nullptr;
}

Result<const LabelFormat*> detectLabelFormat(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) return Error::inFile(path.string(), "does not exist");
  for (const LabelFormat& format : labelFormats()) {
    if (format.detect(path)) return &format;
  }
  std::string names;
  for (const LabelFormat& format : labelFormats())
    names += (names.empty() ? "" : ", ") + std::string(format.name);
  return Error::inFile(path.string(),
                       "not a label file or folder of a known format (" + names + "); name one");
}

Result<LabelImport> readLabels(const std::filesystem::path& path, const LabelContext& context,
                               std::string_view format) {
  const LabelFormat* chosen = nullptr;
  if (format.empty()) {
    auto detected = detectLabelFormat(path);
    if (!detected) return detected.error();
    chosen = *detected;
  } else {
    chosen = findLabelFormat(format);
    if (chosen == nullptr) return Error{"unknown label format '" + std::string(format) + "'"};
  }
  return chosen->read(path, context);
}

Result<LabelExport> writeLabels(const Document& document, const std::filesystem::path& path,
                                const LabelContext& context, std::string_view format) {
  const LabelFormat* chosen = findLabelFormat(format);
  if (chosen == nullptr) return Error{"unknown label format '" + std::string(format) + "'"};
  return chosen->write(document, path, context);
}

KittiCamera kittiCameraFromCalibration(const KittiCalibration& calibration, int width, int height) {
  // The same placement as makeKittiRig: ego = IMU when known, else the Velodyne.
  const Eigen::Isometry3d T_ego_velo =
      calibration.hasImu ? calibration.T_velo_imu.inverse() : Eigen::Isometry3d::Identity();
  Eigen::Isometry3d T_rect0_cam0 = Eigen::Isometry3d::Identity();
  T_rect0_cam0.linear() = calibration.R0_rect;
  const Eigen::Isometry3d T_rect0_velo = T_rect0_cam0 * calibration.T_cam0_velo;
  KittiCamera camera;
  camera.T_ego_rect0 = T_ego_velo * T_rect0_velo.inverse();
  camera.P2 = calibration.P[2];
  camera.width = width;
  camera.height = height;
  return camera;
}

Result<LabelContext> labelContextFromSequence(const Sequence& sequence) {
  LabelContext context;
  context.dataset.format = sequence.format;
  context.dataset.path = sequence.root.string();
  for (const Frame& frame : sequence.frames) {
    LabelFrame f;
    f.id = frame.id;
    f.timestampNs = frame.lidar.timestampNs;
    if (!sequence.poses.empty()) f.T_world_ego = sequence.poses.at(frame.lidar.timestampNs);
    context.frames.push_back(std::move(f));
  }
  context.T_global_world = sequence.poses.T_global_world();
  if (sequence.frames.empty()) return context;

  auto rig = sequence.rig(0);
  if (!rig) return rig.error();
  if (auto T = (*rig)->transform(SensorRig::kEgoFrame, sequence.referenceLidar))
    context.T_ego_lidar = *T;
  for (const Sensor& sensor : (*rig)->sensors()) {
    LabelSensor out;
    out.name = sensor.name;
    out.type = sensor.kind == SensorKind::Camera  ? "camera"
               : sensor.kind == SensorKind::Lidar ? "lidar"
                                                  : "other";
    out.T_ego_sensor = sensor.T_ego_sensor;
    if (sensor.camera) {
      const CameraIntrinsics& in = sensor.camera->intrinsics();
      Eigen::Matrix3d K;
      K << in.fx, in.skew, in.cx, 0, in.fy, in.cy, 0, 0, 1;
      out.K = K;
      out.width = in.width;
      out.height = in.height;
      if (in.model == DistortionModel::RadialTangential)
        out.distortion.assign(in.distortion.begin(), in.distortion.end());
    }
    context.sensors.push_back(std::move(out));
  }

  const std::string& format = sequence.format;
  if (format == "kitti-object" || format == "kitti-tracking" || format == "kitti-raw") {
    const std::filesystem::path root = sequence.root;
    const std::vector<Frame> frames = sequence.frames;
    const std::string seq = frames.front().lidar.file.parent_path().filename().string();
    if (format == "kitti-tracking") context.dataset.sequence = seq;
    const char* cameraName = cameraTwoName(**rig);
    int width = 1242;
    int height = 375;
    // A copy keeps the context valid after the caller's sequence is gone (it shares the rig cache).
    const auto owned = std::make_shared<const Sequence>(sequence);
    context.kittiCamera = [root, frames, format, seq, cameraName, owned, width,
                           height](std::size_t frame) -> Result<KittiCamera> {
      if (frame >= frames.size())
        return Error{"frame " + std::to_string(frame) + " is not in the dataset"};
      Result<KittiCalibration> calibration = Error{""};
      if (format == "kitti-object") {
        calibration = readKittiObjectCalibration(root / "calib" / (frames[frame].id + ".txt"));
      } else if (format == "kitti-tracking") {
        calibration = readKittiObjectCalibration(root / "calib" / (seq + ".txt"));
      } else {
        // <date>/<drive>_sync/velodyne_points/data/<n>.bin
        calibration = readKittiRawCalibration(
            frames[frame].lidar.file.parent_path().parent_path().parent_path().parent_path());
      }
      if (!calibration) return calibration.error();
      int w = width;
      int h = height;
      if (cameraName != nullptr) {
        auto frameRig = owned->rig(frame);
        if (!frameRig) return frameRig.error();
        if (const Sensor* camera = (*frameRig)->find(cameraName);
            camera != nullptr && camera->camera) {
          w = camera->camera->intrinsics().width;
          h = camera->camera->intrinsics().height;
        }
      }
      return kittiCameraFromCalibration(*calibration, w, h);
    };
  }
  return context;
}

Result<LabelImport> readDatasetLabels(const Sequence& sequence, const LabelContext& context) {
  if (sequence.labels.empty()) {
    return Error::inFile(sequence.root.string(),
                         "the dataset ships no labels (pass --labels FILE)");
  }
  const LabelSource& source = sequence.labels.front();
  return readLabels(source.path, context, source.format);
}

}  // namespace fuselabel
