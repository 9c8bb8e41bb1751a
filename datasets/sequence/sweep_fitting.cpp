#include "datasets/sequence/sweep_fitting.hpp"

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
  if (cloud.hasTime()) {
    out.timesFromFrameNs.resize(cloud.size());
    for (std::size_t i = 0; i < cloud.size(); ++i)
      out.timesFromFrameNs[i] =
          cloud.timestampNs() + cloud.timeOffsetNs()[i] - labelFrame.timestampNs;
  }
  out.index = SweepIndex::build(cloud, labelFrame.T_world_ego * T_ego_lidar);
  return out;
}

double IndexedSweep::timeOffsetOf(const Cuboid& box) const {
  if (timesFromFrameNs.empty()) return 0.0;
  double sum = 0.0;
  std::size_t count = 0;
  for (std::uint32_t i : index.pointsInBox(box)) {
    sum += static_cast<double>(timesFromFrameNs[index.sourceIndex(i)]);
    ++count;
  }
  return count > 0 ? 1e-9 * sum / static_cast<double>(count) : 0.0;
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
      Result<CuboidFit> fit = fitCuboid(sweep->index, predicted, options);
      if (!fit) return std::nullopt;
      return FrameFit{fit->box, sweep->timeOffsetOf(fit->box), fit->quality};
    };
  };
}

}  // namespace fuselabel
