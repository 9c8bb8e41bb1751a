#pragma once
// One-to-one matching of two sets of boxes of the same frame: the optimal
// assignment (core/matching/assignment.hpp) on 3D IoU, gated per class.
//
// A pair may match only when both boxes have the same class and
//   - their 3D IoU reaches the class's threshold, or
//   - the boxes are small (footprint of the first box below
//     `smallFootprint`, e.g. pedestrians, cyclists, cones) and their centres
//     are within `smallCentreGate`: a 10 cm offset of a 40 cm cone already
//     drops its IoU under 0.5, yet it is clearly the same cone.
// Among the allowed pairs the assignment makes the most pairs, then the least
// total cost (1 − IoU3D, plus 1e-3 × centre distance to break exact ties), so
// a crowd of pedestrians is paired as a whole, not greedily.

#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/quality/labeled_boxes.hpp"

namespace fuselabel {

/// How boxes are gated.
struct MatchOptions {
  /// 3D IoU a pair needs, for classes without their own threshold.
  double iouThreshold = 0.5;
  /// Per-class 3D IoU thresholds ("car" → 0.7).
  std::map<std::string, double, std::less<>> classIouThreshold;
  /// A box whose footprint (length × width, m²) is below this is "small".
  double smallFootprint = 2.0;
  /// Small boxes also match when their centres are this close (m, 3D); 0 disables.
  double smallCentreGate = 0.5;
  /// Pairs of different classes never match (true for agreement and evaluation).
  bool sameClassOnly = true;

  /// The 3D IoU threshold of `className`.
  [[nodiscard]] double thresholdOf(const std::string& className) const;
};

/// One matched pair: indices into the two input spans and how well they agree.
struct BoxPair {
  int a = -1;                   ///< index in the first set
  int b = -1;                   ///< index in the second set
  double iou3d = 0.0;           ///< 3D IoU
  double iouBev = 0.0;          ///< bird's-eye IoU
  double centreDistance = 0.0;  ///< distance of the centres (m, 3D)
};

/// The matching of one frame.
struct FrameMatching {
  std::vector<BoxPair> pairs;   ///< matched pairs, in order of `a`
  std::vector<int> unmatchedA;  ///< indices of the first set without a partner
  std::vector<int> unmatchedB;  ///< indices of the second set without a partner
};

/// True when `a` and `b` may be paired under `options`; fills the measures.
[[nodiscard]] bool gatePair(const LabeledBox& a, const LabeledBox& b, const MatchOptions& options,
                            BoxPair& measures);

/// Optimal one-to-one matching of `a` and `b` (one frame).
[[nodiscard]] FrameMatching matchBoxes(std::span<const LabeledBox> a, std::span<const LabeledBox> b,
                                       const MatchOptions& options);

}  // namespace fuselabel
