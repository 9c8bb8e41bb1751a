#pragma once
// One size for a whole track. A single sweep sees one or two sides of an
// object; the points of many frames, each moved into the object's own frame
// by that frame's box, cover it from several sides, so their robust extent is
// a better size than any single fit.

#include <cstddef>
#include <span>

#include <Eigen/Core>

#include "core/fitting/cuboid_fit.hpp"
#include "core/fitting/sweep_index.hpp"
#include "core/geometry/cuboid.hpp"
#include "core/util/result.hpp"

namespace fuselabel {

/// The object's box in one frame and that frame's sweep.
struct TrackObservation {
  /// The frame's sweep (not owned; must outlive the call).
  const SweepIndex* sweep = nullptr;
  /// The track's box in this frame (world).
  Cuboid box;
};

/// The size refineTrackSize settled on.
struct TrackSizeFit {
  /// Length, width, height (m).
  Eigen::Vector3d size = Eigen::Vector3d::Zero();
  /// Object points accumulated over all frames.
  std::size_t points = 0;
  /// Frames that contributed at least one point.
  std::size_t frames = 0;
};

/// How refineTrackSize reads the points.
struct TrackSizeOptions {
  /// Ground removal, cluster rejection and minPoints (over all frames) as in
  /// fitCuboid; margin is replaced by `boxMargin`.
  FitOptions fit;
  /// Each frame's box is grown by this much in x and y (m): track boxes are
  /// close, so a small margin keeps neighbours out.
  double boxMargin = 0.3;
  /// Extents run from this quantile to 1 − it, so a stray point does not
  /// grow the box.
  double trimFraction = 0.01;
};

/// Accumulates each frame's object points (above the local ground, inside the
/// box grown by boxMargin) in the box's own frame and returns their trimmed
/// extent in x and y and the trimmed top above the ground as the height. An
/// error when fewer than options.fit.minPoints points in total.
[[nodiscard]] Result<TrackSizeFit> refineTrackSize(std::span<const TrackObservation> observations,
                                                   const TrackSizeOptions& options = {});

}  // namespace fuselabel
