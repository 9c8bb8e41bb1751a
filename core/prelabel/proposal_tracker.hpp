#pragma once
// Linking per-frame proposals into tracks online, the AB3DMOT recipe (Weng et
// al., IROS 2020): each track's centre is predicted to the next frame by a
// constant-velocity Kalman filter, predictions and proposals are paired by
// the Hungarian method (solveAssignment) on centre distance or bird's-eye
// IoU with a gate, an unpaired proposal starts a tentative track, a track is
// kept once it has been seen minHits times (fewer where the frames are too
// sparse to show it that often, see TrackerOptions::confirmWindowS), and it
// ends after maxAge frames in a row without a proposal. Birth and death
// hysteresis is what keeps one spurious cluster from becoming an object and
// one missed frame from splitting a car in two.

#include <cstddef>
#include <span>
#include <vector>

#include "core/prelabel/proposal.hpp"

namespace fuselabel {

/// How proposals are paired with tracks.
enum class AssociationMetric {
  /// Distance between centres in bird's-eye view; small and thin objects
  /// (pedestrians, poles) overlap little even when close.
  CentreDistance,
  /// 1 − bird's-eye IoU of the predicted box and the proposal.
  BevIou,
};

/// How associateProposals links and keeps tracks.
struct TrackerOptions {
  /// Cost of a pair.
  AssociationMetric metric = AssociationMetric::CentreDistance;
  /// CentreDistance: pairs farther apart than this plus three times the
  /// predicted centre's 1-sigma are never made (m).
  double maxDistance = 1.0;
  /// BevIou: pairs overlapping less than this are never made.
  double minIou = 0.1;
  /// A track is kept once it has this many proposals...
  int minHits = 3;
  /// ...or one in every frame of this long (s) from its first, or in every
  /// frame of the sequence, if those are fewer. At 10 Hz that is minHits; frames half a second or
  /// more apart (keyframes, a sparse export) cannot show a passing car three times, and demanding
  /// it would throw away what every single frame found. Past the sequence's end, frames are counted
  /// at its median interval, so a track born in the last frame of a 10 Hz sequence still needs
  /// minHits.
  double confirmWindowS = 0.5;
  /// A track the sequence's end cut short (a proposal in every frame since
  /// its birth, too few frames left to confirm it) is kept when its
  /// proposals' mean confidence is at least this.
  double endConfidence = 0.7;
  /// A proposal farther than maxDistance from the prediction whose footprint
  /// is this many times larger or smaller than the track's is another object
  /// (a pedestrian beside a parked car): the gate of a new track over a long
  /// gap is metres wide. Nearer, it is the same object seen in part.
  double maxAreaRatio = 6.0;
  /// A track ends after this many frames in a row without a proposal.
  int maxAge = 2;
  /// 1-sigma of the unmodelled acceleration (m/s²), the filter's process noise.
  double accelerationSigma = 3.0;
  /// 1-sigma of a proposal's centre (m).
  double positionSigma = 0.3;
  /// 1-sigma of a new track's speed along each axis (m/s), before it is measured.
  double initialSpeedSigma = 5.0;
};

/// One proposal of a track, with the frame (position in the input) it came from.
struct TrackedProposal {
  /// Index into the frames given to associateProposals.
  std::size_t step = 0;
  /// The proposal (yaw turned by π where needed to agree with the track).
  Proposal proposal;
};

/// A kept track: its proposals in step order.
struct ProposalTrack {
  std::vector<TrackedProposal> observations;
};

/// Links the proposals of `frames` (in time order) into tracks; returns the
/// kept ones in order of birth.
[[nodiscard]] std::vector<ProposalTrack> associateProposals(std::span<const FrameProposals> frames,
                                                            const TrackerOptions& options = {});

}  // namespace fuselabel
