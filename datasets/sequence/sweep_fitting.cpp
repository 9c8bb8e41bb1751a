#include "datasets/sequence/sweep_fitting.hpp"

#include <algorithm>
#include <span>

#include "core/fitting/cuboid_fit.hpp"
#include "datasets/sequence/motion_compensation.hpp"

namespace fuselabel {

SweepFitting::SweepFitting(const Sequence& sequence, const LabelContext& context)
    : m_sequence(sequence), m_context(context) {}

Result<IndexedSweep> indexFrameSweep(const Sequence& sequence, const LabelContext& context,
                                     FrameIndex frame) {
  if (frame < 0 || static_cast<std::size_t>(frame) >= sequence.frameCount() ||
      static_cast<std::size_t>(frame) >= context.frames.size()) {
    return Error{"frame " + std::to_string(frame) + " is not in the dataset (" +
                 std::to_string(sequence.frameCount()) + " frames)"};
  }
  auto sweep = sequence.loadSweep(static_cast<std::size_t>(frame));
  if (!sweep) return sweep.error();
  const LabelFrame& labelFrame = context.frames[static_cast<std::size_t>(frame)];
  const Eigen::Isometry3d T_ego_lidar = context.T_ego_lidar.value_or(Eigen::Isometry3d::Identity());
  PointCloud& cloud = sweep->cloud;
  // De-skew for the ego's motion: static objects then sit still; what is
  // left is the objects' own motion, which the capture times tell.
  if (canCompensateMotion(cloud, sequence.poses))
    compensateMotion(cloud, sequence.poses, T_ego_lidar, labelFrame.timestampNs);
  IndexedSweep out;
  out.warnings = std::move(sweep->warnings);
  if (cloud.hasTime() && !cloud.empty()) {
    out.timesFromFrameNs.resize(cloud.size());
    for (std::size_t i = 0; i < cloud.size(); ++i)
      out.timesFromFrameNs[i] =
          cloud.timestampNs() + cloud.timeOffsetNs()[i] - labelFrame.timestampNs;
    const auto [first, last] =
        std::minmax_element(out.timesFromFrameNs.begin(), out.timesFromFrameNs.end());
    out.sweepSpanNs = *last - *first;
  }
  out.index = SweepIndex::build(cloud, labelFrame.T_world_ego * T_ego_lidar);
  return out;
}

namespace {

// The candidates of a fit across the sweep's seam: their capture times fall
// into two groups more than half a sweep apart. Returns the split time (ns)
// between them, or nullopt when the candidates are one stretch of the spin.
std::optional<std::int64_t> seamSplit(std::vector<std::int64_t> times, std::int64_t sweepSpanNs) {
  if (times.size() < 2 || sweepSpanNs <= 0) return std::nullopt;
  std::sort(times.begin(), times.end());
  std::int64_t widestGap = 0;
  std::int64_t split = 0;
  for (std::size_t i = 1; i < times.size(); ++i) {
    if (times[i] - times[i - 1] > widestGap) {
      widestGap = times[i] - times[i - 1];
      split = times[i];
    }
  }
  if (widestGap * 2 <= sweepSpanNs) return std::nullopt;
  return split;
}

// Whether a world point lies in a box grown by `grow` (m) on each half axis;
// the rotation is taken once for the many points tested.
class InBox {
 public:
  explicit InBox(const Cuboid& box, const Eigen::Vector3d& grow = Eigen::Vector3d::Zero())
      : m_R_box_world(box.rotation.normalized().toRotationMatrix().transpose()),
        m_center(box.center),
        m_half(box.halfSize() + grow) {}
  bool operator()(const Eigen::Vector3d& p) const {
    return ((m_R_box_world * (p - m_center)).array().abs() <= m_half.array()).all();
  }

 private:
  Eigen::Matrix3d m_R_box_world;
  Eigen::Vector3d m_center;
  Eigen::Vector3d m_half;
};

// Which side of the seam a fit keeps: points captured at or after `split`
// (the late side) or before it.
struct SeamSide {
  std::int64_t split = 0;
  bool late = true;
  [[nodiscard]] bool keeps(std::int64_t timeNs) const { return (timeNs >= split) == late; }
};

// Across the seam, moves the candidates of the side with fewer object points
// (those near `rough`) onto the other side's, by the distance between the two
// sides' faces toward the sensor along the rough heading (the object's motion
// over the sweep), and returns the side kept; nullopt when the candidates do
// not straddle the seam. `times[k]` is candidate k's capture time.
std::optional<SeamSide> alignAcrossSeam(std::span<Eigen::Vector3d> candidates,
                                        std::span<const std::int64_t> times, const Cuboid& rough,
                                        const FitOptions& options,
                                        const Eigen::Vector3d& sensorOrigin,
                                        std::int64_t sweepSpanNs) {
  const InBox nearRough(rough, Eigen::Vector3d(options.margin, options.margin, 0.0));
  std::vector<std::size_t> near;
  std::vector<std::int64_t> nearTimes;
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    if (nearRough(candidates[k])) {
      near.push_back(k);
      nearTimes.push_back(times[k]);
    }
  }
  const std::optional<std::int64_t> split = seamSplit(nearTimes, sweepSpanNs);
  if (!split) return std::nullopt;
  const auto lateCount = static_cast<std::size_t>(std::count_if(
      nearTimes.begin(), nearTimes.end(), [&](std::int64_t time) { return time >= *split; }));
  const SeamSide side{*split, 2 * lateCount >= nearTimes.size()};
  // The face toward the sensor, per side: the 95th percentile of the object
  // points' positions along the heading, toward the sensor.
  const Eigen::Vector3d heading = rough.rotation * Eigen::Vector3d::UnitX();
  const double toward = heading.dot(sensorOrigin - rough.center) >= 0.0 ? 1.0 : -1.0;
  const double floorZ = rough.center.z() - rough.halfSize().z() + options.groundClearance;
  std::vector<double> kept;
  std::vector<double> moved;
  for (std::size_t k : near) {
    if (candidates[k].z() < floorZ) continue;
    (side.keeps(times[k]) ? kept : moved).push_back(toward * heading.dot(candidates[k]));
  }
  if (kept.empty() || moved.empty()) return side;
  const auto face = [](std::vector<double>& v) {
    auto at = v.begin() + static_cast<std::ptrdiff_t>(0.95 * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), at, v.end());
    return *at;
  };
  const double shift = toward * (face(kept) - face(moved));
  if (std::abs(shift) < 0.5 * rough.size.x())
    for (std::size_t k = 0; k < candidates.size(); ++k)
      if (!side.keeps(times[k])) candidates[k] += shift * heading;
  return side;
}

}  // namespace

Result<TimedFit> IndexedSweep::fit(const Cuboid& rough, const FitOptions& options) const {
  if (!rough.isValid()) return Error{"fit: the rough box is not valid"};
  auto [ids, candidates] = fitCandidates(index, rough, options);
  const bool timed = !timesFromFrameNs.empty();
  std::vector<std::int64_t> times;
  std::optional<SeamSide> side;
  if (timed) {
    times.reserve(ids.size());
    for (std::uint32_t i : ids)
      times.push_back(timesFromFrameNs[index.sourceIndex(i)]);
    side = alignAcrossSeam(candidates, times, rough, options, index.sensorOrigin(), sweepSpanNs);
  }
  Result<CuboidFit> fitted =
      fitCuboidToCandidates(candidates, rough, options, index.sensorOrigin());
  if (!fitted) return fitted.error();
  // The capture time of the fitted box's points (across the seam, of the
  // side the others were moved onto).
  double timeOffsetS = 0.0;
  if (timed) {
    const InBox inFit(fitted->box);
    double sum = 0.0;
    std::size_t count = 0;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      if ((!side || side->keeps(times[k])) && inFit(candidates[k])) {
        sum += static_cast<double>(times[k]);
        ++count;
      }
    }
    if (count > 0) timeOffsetS = 1e-9 * sum / static_cast<double>(count);
  }
  return TimedFit{*fitted, timeOffsetS};
}

const IndexedSweep* SweepFitting::indexOf(FrameIndex frame) {
  const auto found = m_sweeps.find(frame);
  if (found != m_sweeps.end()) return found->second.get();
  std::unique_ptr<IndexedSweep>& slot = m_sweeps[frame];
  auto indexed = indexFrameSweep(m_sequence, m_context, frame);
  if (!indexed) {
    m_problems.push_back(indexed.error().message);
    return nullptr;
  }
  slot = std::make_unique<IndexedSweep>(std::move(*indexed));
  return slot.get();
}

std::function<FrameFitter(const Object&)> SweepFitting::fitterFactory() {
  return [this](const Object& object) -> FrameFitter {
    FitOptions options;
    if (const ClassSpec* spec = defaultLabelSchema().findClass(object.className))
      options.sizePrior = spec->size;
    return [this, options](FrameIndex frame,
                           const Cuboid& predicted) mutable -> std::optional<FrameFit> {
      const IndexedSweep* sweep = indexOf(frame);
      if (sweep == nullptr) return std::nullopt;
      options.knownSize = predicted.size;
      const Result<TimedFit> timed = sweep->fit(predicted, options);
      if (!timed) return std::nullopt;
      return FrameFit{timed->fit.box, timed->timeOffsetS, timed->fit.quality};
    };
  };
}

}  // namespace fuselabel
