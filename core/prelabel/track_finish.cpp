#include "core/prelabel/track_finish.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "core/prelabel/sideways_rider.hpp"
#include "core/tracks/box_smoother.hpp"

namespace fuselabel {
namespace {

// The value under which half the weight lies: with two proposals, the more
// confident one's, not the larger one's (an upper median), since a fit of a
// car merged with the hedge beside it is clamped to the largest car.
double weightedMedian(std::vector<std::pair<double, double>> valueWeight) {
  std::sort(valueWeight.begin(), valueWeight.end());
  double total = 0.0;
  for (const auto& [value, weight] : valueWeight)
    total += weight;
  double below = 0.0;
  for (const auto& [value, weight] : valueWeight) {
    below += weight;
    if (below >= 0.5 * total) return value;
  }
  return valueWeight.back().first;
}

}  // namespace

FinishedTrack finishTrack(const ProposalTrack& proposed, std::span<const double> timesS,
                          std::span<const SweepIndex* const> sweeps, const LabelSchema& schema,
                          const FinishOptions& options) {
  FinishedTrack out;
  // A "car" moving along its own rear face is a rider seen side-on: its
  // boxes are turned and placed on the rider before anything is voted.
  ProposalTrack track = proposed;
  turnSidewaysVehiclesIntoRiders(track, timesS, sweeps, schema);
  const auto& observations = track.observations;
  if (observations.empty()) return out;

  // Class: the vote of the proposals weighted by their confidence, so a
  // frame or two where a half-hidden car looked like a motorbike do not win.
  std::map<std::string, double> votes;
  double confidenceSum = 0.0;
  std::size_t structures = 0;
  for (const TrackedProposal& o : observations) {
    votes[o.proposal.className] += std::max(o.proposal.confidence, 1e-6);
    confidenceSum += o.proposal.confidence;
    if (o.proposal.structureCues != 0) ++structures;
  }
  out.structureShare = static_cast<double>(structures) / static_cast<double>(observations.size());
  out.className = std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) {
                    return a.second < b.second;
                  })->first;
  out.confidence = confidenceSum / static_cast<double>(observations.size());
  const ClassSpec* spec = schema.findClass(out.className);

  std::vector<std::pair<double, double>> l, w, h;
  for (const TrackedProposal& o : observations) {
    const double weight = std::max(o.proposal.confidence, 1e-6);
    l.emplace_back(o.proposal.box.size.x(), weight);
    w.emplace_back(o.proposal.box.size.y(), weight);
    h.emplace_back(o.proposal.box.size.z(), weight);
  }
  const Eigen::Vector3d medianSize(weightedMedian(l), weightedMedian(w), weightedMedian(h));

  // Boxes over time: smoothed (and gaps filled) or as proposed.
  const std::size_t first = observations.front().step;
  const std::size_t last = observations.back().step;
  std::vector<std::optional<std::size_t>> observedAt(last - first + 1);
  for (std::size_t i = 0; i < observations.size(); ++i)
    observedAt[observations[i].step - first] = i;
  const bool smooth = options.smooth && observations.size() >= 2 && last < timesS.size();
  if (smooth) {
    const std::span<const double> times = timesS.subspan(first, last - first + 1);
    const ObservationSource observe = [&](std::size_t k, const Cuboid&,
                                          const Eigen::Vector3d&) -> std::optional<BoxObservation> {
      if (!observedAt[k]) return std::nullopt;
      const Proposal& p = observations[*observedAt[k]].proposal;
      BoxObservation obs;
      obs.box = p.box;
      obs.box.size = medianSize;  // one rigid size; the smoother then tracks only the pose
      obs.positionSigma = options.positionSigma;
      obs.yawSigma = options.yawSigma;
      obs.sizeSigma = options.sizeSigma;
      obs.gated = true;
      return obs;
    };
    const SmoothedTrack smoothed =
        smoothBoxTrack(times, observe, MotionModel::ConstantVelocity, motionLimitsOf(spec),
                       times.size() - 1, static_cast<int>(times.size()) + 1, std::nullopt);
    for (std::size_t k = 0; k < smoothed.state.size(); ++k) {
      if (!observedAt[k] && !options.fillGaps) continue;
      Cuboid box = boxOfState(smoothed.state[k]);
      box.size = medianSize;
      const double confidence =
          observedAt[k] ? observations[*observedAt[k]].proposal.confidence : out.confidence;
      out.boxes.push_back({first + k, box, observedAt[k].has_value(), confidence});
    }
  } else {
    for (const TrackedProposal& o : observations) {
      Cuboid box = o.proposal.box;
      box.size = medianSize;
      out.boxes.push_back({o.step, box, true, o.proposal.confidence});
    }
  }

  // One size from every frame's points, each seen from another side. A fit
  // already made a partly seen box as long as the class's typical size, so
  // the points may lengthen a box but not shorten it below the proposals.
  Eigen::Vector3d size = medianSize;
  std::vector<TrackObservation> seen;
  for (const FinishedBox& b : out.boxes)
    if (b.observed && b.step < sweeps.size() && sweeps[b.step] != nullptr)
      seen.push_back({sweeps[b.step], b.box});
  // Only vehicles are rigid: a walking person's arms and legs, accumulated
  // over frames, make a box wider than the person at any one time.
  const bool rigid = spec != nullptr && spec->category == "vehicle";
  if (rigid && !seen.empty()) {
    if (auto refined = refineTrackSize(seen, options.size)) {
      size.x() = std::max(refined->size.x(), medianSize.x());
      size.y() = std::max(refined->size.y(), medianSize.y());
      size.z() = refined->size.z();
      if (spec != nullptr && spec->size)
        size = size.cwiseMax(spec->size->min).cwiseMin(spec->size->max);
      out.sizeFromPoints = true;
    }
  }
  out.size = size;
  // 1 cm under the greatest height: the clamp, not a rounding of it. Only
  // for people and riders: a tilted or sloping ground (SUSTech's sensor is
  // 3° off level) lifts many real cars' points to a car's greatest height.
  out.tallerThanClass = spec != nullptr && spec->category == "vru" && spec->size &&
                        size.z() >= spec->size->max.z() - 0.01;
  for (FinishedBox& b : out.boxes) {
    // Keep each box's bottom where it was: the ground does not move.
    const double bottom = b.box.center.z() - 0.5 * b.box.size.z();
    b.box.size = size;
    b.box.center.z() = bottom + 0.5 * size.z();
  }
  return out;
}

double trackConfidence(const FinishedTrack& track) {
  // A cue can be wrong in a frame (a car behind another shows no low points,
  // a bus beside the ego is one flat face); a structure shows one in most.
  return track.tallerThanClass || track.structureShare > 0.5 ? 0.0 : track.confidence;
}

}  // namespace fuselabel
