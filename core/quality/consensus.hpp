#pragma once
// The consensus of several annotators' labels of one sequence: their boxes
// matched and merged one by one, each merged instance carrying how far the
// annotators agreed on it.
//
// Per frame, the annotators are taken in order; each one's boxes are matched
// (box_matching.hpp, classes not required to agree) to the clusters built so
// far, represented by their current merged box; unmatched boxes start new
// clusters. A cluster is merged robustly:
//   centre and size: per-axis median of the members;
//   yaw:             circular mean (atan2 of the summed sines and cosines);
//   class:           majority (a tie goes to the earliest annotator's class).
// Agreement score, written to Instance::confidence:
//   (members / annotators) × mean over members of IoU3D(member, merged),
// where a member whose heading is more than 90° off the merged one counts 0
// (a flipped box has the same IoU but is wrong).
// An instance is flagged (review = needs_fix) instead of silently averaged when
// its score is below `minAgreement`, its class had no strict majority, an
// annotator's heading is more than 90° off the merged one, or its track
// identity is ambiguous.
// Tracks: clusters are joined into one merged track when they share any
// annotator's object (union of (annotator, object) pairs across frames), so the
// merged tracks follow the annotators' tracks; when that would put two
// clusters of one frame on the same track, the weaker one gets a track of its
// own and is flagged. Lanes (polylines) and ignore regions are copied from the
// first annotator unchanged.

#include <span>
#include <vector>

#include "core/quality/box_matching.hpp"

namespace fuselabel {

/// How the consensus is built.
struct ConsensusOptions {
  /// How boxes are gated when matched to clusters (classes need not agree).
  MatchOptions match = {0.3, {}, 2.0, 0.5, false};
  /// Instances scoring below this are flagged for review.
  double minAgreement = 0.5;
};

/// The merged labels and counts.
struct ConsensusResult {
  Document document;          ///< merged labels
  std::size_t instances = 0;  ///< merged cuboid instances
  std::size_t flagged = 0;    ///< of which flagged needs_fix
  std::size_t copied = 0;     ///< lanes and ignore regions copied from the first annotator
};

/// Merges `annotators` (at least one) into one document; info from the first.
[[nodiscard]] ConsensusResult buildConsensus(std::span<const Document* const> annotators,
                                             const LabelSchema& schema,
                                             const ConsensusOptions& options = {});

}  // namespace fuselabel
