#pragma once
// Opening a recording folder as a Sequence. Each layout is one adapter in a
// table (open_dataset.cpp): a name, a cheap test of the folder layout, and an
// open function. Adding a layout is one entry.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/util/result.hpp"
#include "datasets/sequence/sequence.hpp"

namespace fuselabel {

/// Choices an adapter cannot read from the files themselves.
struct DatasetOpenOptions {
  /// Adapter to use ("kitti-object", "sustech", …); empty = detect from the layout.
  std::string format;
  /// Frame period for layouts without timestamps (KITTI object, SUSTech),
  /// used as timestamp = frame number × period. 100 ms = a 10 Hz LiDAR.
  std::int64_t framePeriodNs = 100'000'000;
  /// Let a scene manifest name files outside its own folder.
  bool allowOutsidePaths = false;
  /// KITTI tracking sequence to open (e.g. "0003"); empty = the first one found.
  std::string sequence;
  /// nuScenes scene to open by name (e.g. "scene-0061"); empty = the first scene.
  std::string scene;
};

/// One dataset layout.
struct DatasetAdapter {
  const char* name;                                   ///< e.g. "kitti-object"
  const char* description;                            ///< one line for --help and info
  bool (*detect)(const std::filesystem::path& root);  ///< does the folder look like this layout?
  Result<Sequence> (*open)(const std::filesystem::path& root, const DatasetOpenOptions& options);
};

/// All known layouts, in detection order.
const std::vector<DatasetAdapter>& datasetAdapters();

/// Opens `path` with the adapter named in options.format, or the first whose
/// detect() accepts it; the error lists the layouts tried.
Result<Sequence> openDataset(const std::filesystem::path& path,
                             const DatasetOpenOptions& options = {});

/// fuselabel scene manifest: a scene.json (or a folder holding one), see docs/scene_manifest.md.
Result<Sequence> openManifest(const std::filesystem::path& path, const DatasetOpenOptions& options);
/// Whether `path` is a scene manifest or a folder with a scene.json.
bool looksLikeManifest(const std::filesystem::path& path);

/// KITTI object layout: velodyne/ image_2/ calib/ [label_2/]; frames are unrelated.
Result<Sequence> openKittiObject(const std::filesystem::path& root,
                                 const DatasetOpenOptions& options);
/// Whether `root` has the KITTI object layout.
bool looksLikeKittiObject(const std::filesystem::path& root);

/// KITTI raw drive: <date>/<drive>_sync/ with image_00..03/ velodyne_points/ oxts/ and the
/// calibration in <date>/.
Result<Sequence> openKittiRaw(const std::filesystem::path& root, const DatasetOpenOptions& options);
/// Whether `root` is a KITTI raw drive folder (or a date folder holding exactly one drive).
bool looksLikeKittiRaw(const std::filesystem::path& root);

/// KITTI tracking layout: velodyne/<seq>/ image_02/<seq>/ calib/<seq>.txt oxts/<seq>.txt
/// [label_02/<seq>.txt].
Result<Sequence> openKittiTracking(const std::filesystem::path& root,
                                   const DatasetOpenOptions& options);
/// Whether `root` has the KITTI tracking layout (velodyne/ holds sequence folders).
bool looksLikeKittiTracking(const std::filesystem::path& root);

/// nuScenes: a v1.0-* folder of JSON tables plus samples/ and sweeps/; one scene, reference
/// LIDAR_TOP.
Result<Sequence> openNuscenes(const std::filesystem::path& root, const DatasetOpenOptions& options);
/// Whether `root` holds nuScenes tables (a v1.0-*/ folder with scene.json, or is such a folder).
bool looksLikeNuscenes(const std::filesystem::path& root);

/// SUSTech SCAPES layout: lidar/*.pcd camera/<name>/ calib/camera/<name>.json [label/].
Result<Sequence> openSustech(const std::filesystem::path& root, const DatasetOpenOptions& options);
/// Whether `root` has the SUSTech layout.
bool looksLikeSustech(const std::filesystem::path& root);

}  // namespace fuselabel
