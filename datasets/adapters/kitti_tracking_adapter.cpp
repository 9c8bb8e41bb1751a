// KITTI tracking layout (training or testing folder):
//   velodyne/<seq>/<frame>.bin  image_02/<seq>/<frame>.png  [image_03/<seq>/]
//   calib/<seq>.txt  [oxts/<seq>.txt]  [label_02/<seq>.txt]
// One sequence is opened (DatasetOpenOptions::sequence, default the first).
// KITTI tracking ships no timestamps: frame n is at n × framePeriodNs (the
// LiDAR's 10 Hz by default), so gaps in the sweeps (sequence 0001 lacks a few)
// stay gaps. Line n of oxts/<seq>.txt is the IMU's pose at frame n.

#include <algorithm>
#include <charconv>

#include "calib/readers/kitti_calibration.hpp"
#include "core/io/text_file.hpp"
#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/adapters/folder_listing.hpp"
#include "datasets/adapters/kitti_oxts.hpp"
#include "datasets/image/image_size.hpp"
#include "datasets/sequence/time_sync.hpp"

namespace fuselabel {
namespace {

const char* const kTrackingCameraFolders[] = {"image_02", "image_03"};

/// Sequence folders under velodyne/, sorted.
std::vector<std::string> trackingSequences(const std::filesystem::path& root) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(root / "velodyne", ec)) {
    if (entry.is_directory(ec)) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// Files of a sequence folder with their frame numbers.
Result<std::vector<std::pair<long long, std::filesystem::path>>> numberedFiles(
    const std::filesystem::path& folder, const std::string& suffix) {
  std::vector<std::pair<long long, std::filesystem::path>> files;
  for (const auto& file : listFiles(folder, suffix)) {
    const std::string id = stemWithout(file, suffix);
    long long number = 0;
    const auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), number);
    if (ec != std::errc() || ptr != id.data() + id.size() || number < 0) {
      return Error::inFile(
          file.string(),
          "KITTI tracking file names must be frame numbers (e.g. 000042" + suffix + ")");
    }
    files.emplace_back(number, file);
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// oxts/<seq>.txt: line n = frame n.
Result<PoseTrack> trackingPoses(const std::filesystem::path& file, std::int64_t periodNs) {
  auto content = readTextFile(file);
  if (!content) return content.error();
  std::vector<KittiOxtsRecord> records;
  std::string_view rest = *content;
  size_t lineNumber = 0;
  while (!rest.empty()) {
    const size_t eol = rest.find('\n');
    const std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 1);
    ++lineNumber;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      if (rest.find_first_not_of(" \t\r\n") == std::string_view::npos)
        break;  // trailing blank lines
      return Error::at(file.string(), "line " + std::to_string(lineNumber),
                       "empty line (line n must hold the OXTS record of frame n)");
    }
    auto record = parseKittiOxtsLine(line, file.string() + ": line " + std::to_string(lineNumber));
    if (!record) return record.error();
    records.push_back(*record);
  }
  if (records.empty()) return PoseTrack{};
  const double scale = kittiMercatorScale(records.front().lat);
  std::vector<StampedPose> poses;
  poses.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    poses.push_back({static_cast<std::int64_t>(i) * periodNs, kittiOxtsPose(records[i], scale)});
  }
  auto track = PoseTrack::fromGlobalPoses(std::move(poses));
  if (!track) return track.error().withContext(file.string());
  return track;
}

}  // namespace

bool looksLikeKittiTracking(const std::filesystem::path& root) {
  return std::filesystem::is_directory(root / "velodyne") &&
         std::filesystem::is_directory(root / "calib") && !trackingSequences(root).empty();
}

Result<Sequence> openKittiTracking(const std::filesystem::path& root,
                                   const DatasetOpenOptions& options) {
  if (!looksLikeKittiTracking(root)) {
    return Error::inFile(root.string(),
                         "not a KITTI tracking folder (needs velodyne/<seq>/ and calib/)");
  }
  if (options.framePeriodNs <= 0)
    return Error{"the frame period must be positive for KITTI tracking"};
  const auto sequences = trackingSequences(root);
  std::string chosen = options.sequence.empty() ? sequences.front() : options.sequence;
  if (std::find(sequences.begin(), sequences.end(), chosen) == sequences.end()) {
    std::string names;
    for (const auto& name : sequences)
      names += (names.empty() ? "" : ", ") + name;
    return Error::inFile((root / "velodyne").string(),
                         "has no sequence '" + options.sequence + "' (sequences: " + names + ")");
  }

  Sequence sequence;
  sequence.format = "kitti-tracking";
  sequence.root = root;
  sequence.referenceLidar = kKittiVelodyneFrame;
  sequence.lidarFormat = PointCloudFormat::KittiBin;
  if (sequences.size() > 1) {
    sequence.warnings.push_back("opened sequence " + chosen + " of " +
                                std::to_string(sequences.size()) +
                                " (choose another with the sequence option)");
  }

  auto sweeps = numberedFiles(root / "velodyne" / chosen, ".bin");
  if (!sweeps) return sweeps.error();
  if (sweeps->empty())
    return Error::inFile((root / "velodyne" / chosen).string(), "holds no .bin sweeps");
  for (const auto& [number, file] : *sweeps) {
    Frame frame;
    frame.id = stemWithout(file, ".bin");
    frame.lidar = {number * options.framePeriodNs, file};
    sequence.frames.push_back(std::move(frame));
  }

  std::vector<KittiCameraSpec> specs;
  for (const char* folder : kTrackingCameraFolders) {
    const auto images = numberedFiles(root / folder / chosen, ".png");
    if (!images) return images.error();
    if (images->empty()) continue;
    CameraStream stream;
    stream.sensor = folder;
    for (const auto& [number, file] : *images)
      stream.samples.push_back({number * options.framePeriodNs, file});
    stream.frameSample = matchSamplesToFrames(sequence.frames, stream.samples, {});
    auto size = readImageSize(images->front().second);
    if (!size) return size.error();
    specs.push_back({std::string(folder) == "image_02" ? 2 : 3, folder, size->width, size->height});
    sequence.cameras.push_back(std::move(stream));
  }
  if (specs.empty()) {
    sequence.warnings.push_back("sequence " + chosen + " has no images in image_02/ or image_03/");
  }

  const auto calibFile = root / "calib" / (chosen + ".txt");
  auto calibration = readKittiObjectCalibration(calibFile);
  if (!calibration) return calibration.error();
  if (!calibration->hasImu) {
    sequence.warnings.push_back(
        calibFile.string() +
        ": no Tr_imu_velo; the ego frame is the Velodyne and OXTS poses apply to it as they are");
  }
  auto rig = makeKittiRig(*calibration, specs);
  if (!rig) return rig.error().withContext(calibFile.string());
  sequence.setRig(std::move(*rig));

  const auto oxtsFile = root / "oxts" / (chosen + ".txt");
  if (std::filesystem::exists(oxtsFile)) {
    auto poses = trackingPoses(oxtsFile, options.framePeriodNs);
    if (!poses) return poses.error();
    if (poses->size() < static_cast<size_t>(sweeps->back().first + 1)) {
      sequence.warnings.push_back(oxtsFile.string() + ": " + std::to_string(poses->size()) +
                                  " OXTS lines for frames up to " +
                                  std::to_string(sweeps->back().first) +
                                  "; later frames hold the last pose");
    }
    sequence.poses = std::move(*poses);
  } else {
    sequence.warnings.push_back(oxtsFile.string() +
                                " missing: no ego poses (the ego is treated as still)");
  }

  const auto labelFile = root / "label_02" / (chosen + ".txt");
  if (std::filesystem::exists(labelFile))
    sequence.labels.push_back({"kitti-tracking", labelFile, 1});
  return sequence;
}

}  // namespace fuselabel
