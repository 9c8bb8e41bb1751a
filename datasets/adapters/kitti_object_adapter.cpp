// KITTI object detection layout (training or testing folder):
//   velodyne/<id>.bin  image_2/<id>.png  [image_3/<id>.png]  calib/<id>.txt  [label_2/<id>.txt]
// Frames are unrelated snapshots, each with its own calibration and image
// size, so the rig is built per frame. There are no timestamps or poses.

#include "calib/readers/kitti_calibration.hpp"
#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/adapters/folder_listing.hpp"
#include "datasets/image/image_size.hpp"

namespace fuselabel {
namespace {

/// KITTI's usual rectified size, used only when a frame has no image to measure.
constexpr ImageSize kKittiDefaultImageSize{1242, 375};

const char* const kKittiCameraFolders[] = {"image_2", "image_3"};

int kittiCameraIndex(const std::string& folder) {
  return folder.back() - '0';
}

}  // namespace

bool looksLikeKittiObject(const std::filesystem::path& root) {
  return std::filesystem::is_directory(root / "velodyne") &&
         std::filesystem::is_directory(root / "calib");
}

Result<Sequence> openKittiObject(const std::filesystem::path& root,
                                 const DatasetOpenOptions& options) {
  if (!looksLikeKittiObject(root)) {
    return Error::inFile(root.string(), "not a KITTI object folder (needs velodyne/ and calib/)");
  }
  Sequence sequence;
  sequence.format = "kitti-object";
  sequence.root = root;
  sequence.referenceLidar = kKittiVelodyneFrame;
  sequence.lidarFormat = PointCloudFormat::KittiBin;

  const auto sweeps = listFiles(root / "velodyne", ".bin");
  if (sweeps.empty()) return Error::inFile((root / "velodyne").string(), "holds no .bin sweeps");
  for (size_t i = 0; i < sweeps.size(); ++i) {
    Frame frame;
    frame.id = stemWithout(sweeps[i], ".bin");
    frame.lidar = {static_cast<std::int64_t>(i) * options.framePeriodNs, sweeps[i]};
    sequence.frames.push_back(std::move(frame));
  }

  std::vector<std::string> cameraNames;
  for (const char* folder : kKittiCameraFolders) {
    if (!std::filesystem::is_directory(root / folder)) continue;
    CameraStream stream;
    stream.sensor = folder;
    for (size_t i = 0; i < sequence.frames.size(); ++i) {
      const auto image = root / folder / (sequence.frames[i].id + ".png");
      if (std::filesystem::exists(image)) {
        stream.frameSample.emplace_back(stream.samples.size());
        stream.samples.push_back({sequence.frames[i].lidar.timestampNs, image});
      } else {
        stream.frameSample.emplace_back(std::nullopt);
      }
    }
    cameraNames.push_back(folder);
    sequence.cameras.push_back(std::move(stream));
  }

  if (const auto labels = listFiles(root / "label_2", ".txt"); !labels.empty()) {
    sequence.labels.push_back({"kitti", root / "label_2", labels.size()});
  }

  const auto frames = sequence.frames;  // ids, captured by value for the loader
  sequence.setRigLoader([root, frames, cameraNames](size_t frame) -> Result<SensorRig> {
    const std::string& id = frames[frame].id;
    auto calibration = readKittiObjectCalibration(root / "calib" / (id + ".txt"));
    if (!calibration) return calibration.error();
    std::vector<KittiCameraSpec> cameras;
    for (const std::string& name : cameraNames) {
      ImageSize size = kKittiDefaultImageSize;
      const auto image = root / name / (id + ".png");
      if (std::filesystem::exists(image)) {
        auto measured = readImageSize(image);
        if (!measured) return measured.error();
        size = *measured;
      }
      cameras.push_back({kittiCameraIndex(name), name, size.width, size.height});
    }
    return makeKittiRig(*calibration, cameras);
  });
  return sequence;
}

}  // namespace fuselabel
