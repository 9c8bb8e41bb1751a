#pragma once
// The auto-fit the kalman-fit method calls: each frame's sweep loaded once,
// placed in world, indexed, and every predicted box of that frame fitted to it.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/fitting/sweep_index.hpp"
#include "core/tracks/annotator_effort.hpp"
#include "datasets/labels/label_io.hpp"
#include "datasets/sequence/sequence.hpp"

namespace fuselabel::cli {

/// Fits boxes to a dataset's sweeps, caching each frame's index.
class SweepFitting {
 public:
  /// Fits to the sweeps of `sequence`, placed by `context`'s poses; both must
  /// outlive this object.
  SweepFitting(const Sequence& sequence, const LabelContext& context);

  /// The fitter of one object: its class's size prior, the track's size kept.
  [[nodiscard]] std::function<FrameFitter(const Object&)> fitterFactory();

  /// Sweeps that could not be read (each named once), for the user.
  [[nodiscard]] const std::vector<std::string>& problems() const { return m_problems; }

 private:
  const SweepIndex* indexOf(FrameIndex frame);
  // Mean capture time of the points in `box` relative to the frame's time (s).
  double timeOffsetOf(FrameIndex frame, const SweepIndex& index, const Cuboid& box) const;

  const Sequence& m_sequence;
  const LabelContext& m_context;
  std::map<FrameIndex, std::unique_ptr<SweepIndex>> m_indices;  // nullptr: unreadable
  std::map<FrameIndex, std::vector<std::int64_t>>
      m_pointTimesNs;  // per source point, from the frame time
  std::vector<std::string> m_problems;
};

}  // namespace fuselabel::cli
