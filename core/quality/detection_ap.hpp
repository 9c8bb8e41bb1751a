#pragma once
// Average precision of scored detections against ground truth, per class.
//
// Matching (as in KITTI, COCO and nuScenes): predictions are taken in order of
// decreasing score; each is matched to the not-yet-matched ground-truth box of
// its class and frame that it fits best (highest IoU, or nearest centre for
// the distance criterion), if that one passes the threshold; otherwise it is a
// false positive. A ground-truth box marked `ignored` (out of the range band,
// too few points) takes no part in recall: a prediction that can only match an
// ignored box is dropped, neither a true nor a false positive.
//
// Interpolation: ALL-POINTS (PASCAL VOC 2010 and later, COCO-style envelope,
// no sampling): with the precision envelope p̂(r) = max over r' ≥ r of p(r'),
//   AP = Σ_k (r_k − r_{k−1}) · p̂(r_k),  r_0 = 0,
// over the points of the precision/recall curve. This is neither KITTI's
// 40-point nor nuScenes' 101-point sampled variant (and nuScenes also clips
// recall and precision below 0.1); all-points is exact for small hand-checked
// cases and converges to those as the curve gets dense.
//
// Ties: predictions with equal scores form one step of the curve (one point
// after all of them), so AP does not depend on the order of tied predictions.
//
// Empty cases: a class with no (non-ignored) ground truth has no AP (nullopt;
// left out of the mean), whatever its predictions; a class with ground truth
// but no predictions has AP 0.

#include <optional>
#include <string>
#include <vector>

#include "core/quality/labeled_boxes.hpp"

namespace fuselabel {

/// What decides whether a prediction hits a ground-truth box.
enum class ApCriterion : std::uint8_t {
  Iou3d,           ///< 3D IoU ≥ threshold
  IouBev,          ///< bird's-eye IoU ≥ threshold
  CentreDistance,  ///< BEV centre distance ≤ threshold (m), nuScenes style
};

/// A ground-truth box with its ignore flag.
struct GroundTruthBox {
  LabeledBox box;        ///< the box
  bool ignored = false;  ///< outside the evaluated band or too few points
};

/// Ground truth and predictions of one class, over all frames.
struct ClassDetections {
  std::vector<GroundTruthBox> groundTruth;  ///< any frames
  std::vector<LabeledBox> predictions;      ///< any frames; confidence = score (missing: 1)
};

/// One point of the precision/recall curve.
struct PrPoint {
  double score = 0.0;      ///< lowest score included
  double recall = 0.0;     ///< true positives / ground truth
  double precision = 0.0;  ///< true positives / (true + false positives)
};

/// Result of one class at one criterion and threshold.
struct ApResult {
  std::optional<double> ap;       ///< nullopt when there is no ground truth
  std::size_t groundTruth = 0;    ///< non-ignored ground-truth boxes
  std::size_t predictions = 0;    ///< predictions counted (not dropped)
  std::size_t truePositives = 0;  ///< at the lowest score
  std::vector<PrPoint> curve;     ///< one point per distinct score, decreasing score
};

/// AP of `detections` (one class) under `criterion` and `threshold`.
[[nodiscard]] ApResult averagePrecision(const ClassDetections& detections, ApCriterion criterion,
                                        double threshold);

/// AP from a precision/recall curve by all-points interpolation (see above).
[[nodiscard]] double allPointsAp(const std::vector<PrPoint>& curve);

/// Name of a criterion ("iou3d", "iou_bev", "centre_distance").
[[nodiscard]] std::string_view toString(ApCriterion criterion) noexcept;

}  // namespace fuselabel
