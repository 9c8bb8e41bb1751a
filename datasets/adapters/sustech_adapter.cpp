// SUSTech SCAPES layout (as shipped with SUSTechPOINTS):
//   lidar/<frame>.pcd  camera/<name>/<frame>.jpg  calib/camera/<name>.json  [label/<frame>.json]
// Frame names are numbers that are not evenly spaced (950, 965, 970, …); the
// gaps are kept: timestamp = frame number × frame period. One rig for all
// frames; the LiDAR frame is x left, y backward, z up (see sustech_calibration.hpp).

#include <charconv>

#include "calib/readers/sustech_calibration.hpp"
#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/adapters/folder_listing.hpp"
#include "datasets/image/image_size.hpp"

namespace fuselabel {
namespace {

constexpr const char* kSustechLidar = "lidar";

}  // namespace

bool looksLikeSustech(const std::filesystem::path& root) {
  return std::filesystem::is_directory(root / "lidar") &&
         std::filesystem::is_directory(root / "calib" / "camera");
}

Result<Sequence> openSustech(const std::filesystem::path& root, const DatasetOpenOptions& options) {
  if (!looksLikeSustech(root)) {
    return Error::inFile(root.string(), "not a SUSTech folder (needs lidar/ and calib/camera/)");
  }
  Sequence sequence;
  sequence.format = "sustech";
  sequence.root = root;
  sequence.referenceLidar = kSustechLidar;
  sequence.lidarFormat = PointCloudFormat::Pcd;

  const auto sweeps = listFiles(root / "lidar", ".pcd");
  if (sweeps.empty()) return Error::inFile((root / "lidar").string(), "holds no .pcd sweeps");
  for (const auto& sweep : sweeps) {
    Frame frame;
    frame.id = stemWithout(sweep, ".pcd");
    long long number = 0;
    const auto [ptr, ec] =
        std::from_chars(frame.id.data(), frame.id.data() + frame.id.size(), number);
    if (ec != std::errc() || ptr != frame.id.data() + frame.id.size()) {
      return Error::inFile(sweep.string(), "SUSTech frame names must be numbers");
    }
    frame.lidar = {number * options.framePeriodNs, sweep};
    sequence.frames.push_back(std::move(frame));
  }

  SensorRig rig;
  Sensor lidar;
  lidar.name = kSustechLidar;
  lidar.kind = SensorKind::Lidar;
  lidar.T_ego_sensor = sustechEgoFromLidar();
  if (auto added = rig.addSensor(lidar); !added) return added.error();

  for (const auto& calibFile : listFiles(root / "calib" / "camera", ".json")) {
    const std::string name = stemWithout(calibFile, ".json");
    CameraStream stream;
    stream.sensor = name;
    std::optional<ImageSize> size;
    for (const Frame& frame : sequence.frames) {
      const auto image = root / "camera" / name / (frame.id + ".jpg");
      if (!std::filesystem::exists(image)) {
        stream.frameSample.emplace_back(std::nullopt);
        continue;
      }
      if (!size) {
        auto measured = readImageSize(image);
        if (!measured) return measured.error();
        size = *measured;
      }
      stream.frameSample.emplace_back(stream.samples.size());
      stream.samples.push_back({frame.lidar.timestampNs, image});
    }
    if (!size) {
      sequence.warnings.push_back("camera '" + name +
                                  "' has a calibration but no images; left out");
      continue;
    }
    auto sensor = readSustechCamera(calibFile, name, lidar.T_ego_sensor, size->width, size->height);
    if (!sensor) return sensor.error();
    if (auto added = rig.addSensor(*sensor); !added) return added.error();
    sequence.cameras.push_back(std::move(stream));
  }
  if (const auto labels = listFiles(root / "label", ".json"); !labels.empty()) {
    sequence.labels.push_back({"sustech", root / "label", labels.size()});
  }
  sequence.setRig(std::move(rig));
  return sequence;
}

}  // namespace fuselabel
