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

/// An auto-fit and when the sensor saw what it fitted.
struct TimedFit {
  /// The fit.
  CuboidFit fit;
  /// Mean capture time of the fitted box's points (s, from the frame's time);
  /// 0 without per-point times.
  double timeOffsetS = 0.0;
};

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
  /// Auto-fit of `rough` (fitCuboid) with its capture time. An object across
  /// the sweep's seam (the azimuth where the spin starts and ends) is scanned
  /// at both ends of the sweep, a whole period apart, and a moving one shows
  /// in two places: the side with fewer of its points is moved onto the
  /// other, and the fit is where the object was at that side's time.
  [[nodiscard]] Result<TimedFit> fit(const Cuboid& rough, const FitOptions& options) const;
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
