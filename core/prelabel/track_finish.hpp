#pragma once
// Turning a linked track of proposals into the boxes a person reviews: one
// class for the whole track (the confidence-weighted vote of its proposals),
// one size (from the points of all its frames, refineTrackSize, when the
// sweeps are at hand), and positions and headings smoothed over time by the
// Kalman/RTS smoother of core/tracks, which also fills the frames the
// proposals missed in between.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/annotation/label_schema.hpp"
#include "core/fitting/sweep_index.hpp"
#include "core/fitting/track_size.hpp"
#include "core/prelabel/proposal_tracker.hpp"

namespace fuselabel {

/// How finishTrack smooths and sizes.
struct FinishOptions {
  /// Smooth positions and headings over time (off: the proposals as they are).
  bool smooth = true;
  /// Fill the frames between two proposals of a track.
  bool fillGaps = true;
  /// 1-sigma of a proposal's centre (m), heading (rad) and size (m) for the smoother.
  double positionSigma = 0.5;
  double yawSigma = 0.3;
  double sizeSigma = 0.3;
  /// Reading the accumulated points for the size (vehicles only).
  TrackSizeOptions size;
};

/// One box of a finished track.
struct FinishedBox {
  /// Index into the frames the track was linked over.
  std::size_t step = 0;
  /// The box (world).
  Cuboid box;
  /// Whether a proposal was seen at this step (false: filled between two).
  bool observed = true;
  /// The proposal's confidence, or the track's for a filled step.
  double confidence = 0.0;
};

/// A track ready to be written.
struct FinishedTrack {
  std::string className;
  /// Mean confidence of its proposals.
  double confidence = 0.0;
  /// The one size of every box (m).
  Eigen::Vector3d size = Eigen::Vector3d::Zero();
  /// Whether the size came from the accumulated points.
  bool sizeFromPoints = false;
  /// Whether its height is its class's greatest: the fits clamp a taller
  /// cluster to it, so its points rose above any member of the class.
  bool tallerThanClass = false;
  /// Share of its proposals whose cluster's shape says a structure (a
  /// canopy, a building front, a post: Proposal::structureCues).
  double structureShare = 0.0;
  std::vector<FinishedBox> boxes;
};

/// Finishes `track`. `timesS[k]` is the capture time of step k; `sweeps[k]`
/// its sweep, or nullptr (an empty span: no sweeps, the size is the median
/// of the proposals' sizes).
[[nodiscard]] FinishedTrack finishTrack(const ProposalTrack& track, std::span<const double> timesS,
                                        std::span<const SweepIndex* const> sweeps,
                                        const LabelSchema& schema,
                                        const FinishOptions& options = {});

/// How much an annotator can trust `track` as a whole: the mean confidence of
/// its proposals, or 0 for a track taller than its class (a trunk under a
/// canopy proposed as a 2.3 m pedestrian; on the generated scenes none of
/// them was a road user) or one whose clusters look like a structure in more
/// than half its frames (a canopy or a building front proposed as a truck).
[[nodiscard]] double trackConfidence(const FinishedTrack& track);

}  // namespace fuselabel
