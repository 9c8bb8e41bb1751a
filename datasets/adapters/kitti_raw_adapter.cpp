// KITTI raw drive (the "synced + rectified" download):
//   <date>/calib_cam_to_cam.txt calib_velo_to_cam.txt calib_imu_to_velo.txt
//   <date>/<date>_drive_<nnnn>_sync/
//     image_00..03/{data/<10 digits>.png, timestamps.txt}
//     velodyne_points/{data/<10 digits>.bin, timestamps.txt, timestamps_start.txt,
//     timestamps_end.txt} oxts/{data/<10 digits>.txt, timestamps.txt} [tracklet_labels.xml]
// Line i of a timestamps.txt is the time of file i of the same folder.
//
// Frame times: velodyne_points/timestamps.txt. The devkit's readme describes
// these as the moment the scanner faces forward, which is when it triggers the
// cameras, so they line up with the image timestamps (timestamps_start/_end
// bracket the rotation and are not used). Clock times are local (CEST) and
// read as if they were UTC; only differences matter to the tool.
//
// Poses: OXTS records are the IMU's pose; the rig's ego frame is the IMU
// (makeKittiRig), so they are T_global_ego in the devkit's Mercator frame.

#include <algorithm>
#include <charconv>

#include "calib/readers/kitti_calibration.hpp"
#include "core/io/text_file.hpp"
#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/adapters/folder_listing.hpp"
#include "datasets/adapters/kitti_oxts.hpp"
#include "datasets/sequence/time_sync.hpp"

namespace fuselabel {
namespace {

constexpr const char* kRawCameraFolders[] = {"image_00", "image_01", "image_02", "image_03"};

bool isDriveFolder(const std::filesystem::path& folder) {
  std::error_code ec;
  return std::filesystem::is_regular_file(folder / "velodyne_points" / "timestamps.txt", ec) &&
         std::filesystem::is_directory(folder / "velodyne_points" / "data", ec);
}

/// Drive folders directly inside `dateFolder`.
std::vector<std::filesystem::path> drivesIn(const std::filesystem::path& dateFolder) {
  std::vector<std::filesystem::path> drives;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dateFolder, ec)) {
    if (entry.is_directory(ec) && isDriveFolder(entry.path())) drives.push_back(entry.path());
  }
  std::sort(drives.begin(), drives.end());
  return drives;
}

std::filesystem::path normalised(const std::filesystem::path& path) {
  std::error_code ec;
  auto absolute = std::filesystem::absolute(path, ec).lexically_normal();
  if (absolute.has_filename()) return absolute;
  return absolute.parent_path();
}

/// One sensor folder: each data file with the time from its line of timestamps.txt, sorted by time.
Result<std::vector<std::pair<std::string, SensorSample>>> stampedFiles(
    const std::filesystem::path& folder, const std::string& suffix) {
  const auto stampFile = folder / "timestamps.txt";
  auto stamps = readKittiTimestamps(stampFile);
  if (!stamps) return stamps.error();
  std::vector<std::pair<std::string, SensorSample>> files;
  for (const auto& file : listFiles(folder / "data", suffix)) {
    const std::string id = stemWithout(file, suffix);
    size_t index = 0;
    const auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), index);
    if (ec != std::errc() || ptr != id.data() + id.size()) {
      return Error::inFile(
          file.string(),
          "KITTI raw file names must be frame numbers (e.g. 0000000042" + suffix + ")");
    }
    if (index >= stamps->size()) {
      return Error::inFile(stampFile.string(), "has " + std::to_string(stamps->size()) +
                                                   " timestamps, but " + file.filename().string() +
                                                   " needs line " + std::to_string(index + 1));
    }
    files.push_back({id, SensorSample{(*stamps)[index], file}});
  }
  std::stable_sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
    return a.second.timestampNs < b.second.timestampNs;
  });
  return files;
}

Result<PoseTrack> oxtsPoses(const std::filesystem::path& oxtsFolder) {
  auto files = stampedFiles(oxtsFolder, ".txt");
  if (!files) return files.error();
  std::vector<KittiOxtsRecord> records;
  std::vector<std::int64_t> times;
  for (const auto& [id, sample] : *files) {
    auto content = readTextFile(sample.file);
    if (!content) return content.error();
    const std::string_view text = *content;
    auto record =
        parseKittiOxtsLine(text.substr(0, text.find('\n')), sample.file.string() + ": line 1");
    if (!record) return record.error();
    records.push_back(*record);
    times.push_back(sample.timestampNs);
  }
  if (records.empty()) return PoseTrack{};
  // The devkit takes the scale from the first record of the sequence (file 0).
  size_t first = 0;
  for (size_t i = 0; i < files->size(); ++i) {
    if ((*files)[i].first < (*files)[first].first) first = i;
  }
  const double scale = kittiMercatorScale(records[first].lat);
  std::vector<StampedPose> poses;
  poses.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i)
    poses.push_back({times[i], kittiOxtsPose(records[i], scale)});
  auto track = PoseTrack::fromGlobalPoses(std::move(poses));
  if (!track) return track.error().withContext((oxtsFolder / "data").string());
  return track;
}

}  // namespace

bool looksLikeKittiRaw(const std::filesystem::path& root) {
  return isDriveFolder(root) || drivesIn(root).size() == 1;
}

Result<Sequence> openKittiRaw(const std::filesystem::path& root,
                              const DatasetOpenOptions& /*options*/) {
  std::filesystem::path drive = normalised(root);
  if (!isDriveFolder(drive)) {
    const auto drives = drivesIn(drive);
    if (drives.size() != 1) {
      std::string names;
      for (const auto& d : drives)
        names += (names.empty() ? "" : ", ") + d.filename().string();
      return Error::inFile(root.string(),
                           drives.empty()
                               ? "not a KITTI raw drive (needs velodyne_points/data/ and "
                                 "velodyne_points/timestamps.txt)"
                               : "holds several KITTI raw drives; open one of them: " + names);
    }
    drive = drives.front();
  }
  const std::filesystem::path dateFolder = drive.parent_path();

  Sequence sequence;
  sequence.format = "kitti-raw";
  sequence.root = drive;
  sequence.referenceLidar = kKittiVelodyneFrame;
  sequence.lidarFormat = PointCloudFormat::KittiBin;

  auto sweeps = stampedFiles(drive / "velodyne_points", ".bin");
  if (!sweeps) return sweeps.error();
  if (sweeps->empty())
    return Error::inFile((drive / "velodyne_points" / "data").string(), "holds no .bin sweeps");
  for (auto& [id, sample] : *sweeps) {
    Frame frame;
    frame.id = id;
    frame.lidar = sample;
    sequence.frames.push_back(std::move(frame));
  }

  auto calibration = readKittiRawCalibration(dateFolder);
  if (!calibration)
    return calibration.error().withContext("KITTI raw calibration (expected in the date folder)");
  if (!calibration->hasImu) {
    sequence.warnings.push_back(
        (dateFolder / "calib_imu_to_velo.txt").string() +
        " missing: the ego frame is the Velodyne, and OXTS poses (of the IMU) are "
        "applied to it as they are");
  }

  std::vector<KittiCameraSpec> specs;
  for (int i = 0; i < 4; ++i) {
    const std::string name = kRawCameraFolders[i];
    if (!std::filesystem::is_directory(drive / name)) continue;
    auto images = stampedFiles(drive / name, ".png");
    if (!images) return images.error();
    CameraStream stream;
    stream.sensor = name;
    for (auto& [id, sample] : *images)
      stream.samples.push_back(sample);
    stream.frameSample = matchSamplesToFrames(sequence.frames, stream.samples, {});
    sequence.cameras.push_back(std::move(stream));
    specs.push_back({i, name, 0, 0});  // size from S_rect_0i
  }
  auto rig = makeKittiRig(*calibration, specs);
  if (!rig) return rig.error().withContext(dateFolder.string());
  sequence.setRig(std::move(*rig));

  if (std::filesystem::is_directory(drive / "oxts")) {
    auto poses = oxtsPoses(drive / "oxts");
    if (!poses) return poses.error();
    sequence.poses = std::move(*poses);
  } else {
    sequence.warnings.push_back((drive / "oxts").string() +
                                " missing: no ego poses (the ego is treated as still)");
  }

  if (std::filesystem::exists(drive / "tracklet_labels.xml")) {
    sequence.warnings.push_back(
        (drive / "tracklet_labels.xml").string() +
        ": KITTI raw tracklets are not read (not supported); the drive opens without labels");
  }
  return sequence;
}

}  // namespace fuselabel
