#include "core/tracks/annotator_effort.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/geometry/angle.hpp"
#include "core/geometry/iou.hpp"
#include "core/tracks/document_fill.hpp"

namespace fuselabel {
namespace {

struct TruthBox {
  FrameIndex frame;
  double timeS;
  Cuboid box;
};

// Adds the errors of the annotator's final fill against the truth to `tally`.
void tallyErrors(const TrackFill& fill, const std::map<FrameIndex, const TruthBox*>& byFrame,
                 EffortTally& tally) {
  for (const FilledBox& filled : fill.boxes) {
    const auto it = byFrame.find(filled.frame);
    if (it == byFrame.end()) continue;
    const Cuboid& truth = it->second->box;
    ++tally.finalFillCount;
    tally.centreErrorSum += (filled.box.center - truth.center).norm();
    tally.yawErrorSum += std::abs(angleDifference(filled.box.yaw(), truth.yaw()));
    tally.sizeErrorSum += (filled.box.size - truth.size).cwiseAbs().mean();
  }
}

// Seconds from `timeS` to the nearest keyed instance.
double timeToNearestKey(const std::vector<TruthBox>& truth, const std::vector<bool>& keyed,
                        double timeS) {
  double nearest = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < truth.size(); ++i)
    if (keyed[i]) nearest = std::min(nearest, std::abs(truth[i].timeS - timeS));
  return nearest;
}

// Simulates one track; returns the number of instances keyed. The annotator
// keys the first instance (and the last, with keyLastUpFront), fills, and
// keys the worst instance until all pass. Of the instances a method left without a box, the one
// farthest in time from any key is keyed first, as a person keys the end of a stretch the fill
// missed rather than the next frame: copy, linear and kalman, which fill only between keys, so get
// the last instance as their second key.
Result<int> simulateTrack(const std::vector<TruthBox>& truth, const FillOptions& fillOptions,
                          double threshold, bool keyLastUpFront, EffortTally& tally) {
  if (truth.size() <= 1) return static_cast<int>(truth.size());
  std::map<FrameIndex, const TruthBox*> byFrame;
  for (const TruthBox& t : truth)
    byFrame[t.frame] = &t;
  std::vector<bool> keyed(truth.size(), false);
  keyed.front() = true;
  int keyCount = 1;
  if (keyLastUpFront) {
    keyed.back() = true;
    ++keyCount;
  }
  while (true) {
    std::vector<TrackKey> keys;
    std::vector<FillTarget> targets;
    for (std::size_t i = 0; i < truth.size(); ++i) {
      if (keyed[i])
        keys.push_back({truth[i].frame, truth[i].timeS, truth[i].box});
      else
        targets.push_back({truth[i].frame, truth[i].timeS});
    }
    if (targets.empty()) break;
    Result<TrackFill> fill = fillTrack(keys, targets, fillOptions);
    if (!fill) return fill.error();
    std::map<FrameIndex, const Cuboid*> filled;
    for (const FilledBox& box : fill->boxes)
      filled[box.frame] = &box.box;
    // The worst instance. One the fill left out has no box at all and ranks
    // below every filled one; of those, the one farthest from any key goes
    // first. Ties among filled instances go to the earliest.
    double worstIou = 2.0;
    double worstDistance = -1.0;
    std::size_t worst = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
      if (keyed[i]) continue;
      const auto it = filled.find(truth[i].frame);
      const bool missing = it == filled.end();
      const double iou = missing ? -1.0 : iou3d(*it->second, truth[i].box);
      if (iou > worstIou) continue;
      const double distance = missing ? timeToNearestKey(truth, keyed, truth[i].timeS) : 0.0;
      if (iou < worstIou || distance > worstDistance) {
        worstIou = iou;
        worstDistance = distance;
        worst = i;
      }
    }
    if (worstIou >= threshold) {
      tallyErrors(*fill, byFrame, tally);
      break;
    }
    keyed[worst] = true;
    ++keyCount;
  }
  return keyCount;
}

}  // namespace

void EffortTally::add(const EffortTally& other) {
  tracks += other.tracks;
  instances += other.instances;
  keyed += other.keyed;
  finalFillCount += other.finalFillCount;
  centreErrorSum += other.centreErrorSum;
  yawErrorSum += other.yawErrorSum;
  sizeErrorSum += other.sizeErrorSum;
}

Result<EffortReport> simulateAnnotator(const Document& truth, const EffortOptions& options) {
  Result<std::vector<double>> times = frameTimesS(truth);
  if (!times) return times.error();
  const LabelSchema& schema = options.schema != nullptr ? *options.schema : defaultLabelSchema();
  std::map<std::string, EffortTally> perClass;
  for (const Track& track : truth.tracks()) {
    std::vector<TruthBox> boxes;
    for (const Instance& instance : track.instances) {
      const Cuboid* box = std::get_if<Cuboid>(&instance.geometry);
      if (box == nullptr || instance.frame < 0 ||
          static_cast<std::size_t>(instance.frame) >= times->size())
        continue;
      if (options.minPoints > 0) {
        const AttributeValue* points = instance.attributes.find("num_points");
        const double* count = points != nullptr ? std::get_if<double>(points) : nullptr;
        if (count != nullptr && *count < options.minPoints) continue;
      }
      boxes.push_back({instance.frame, (*times)[static_cast<std::size_t>(instance.frame)], *box});
    }
    if (boxes.empty()) continue;
    std::stable_sort(boxes.begin(), boxes.end(),
                     [](const TruthBox& a, const TruthBox& b) { return a.timeS < b.timeS; });
    FillOptions fillOptions;
    fillOptions.method = options.method;
    fillOptions.model = options.model;
    fillOptions.limits = motionLimitsOf(schema.findClass(track.object.className));
    if (options.method == FillMethod::KalmanFit) {
      if (!options.fitterFor) return Error{"kalman-fit needs the dataset's points"};
      fillOptions.fitter = options.fitterFor(track.object);
    }
    EffortTally& tally = perClass[track.object.className];
    tally.className = track.object.className;
    Result<int> keyed =
        simulateTrack(boxes, fillOptions, options.iouThreshold, options.keyLastUpFront, tally);
    if (!keyed) return keyed.error().withContext(trackName(track.object));
    ++tally.tracks;
    tally.instances += static_cast<int>(boxes.size());
    tally.keyed += *keyed;
  }
  EffortReport report;
  report.method = options.method;
  report.total.className = "all";
  for (auto& [name, tally] : perClass) {
    report.total.add(tally);
    report.perClass.push_back(tally);
  }
  return report;
}

}  // namespace fuselabel
