#pragma once
// How far two label sets of the same sequence agree: annotator A against
// annotator B, or predictions (B) against ground truth (A).
//
// Boxes are matched frame by frame (box_matching.hpp). Per class, and in
// total:
//   precision = matches / (matches + unmatched B)   (how much of B is in A)
//   recall    = matches / (matches + unmatched A)   (how much of A B found)
// plus the mean 3D and BEV IoU, centre error (m), absolute size error per axis
// (m) and yaw error (rad, in [0, π]) of the matches. Across tracks (CLEAR MOT):
//   ID switch      an A track matched to a different B object than at its
//                  previous matched frame;
//   fragmentation  an A track whose matching is interrupted (matched,
//                  then unmatched, then matched again), counted per interruption.
// MOTA = 1 − (unmatched A + unmatched B + ID switches) / boxes of A;
// MOTP is reported as the mean 3D IoU and mean centre error of the matches.

#include <map>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/quality/box_matching.hpp"

namespace fuselabel {

/// Thresholds that decide what is listed as a disagreement of a matched pair.
struct AgreementOptions {
  /// How boxes are matched.
  MatchOptions match;
  /// A matched pair whose centres differ by more than this is listed (m).
  double centreTolerance = 0.20;
  /// ... whose size differs by more than this on an axis (m).
  double sizeTolerance = 0.10;
  /// ... whose yaw differs by more than this (rad, 10°).
  double yawTolerance = 0.17453292519943295;
};

/// One matched pair of boxes.
struct AgreedPair {
  LabeledBox a;                                         ///< box of the first set
  LabeledBox b;                                         ///< box of the second set
  double iou3d = 0.0;                                   ///< 3D IoU
  double iouBev = 0.0;                                  ///< bird's-eye IoU
  double centreError = 0.0;                             ///< centre distance (m)
  Eigen::Vector3d sizeError = Eigen::Vector3d::Zero();  ///< |size a − size b| per axis (m)
  double yawError = 0.0;  ///< |yaw a − yaw b| wrapped to [0, π] (rad)
};

/// Totals of one class (or of all classes).
struct ClassAgreement {
  std::size_t boxesA = 0;          ///< boxes in the first set
  std::size_t boxesB = 0;          ///< boxes in the second set
  std::size_t matches = 0;         ///< matched pairs
  std::size_t unmatchedA = 0;      ///< boxes of A without a partner (misses)
  std::size_t unmatchedB = 0;      ///< boxes of B without a partner (extras)
  std::size_t idSwitches = 0;      ///< ID switches of A's tracks
  std::size_t fragmentations = 0;  ///< interruptions of A's tracks
  double sumIou3d = 0.0;           ///< sums over matches, for the means
  double sumIouBev = 0.0;
  double sumCentreError = 0.0;
  Eigen::Vector3d sumSizeError = Eigen::Vector3d::Zero();
  double sumYawError = 0.0;

  /// matches / boxes of B; 1 when B has none of this class.
  [[nodiscard]] double precision() const;
  /// matches / boxes of A; 1 when A has none of this class.
  [[nodiscard]] double recall() const;
  /// Mean 3D IoU of the matches (0 without matches).
  [[nodiscard]] double meanIou3d() const;
  /// Mean BEV IoU of the matches.
  [[nodiscard]] double meanIouBev() const;
  /// Mean centre error (m).
  [[nodiscard]] double meanCentreError() const;
  /// Mean absolute size error per axis (m).
  [[nodiscard]] Eigen::Vector3d meanSizeError() const;
  /// Mean yaw error (rad).
  [[nodiscard]] double meanYawError() const;
  /// 1 − (misses + extras + ID switches) / boxes of A; nullopt-like NaN when A is empty.
  [[nodiscard]] double mota() const;
};

/// One disagreement, for the list a reviewer walks through.
struct Disagreement {
  FrameIndex frame = 0;      ///< frame
  std::string className;     ///< class
  std::int32_t numberA = 0;  ///< track number in A (0: the box is only in B)
  std::int32_t numberB = 0;  ///< track number in B (0: the box is only in A)
  std::string what;          ///< "only in A", "centre 0.42 m apart", "ID switch from 7 to 9", ...
};

/// Everything compareLabels() measures.
struct AgreementReport {
  std::vector<AgreedPair> matches;                 ///< by frame, then A's object order
  std::vector<LabeledBox> unmatchedA;              ///< boxes only in A
  std::vector<LabeledBox> unmatchedB;              ///< boxes only in B
  std::map<std::string, ClassAgreement> perClass;  ///< by class name
  ClassAgreement total;                            ///< all classes
  std::vector<Disagreement> disagreements;         ///< by frame
};

/// Matches `b` against `a` frame by frame and measures their agreement, on
/// boxes already gathered per frame (e.g. filtered by range).
[[nodiscard]] AgreementReport compareBoxes(const std::map<FrameIndex, std::vector<LabeledBox>>& a,
                                           const std::map<FrameIndex, std::vector<LabeledBox>>& b,
                                           const AgreementOptions& options = {});

/// Matches `b` against `a` frame by frame and measures their agreement.
[[nodiscard]] AgreementReport compareLabels(const Document& a, const Document& b,
                                            const LabelSchema& schema,
                                            const AgreementOptions& options = {});

}  // namespace fuselabel
