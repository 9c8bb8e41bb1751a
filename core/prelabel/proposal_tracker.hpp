#pragma once
// Linking per-frame proposals into tracks online, the AB3DMOT recipe (Weng et
// al., IROS 2020): each track's centre is predicted to the next frame by a
// constant-velocity Kalman filter, predictions and proposals are paired by
// the Hungarian method (solveAssignment) on centre distance or bird's-eye
// IoU with a gate, an unpaired proposal starts a tentative track, a track is
// kept once it has been seen minHits times, and it ends after maxAge frames
// in a row without a proposal. Birth and death hysteresis is what keeps one
// spurious cluster from becoming an object and one missed frame from
// splitting a car in two.

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
  /// A track is kept once it has this many proposals (or as many as the
  /// sequence has frames, if fewer).
  int minHits = 3;
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
