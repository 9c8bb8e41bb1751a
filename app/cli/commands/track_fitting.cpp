#include "app/cli/commands/track_fitting.hpp"

#include "core/fitting/cuboid_fit.hpp"
#include "datasets/sequence/motion_compensation.hpp"

namespace fuselabel::cli {

SweepFitting::SweepFitting(const Sequence& sequence, const LabelContext& context)
    : m_sequence(sequence), m_context(context) {}

const SweepIndex* SweepFitting::indexOf(FrameIndex frame) {
  const auto found = m_indices.find(frame);
  if (found != m_indices.end()) return found->second.get();
  std::unique_ptr<SweepIndex>& slot = m_indices[frame];
  if (frame < 0 || static_cast<std::size_t>(frame) >= m_sequence.frameCount() ||
      static_cast<std::size_t>(frame) >= m_context.frames.size()) {
    m_problems.push_back("frame " + std::to_string(frame) + " is not in the dataset");
    return nullptr;
  }
  auto sweep = m_sequence.loadSweep(static_cast<std::size_t>(frame));
  if (!sweep) {
    m_problems.push_back(sweep.error().message);
    return nullptr;
  }
  const Eigen::Isometry3d T_world_lidar =
      m_context.frames[static_cast<std::size_t>(frame)].T_world_ego *
      m_context.T_ego_lidar.value_or(Eigen::Isometry3d::Identity());
  PointCloud& cloud = sweep->cloud;
  const std::int64_t frameNs = m_context.frames[static_cast<std::size_t>(frame)].timestampNs;
  // De-skew for the ego's motion: static objects then sit still; what is
  // left is the objects' own motion, handled by the fit's capture time.
  const Eigen::Isometry3d T_ego_lidar =
      m_context.T_ego_lidar.value_or(Eigen::Isometry3d::Identity());
  if (canCompensateMotion(cloud, m_sequence.poses))
    compensateMotion(cloud, m_sequence.poses, T_ego_lidar, frameNs);
  std::vector<std::int64_t> times;
  if (cloud.hasTime()) {
    times.resize(cloud.size());
    for (std::size_t i = 0; i < cloud.size(); ++i)
      times[i] = cloud.timestampNs() + cloud.timeOffsetNs()[i] - frameNs;
  }
  m_pointTimesNs[frame] = std::move(times);
  slot = std::make_unique<SweepIndex>(SweepIndex::build(cloud, T_world_lidar));
  return slot.get();
}

double SweepFitting::timeOffsetOf(FrameIndex frame, const SweepIndex& index,
                                  const Cuboid& box) const {
  const std::vector<std::int64_t>& times = m_pointTimesNs.at(frame);
  if (times.empty()) return 0.0;
  double sum = 0.0;
  std::size_t count = 0;
  for (std::uint32_t i : index.pointsInBox(box)) {
    sum += static_cast<double>(times[index.sourceIndex(i)]);
    ++count;
  }
  return count > 0 ? 1e-9 * sum / static_cast<double>(count) : 0.0;
}

std::function<FrameFitter(const Object&)> SweepFitting::fitterFactory() {
  return [this](const Object& object) -> FrameFitter {
    FitOptions options;
    if (const ClassSpec* spec = defaultLabelSchema().findClass(object.className))
      options.sizePrior = spec->size;
    return [this, options](FrameIndex frame,
                           const Cuboid& predicted) mutable -> std::optional<FrameFit> {
      const SweepIndex* index = indexOf(frame);
      if (index == nullptr) return std::nullopt;
      options.knownSize = predicted.size;
      Result<CuboidFit> fit = fitCuboid(*index, predicted, options);
      if (!fit) return std::nullopt;
      return FrameFit{fit->box, timeOffsetOf(frame, *index, fit->box), fit->quality};
    };
  };
}

}  // namespace fuselabel::cli
