#pragma once
// Reading and writing label files in the interchange formats (KITTI object
// and tracking, ASAM OpenLABEL 1.0, nuScenes sample_annotation, SUSTech label
// JSON) and the native file, each converted to and from the document's
// `world` frame at the file boundary. The conventions of every format are in
// docs/label_formats.md. Formats are one table (label_formats.cpp): a name, a
// cheap detector and a reader/writer pair, so adding a format is one entry.

#include <Eigen/Geometry>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/annotation/document.hpp"
#include "core/util/result.hpp"

namespace fuselabel {

class Sequence;
struct KittiCalibration;

/// One frame of the sequence the labels belong to.
struct LabelFrame {
  /// The dataset's own frame name ("000008"); per-frame label files are named after it.
  std::string id;
  /// Capture time (ns).
  std::int64_t timestampNs = 0;
  /// Ego pose in `world` at this frame.
  Eigen::Isometry3d T_world_ego = Eigen::Isometry3d::Identity();
};

/// What KITTI labels need of a frame: where rectified cam0 sits and how it projects into image_2.
struct KittiCamera {
  /// Rectified cam0 → ego. Rectified cam0 is the rig's image_2 frame minus the
  /// stereo baseline (T_cam2_rect0 is a pure translation).
  Eigen::Isometry3d T_ego_rect0 = Eigen::Isometry3d::Identity();
  /// P2: rectified cam0 → image_2 pixels.
  Eigen::Matrix<double, 3, 4> P2 = Eigen::Matrix<double, 3, 4>::Zero();
  /// image_2 width (px), for clipping the 2D box and the truncation.
  int width = 0;
  /// image_2 height (px).
  int height = 0;
};

/// A sensor written into OpenLABEL `coordinate_systems` and `streams`.
struct LabelSensor {
  /// Rig name ("image_2", "velodyne").
  std::string name;
  /// OpenLABEL stream type: "camera", "lidar", "radar" or "other".
  std::string type = "other";
  /// Sensor → ego.
  Eigen::Isometry3d T_ego_sensor = Eigen::Isometry3d::Identity();
  /// Pinhole K of a camera.
  std::optional<Eigen::Matrix3d> K;
  /// Image size of a camera (px).
  int width = 0;
  /// Image size of a camera (px).
  int height = 0;
  /// OpenCV-order distortion coefficients of a camera (empty: none).
  std::vector<double> distortion;
};

/// Everything a conversion needs to know about the recording: frames with
/// their ego poses, and the calibration of the formats that label in a sensor
/// frame. Empty members mean "unknown": frames then come from the label file
/// itself and `world` = ego.
struct LabelContext {
  /// Frames of the sequence, index = FrameIndex; empty: taken from the label file.
  std::vector<LabelFrame> frames;
  /// `world` → the dataset's global frame (nuScenes global, Argoverse city).
  Eigen::Isometry3d T_global_world = Eigen::Isometry3d::Identity();
  /// Reference LiDAR → ego (SUSTech labels); nullopt: the SUSTech mounting (ego = Rz(+90°) ·
  /// lidar).
  std::optional<Eigen::Isometry3d> T_ego_lidar;
  /// KITTI camera of frame i; empty: KITTI conversion needs a dataset and fails.
  std::function<Result<KittiCamera>(std::size_t frame)> kittiCamera;
  /// Sensors for OpenLABEL coordinate systems and streams.
  std::vector<LabelSensor> sensors;
  /// Which recording the labels belong to (copied into the document).
  DatasetReference dataset;
};

/// A document read from a label file, with what was noticed on the way
/// (classes mapped to fallbacks, invalid boxes kept): nothing is dropped silently.
struct LabelImport {
  /// The labels in `world`.
  Document document;
  /// One line each, naming the file and line or JSON path.
  std::vector<std::string> warnings;
};

/// What writing a label file reported: labels the format cannot hold are named here.
struct LabelExport {
  /// Files written.
  std::vector<std::filesystem::path> files;
  /// One line each (e.g. "lane_solid #4: polylines cannot be written as KITTI; left out").
  std::vector<std::string> warnings;
};

/// One label format.
struct LabelFormat {
  /// Name on the command line: "native", "kitti", "kitti-tracking", "openlabel", "nuscenes",
  /// "sustech".
  const char* name;
  /// One line for --help.
  const char* description;
  /// Whether the path looks like this format (cheap: names and the first bytes).
  bool (*detect)(const std::filesystem::path& path);
  /// Reads a file or folder.
  Result<LabelImport> (*read)(const std::filesystem::path& path, const LabelContext& context);
  /// Writes a file or folder.
  Result<LabelExport> (*write)(const Document& document, const std::filesystem::path& path,
                               const LabelContext& context);
};

/// All label formats, in detection order.
const std::vector<LabelFormat>& labelFormats();
/// The format called `name`, or nullptr.
const LabelFormat* findLabelFormat(std::string_view name);
/// The first format whose detector accepts `path`; an error lists the formats.
Result<const LabelFormat*> detectLabelFormat(const std::filesystem::path& path);

/// Reads `path` as `format` (detected when empty).
Result<LabelImport> readLabels(const std::filesystem::path& path, const LabelContext& context,
                               std::string_view format = {});
/// Writes `document` to `path` as `format`.
Result<LabelExport> writeLabels(const Document& document, const std::filesystem::path& path,
                                const LabelContext& context, std::string_view format);

/// The streams of an OpenLABEL file as sensors (T_ego_sensor from its
/// coordinate system, pinhole intrinsics under either spelling:
/// camera_matrix / camera_matrix_3x4, distortion_coeffs / distortion_coeffs_1xN).
Result<std::vector<LabelSensor>> readOpenLabelSensors(const std::filesystem::path& path);

/// The context of a dataset: frames, poses, the reference LiDAR mounting, the
/// sensors, and (for the KITTI layouts) each frame's KITTI camera read from its
/// calibration file.
Result<LabelContext> labelContextFromSequence(const Sequence& sequence);

/// The KITTI camera of a calibration: ego as makeKittiRig() places it (the IMU
/// when Tr_imu_to_velo is known, else the Velodyne), image_2 of the given size.
KittiCamera kittiCameraFromCalibration(const KittiCalibration& calibration, int width, int height);

/// The labels shipped with a dataset (Sequence::labels), read in its context;
/// an error when it ships none.
Result<LabelImport> readDatasetLabels(const Sequence& sequence, const LabelContext& context);

}  // namespace fuselabel
