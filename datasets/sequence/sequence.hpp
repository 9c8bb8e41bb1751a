#pragma once
// A recording as the rest of the tool sees it: a rig, one reference LiDAR
// whose sweeps define the frames, and each camera's samples matched to those
// frames. Adapters (datasets/adapters/) build a Sequence from each folder
// layout; nothing downstream needs to know which layout it came from.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "calib/rig/sensor_rig.hpp"
#include "core/util/result.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"
#include "datasets/sequence/pose_track.hpp"

namespace fuselabel {

/// One recorded file of one sensor.
struct SensorSample {
  std::int64_t timestampNs = 0;  ///< capture time (ns)
  std::filesystem::path file;    ///< absolute path
};

/// One frame: a sweep of the reference LiDAR.
struct Frame {
  std::string id;        ///< the dataset's own name for the frame, e.g. "000008"
  SensorSample lidar;    ///< the reference sweep
  bool keyframe = true;  ///< an annotated keyframe (nuScenes sample); false for in-between sweeps
};

/// How a sensor's samples are matched to frames (see time_sync.hpp).
struct SensorSyncSettings {
  std::optional<std::int64_t> toleranceNs;  ///< none = half the reference period
  std::int64_t offsetNs = 0;                ///< the sensor's known delay
};

/// A camera's samples and, for each frame, which sample belongs to it.
struct CameraStream {
  std::string sensor;                              ///< rig name of the camera
  std::vector<SensorSample> samples;               ///< in time order
  std::vector<std::optional<size_t>> frameSample;  ///< per frame: index into samples, or none
  SensorSyncSettings sync;                         ///< how frameSample was computed
};

/// Labels that come with a dataset (KITTI label_2, SUSTech label/, synthetic truth).
struct LabelSource {
  std::string format;          ///< label format name, e.g. "kitti", "sustech", "native"
  std::filesystem::path path;  ///< the folder or file holding them
  size_t files = 0;            ///< number of label files found
};

/// A LiDAR other than the reference one, with its sweeps matched to frames.
struct LidarStream {
  std::string sensor;                                    ///< rig name
  PointCloudFormat format = PointCloudFormat::KittiBin;  ///< file format of its sweeps
  PointCloudReadOptions options;                         ///< how to read them
  std::vector<SensorSample> samples;                     ///< in time order
  std::vector<std::optional<size_t>> frameSample;        ///< per frame: index into samples, or none
  SensorSyncSettings sync;                               ///< how frameSample was computed
};

/// A recording ready to browse, project and label.
class Sequence {
 public:
  /// Produces the rig of a frame, for datasets whose calibration changes per frame.
  using RigLoader = std::function<Result<SensorRig>(size_t frame)>;

  std::string format;          ///< adapter that opened it, e.g. "kitti-object"
  std::filesystem::path root;  ///< folder (or manifest) it was opened from
  std::string referenceLidar;  ///< rig name of the LiDAR that defines frames
  PointCloudFormat lidarFormat = PointCloudFormat::KittiBin;  ///< file format of the sweeps
  PointCloudReadOptions lidarOptions;                         ///< how to read them
  std::vector<Frame> frames;                                  ///< in time order
  std::vector<CameraStream> cameras;                          ///< one per camera of the rig
  std::vector<LidarStream> extraLidars;  ///< LiDARs besides the reference, matched to frames
  PoseTrack poses;                       ///< T_world_ego over time; empty = the ego is still
  std::vector<LabelSource> labels;       ///< labels shipped with the dataset
  std::vector<std::string> warnings;     ///< what the adapter noticed while opening

  /// Uses one rig for every frame.
  void setRig(SensorRig rig);
  /// Uses a rig per frame, built on first use and cached.
  void setRigLoader(RigLoader loader);

  /// Number of frames.
  size_t frameCount() const { return frames.size(); }

  /// The rig valid at `frame`.
  Result<std::shared_ptr<const SensorRig>> rig(size_t frame) const;

  /// Reads the reference sweep of `frame`, into `storage`'s memory where the
  /// format allows (a recycled sweep; see readPointCloud).
  Result<PointCloudFile> loadSweep(size_t frame, PointCloud storage = {}) const;

  /// The camera stream called `name`, or nullptr.
  const CameraStream* camera(const std::string& name) const;

  /// The image of `camera` matched to `frame`, or nothing when the camera has
  /// no sample for that frame (an error names an unknown camera or frame).
  Result<std::optional<SensorSample>> cameraSample(size_t frame, const std::string& camera) const;

  /// Index of the frame whose id is `id`, or nothing.
  std::optional<size_t> frameIndex(const std::string& id) const;

 private:
  /// Per-frame rigs built so far; behind a pointer so a Sequence stays movable.
  struct RigCache {
    std::mutex mutex;
    std::map<size_t, std::shared_ptr<const SensorRig>> rigs;
  };

  std::shared_ptr<const SensorRig> m_rig;
  RigLoader m_rigLoader;
  std::shared_ptr<RigCache> m_rigCache = std::make_shared<RigCache>();
};

}  // namespace fuselabel
