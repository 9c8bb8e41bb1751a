#include "datasets/sequence/sweep_accumulation.hpp"

#include <algorithm>

#include "datasets/sequence/motion_compensation.hpp"

namespace fuselabel {

Result<PointCloud> accumulateSweeps(const Sequence& sequence, FrameCache& cache, size_t frame,
                                    const AccumulationOptions& options, size_t* skipped) {
  if (frame >= sequence.frameCount())
    return Error{"frame " + std::to_string(frame) + " is out of range"};
  const size_t first = frame >= options.before ? frame - options.before : 0;
  const size_t last = std::min(sequence.frameCount() - 1, frame + options.after);

  std::vector<std::shared_ptr<const LoadedFrame>> frames;
  size_t total = 0;
  size_t failed = 0;
  for (size_t f = first; f <= last; ++f) {
    auto loaded = cache.get(f);
    if (!loaded || !loaded->sweep) {
      ++failed;
      continue;
    }
    total += loaded->sweep->cloud.size();
    frames.push_back(std::move(loaded));
  }
  if (skipped != nullptr) *skipped = failed;
  // Even thinning keeps every sweep's coverage while bounding memory.
  const size_t stride =
      total > options.maxPoints ? (total + options.maxPoints - 1) / options.maxPoints : 1;

  PointCloud merged;
  merged.reserve(total / stride + frames.size());
  merged.setTimestampNs(sequence.frames[frame].lidar.timestampNs);
  for (const auto& loaded : frames) {
    auto rig = sequence.rig(loaded->frame);
    if (!rig) return rig.error();
    const Sensor* lidar = (*rig)->find(sequence.referenceLidar);
    if (lidar == nullptr)
      return Error{"the rig has no LiDAR named '" + sequence.referenceLidar + "'"};
    const std::int64_t t = sequence.frames[loaded->frame].lidar.timestampNs;
    PointCloud sweep = loaded->sweep->cloud;  // a copy: cached sweeps stay as read
    if (options.compensateMotion && canCompensateMotion(sweep, sequence.poses)) {
      compensateMotion(sweep, sequence.poses, lidar->T_ego_sensor, t);
    }
    const Eigen::Matrix<float, 3, 4> T =
        (sequence.poses.at(t) * lidar->T_ego_sensor).matrix().topRows<3>().cast<float>();
    const auto x = sweep.x();
    const auto y = sweep.y();
    const auto z = sweep.z();
    const auto intensity = sweep.intensity();
    for (size_t i = 0; i < sweep.size(); i += stride) {
      const Eigen::Vector3f p = T.leftCols<3>() * Eigen::Vector3f(x[i], y[i], z[i]) + T.col(3);
      merged.append(p.x(), p.y(), p.z(), intensity[i]);
    }
  }
  return merged;
}

}  // namespace fuselabel
