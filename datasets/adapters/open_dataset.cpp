#include "datasets/adapters/dataset_adapter.hpp"

namespace fuselabel {

const std::vector<DatasetAdapter>& datasetAdapters() {
  static const std::vector<DatasetAdapter> adapters = {
      // Before manifest: a nuScenes tables folder also holds a scene.json (beside
      // sample_data.json).
      {"nuscenes", "nuScenes: v1.0-*/ JSON tables, samples/, sweeps/ (one scene)",
       looksLikeNuscenes, openNuscenes},
      {"manifest", "fuselabel scene manifest: scene.json (any rig)", looksLikeManifest,
       openManifest},
      {"kitti-raw",
       "KITTI raw drive: image_00..03/ velodyne_points/ oxts/ + date-folder calibration",
       looksLikeKittiRaw, openKittiRaw},
      // Before kitti-object: a tracking root also has velodyne/ and calib/.
      {"kitti-tracking",
       "KITTI tracking: velodyne/<seq>/ image_02/<seq>/ calib/<seq>.txt oxts/ label_02/",
       looksLikeKittiTracking, openKittiTracking},
      {"kitti-object", "KITTI object: velodyne/ image_2/ calib/ label_2/", looksLikeKittiObject,
       openKittiObject},
      {"sustech", "SUSTech SCAPES: lidar/ camera/<name>/ calib/camera/<name>.json label/",
       looksLikeSustech, openSustech},
  };
  return adapters;
}

Result<Sequence> openDataset(const std::filesystem::path& path, const DatasetOpenOptions& options) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Error::inFile(path.string(), "dataset not found");
  std::string names;
  for (const DatasetAdapter& adapter : datasetAdapters()) {
    names += (names.empty() ? "" : ", ") + std::string(adapter.name);
    if (!options.format.empty()) {
      if (options.format == adapter.name) return adapter.open(path, options);
      continue;
    }
    if (adapter.detect(path)) return adapter.open(path, options);
  }
  if (!options.format.empty()) {
    return Error{"unknown dataset format '" + options.format + "' (known: " + names + ")"};
  }
  return Error::inFile(path.string(),
                       "not a dataset layout fuselabel knows (tried: " + names + ")");
}

}  // namespace fuselabel
