#include "core/quality/detection_ap.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "core/geometry/iou.hpp"

namespace fuselabel {
namespace {

double scoreOf(const LabeledBox& box) {
  return box.confidence.value_or(1.0);
}

// How well prediction p fits ground truth g: higher is better; nullopt when
// it does not pass the threshold.
std::optional<double> fit(const LabeledBox& p, const LabeledBox& g, ApCriterion criterion,
                          double threshold) {
  switch (criterion) {
    case ApCriterion::Iou3d: {
      const double iou = iou3d(p.box, g.box);
      if (iou > 0.0 && iou >= threshold) return iou;
      return std::nullopt;
    }
    case ApCriterion::IouBev: {
      const double iou = bevIou(p.box, g.box);
      if (iou > 0.0 && iou >= threshold) return iou;
      return std::nullopt;
    }
    case ApCriterion::CentreDistance: {
      const double d = (p.box.center.head<2>() - g.box.center.head<2>()).norm();
      if (d <= threshold) return -d;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view toString(ApCriterion criterion) noexcept {
  switch (criterion) {
    case ApCriterion::Iou3d:
      return "iou3d";
    case ApCriterion::IouBev:
      return "iou_bev";
    case ApCriterion::CentreDistance:
      return "centre_distance";
  }
  return "unknown";
}

double allPointsAp(const std::vector<PrPoint>& curve) {
  // Envelope from the right: the best precision reachable at this recall or more.
  std::vector<double> envelope(curve.size());
  double best = 0.0;
  for (std::size_t k = curve.size(); k-- > 0;) {
    best = std::max(best, curve[k].precision);
    envelope[k] = best;
  }
  double ap = 0.0;
  double previousRecall = 0.0;
  for (std::size_t k = 0; k < curve.size(); ++k) {
    ap += (curve[k].recall - previousRecall) * envelope[k];
    previousRecall = curve[k].recall;
  }
  return ap;
}

ApResult averagePrecision(const ClassDetections& detections, ApCriterion criterion,
                          double threshold) {
  ApResult result;
  std::map<FrameIndex, std::vector<std::size_t>> truthOfFrame;
  for (std::size_t i = 0; i < detections.groundTruth.size(); ++i) {
    const GroundTruthBox& g = detections.groundTruth[i];
    truthOfFrame[g.box.frame].push_back(i);
    result.groundTruth += g.ignored ? 0 : 1;
  }
  std::vector<std::size_t> order(detections.predictions.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Decreasing score; equal scores by frame and object so the run is repeatable.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const LabeledBox& a = detections.predictions[x];
    const LabeledBox& b = detections.predictions[y];
    if (scoreOf(a) != scoreOf(b)) return scoreOf(a) > scoreOf(b);
    if (a.frame != b.frame) return a.frame < b.frame;
    return a.object < b.object;
  });
  std::vector<bool> taken(detections.groundTruth.size(), false);
  std::size_t truePositives = 0;
  std::size_t falsePositives = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const LabeledBox& p = detections.predictions[order[k]];
    const auto it = truthOfFrame.find(p.frame);
    std::optional<std::size_t> hit;
    bool hitsIgnored = false;
    double bestFit = -1e300;
    if (it != truthOfFrame.end()) {
      for (const std::size_t g : it->second) {
        const GroundTruthBox& truth = detections.groundTruth[g];
        const std::optional<double> f = fit(p, truth.box, criterion, threshold);
        if (!f) continue;
        if (truth.ignored) {
          hitsIgnored = true;
        } else if (!taken[g] && *f > bestFit) {
          bestFit = *f;
          hit = g;
        }
      }
    }
    if (hit) {
      taken[*hit] = true;
      ++truePositives;
      ++result.predictions;
    } else if (!hitsIgnored) {
      ++falsePositives;
      ++result.predictions;
    }
    // One curve point after the last prediction of each score.
    const bool lastOfScore =
        k + 1 == order.size() || scoreOf(detections.predictions[order[k + 1]]) != scoreOf(p);
    if (lastOfScore && truePositives + falsePositives > 0 && result.groundTruth > 0) {
      result.curve.push_back(
          {scoreOf(p), static_cast<double>(truePositives) / static_cast<double>(result.groundTruth),
           static_cast<double>(truePositives) /
               static_cast<double>(truePositives + falsePositives)});
    }
  }
  result.truePositives = truePositives;
  if (result.groundTruth > 0) result.ap = allPointsAp(result.curve);
  return result;
}

}  // namespace fuselabel
