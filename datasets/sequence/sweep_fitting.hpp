#pragma once
// The auto-fit the kalman-fit method calls: each frame's sweep loaded once,
// placed in world, indexed, and every predicted box of that frame fitted to it.
// Shared by the CLI (fill, fit, effort, prelabel) and the GUI (one-click
// boxes, refill with fit). Not thread-safe: one SweepFitting per thread.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/fitting/cuboid_fit.hpp"
#include "core/fitting/sweep_index.hpp"
#include "core/tracks/annotator_effort.hpp"
#include "datasets/labels/label_io.hpp"
#include "datasets/sequence/sequence.hpp"

namespace fuselabel {

/// One frame's sweep ready for fitting: de-skewed for the ego's motion to the
/// frame's time, placed in world, indexed.
struct IndexedSweep {
  /// The points in world with their spatial index.
  SweepIndex index;
  /// Capture time of each source point relative to the frame's time (ns);
  /// empty when the sweep has no per-point times.
  std::vector<std::int64_t> timesFromFrameNs;
  /// What the reader noticed.
  std::vector<std::string> warnings;
  /// Time from the first to the last point of the sweep (ns); 0 without times.
  std::int64_t sweepSpanNs = 0;
  /// Mean capture time (s, from the frame's time) of the points in `box`; 0 without times.
  [[nodiscard]] double timeOffsetOf(const Cuboid& box) const;
  /// Auto-fit of `rough` with its capture time. An object across the sweep's
  /// seam (the azimuth where the spin starts and ends) is scanned at both
  /// ends of the sweep, a whole period apart, and a moving one shows in two
  /// places; only the side of the seam with more of its points is fitted,
  /// so the box is where the object was at that side's time.
  [[nodiscard]] std::optional<FrameFit> fit(const Cuboid& rough, const FitOptions& options) const;
};

/// Loads, de-skews and indexes the sweep of `frame`.
[[nodiscard]] Result<IndexedSweep> indexFrameSweep(const Sequence& sequence,
                                                   const LabelContext& context, FrameIndex frame);

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
  const IndexedSweep* indexOf(FrameIndex frame);

  const Sequence& m_sequence;
  const LabelContext& m_context;
  std::map<FrameIndex, std::unique_ptr<IndexedSweep>> m_sweeps;  // nullptr: unreadable
  std::vector<std::string> m_problems;
};

}  // namespace fuselabel
