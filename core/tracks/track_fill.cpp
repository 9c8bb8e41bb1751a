#include "core/tracks/track_fill.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "core/geometry/angle.hpp"
#include "core/tracks/box_smoother.hpp"

namespace fuselabel {
namespace {

// How much a fit of one sweep is trusted against a keyframe (2 cm, 0.6°):
// a decimetre and three degrees, and its size hardly at all (a fit sees
// only the faces towards the sensor).
constexpr double kFitPositionSigma = 0.15;
constexpr double kFitYawSigma = 0.05;
constexpr double kFitSizeSigma = 0.5;
// However unsure the guide is, a fit this far from it (m) is another object:
// a car's length, the distance to the one queued behind it.
constexpr double kFitMaxJump = 2.5;

// Callers prefix the track ("car 12: ...").
Error fillError(const std::string& what) {
  return Error{what};
}

std::string sizeText(const Eigen::Vector3d& s) {
  char text[64];
  std::snprintf(text, sizeof text, "%.2f x %.2f x %.2f m", s.x(), s.y(), s.z());
  return text;
}

Result<void> checkInput(std::span<const TrackKey> keys, std::span<const FillTarget> targets,
                        const FillOptions& options) {
  if (keys.empty()) return fillError("the track has no keyframe");
  for (std::size_t i = 1; i < keys.size(); ++i) {
    if (!(keys[i].timeS >= keys[i - 1].timeS) || keys[i].frame == keys[i - 1].frame)
      return fillError("keyframes are not in time order with distinct frames");
  }
  for (std::size_t i = 1; i < targets.size(); ++i) {
    if (!(targets[i].timeS >= targets[i - 1].timeS))
      return fillError("target frames are not in time order");
  }
  for (const TrackKey& key : keys) {
    if (!key.box.isValid() || !std::isfinite(key.timeS))
      return Error::at(
          "", "fill",
          "keyframe at frame " + std::to_string(key.frame) + " has an invalid box or time");
  }
  if (options.method == FillMethod::KalmanFit && !options.fitter)
    return fillError("kalman-fit needs the frames' points (no fitter given)");
  return success();
}

bool isKeyFrame(std::span<const TrackKey> keys, FrameIndex frame) {
  return std::any_of(keys.begin(), keys.end(), [&](const TrackKey& k) { return k.frame == frame; });
}

// The targets strictly between the first and last key's times, minus the keys.
template <typename Fn>
void forEachInnerTarget(std::span<const TrackKey> keys, std::span<const FillTarget> targets,
                        Fn fn) {
  for (const FillTarget& t : targets) {
    if (t.timeS < keys.front().timeS || t.timeS > keys.back().timeS) continue;
    if (isKeyFrame(keys, t.frame)) continue;
    fn(t);
  }
}

// Index of the last key at or before `timeS`.
std::size_t keyAtOrBefore(std::span<const TrackKey> keys, double timeS) {
  std::size_t i = 0;
  while (i + 1 < keys.size() && keys[i + 1].timeS <= timeS)
    ++i;
  return i;
}

TrackFill fillCopy(std::span<const TrackKey> keys, std::span<const FillTarget> targets) {
  TrackFill fill;
  fill.size = reconcileTrackSize(keys, fill.warnings);
  forEachInnerTarget(keys, targets, [&](const FillTarget& t) {
    fill.boxes.push_back({t.frame, keys[keyAtOrBefore(keys, t.timeS)].box,
                          InstanceSource::Interpolated, std::nullopt, std::nullopt});
  });
  return fill;
}

TrackFill fillLinear(std::span<const TrackKey> keys, std::span<const FillTarget> targets) {
  TrackFill fill;
  fill.size = reconcileTrackSize(keys, fill.warnings);
  forEachInnerTarget(keys, targets, [&](const FillTarget& t) {
    const std::size_t i = keyAtOrBefore(keys, t.timeS);
    const TrackKey& a = keys[i];
    const TrackKey& b = keys[std::min(i + 1, keys.size() - 1)];
    const double span = b.timeS - a.timeS;
    const double s = span > 0.0 ? (t.timeS - a.timeS) / span : 0.0;
    const Eigen::Vector3d center = a.box.center + s * (b.box.center - a.box.center);
    const double yaw = a.box.yaw() + s * angleDifference(b.box.yaw(), a.box.yaw());
    fill.boxes.push_back({t.frame, Cuboid::fromYaw(center, fill.size, yaw),
                          InstanceSource::Interpolated, std::nullopt, std::nullopt});
  });
  return fill;
}

// A start for the next frame's fit moves this far from the one before at
// most (m): about the reach of a fit started off its object.
constexpr double kHypothesisSpacing = 0.5;
// A fit that lands this close to where it started (m) found its object there.
constexpr double kSelfConsistent = 0.4;

bool landsAt(const FrameFit& fit, const Cuboid& start,
             const Eigen::Vector3d& velocity = Eigen::Vector3d::Zero()) {
  return fitLandsAt(fit, start, velocity);
}

// Fits `frame` from `start` shifted along its heading by each of `shifts` (m)
// in turn; the first fit that lands where it started found its object there.
// A fit started off the object can land elsewhere with a good score (a
// vehicle seen end-on fits its roof rows alone, metres behind its bumper), so
// quality does not choose; the order of the shifts does.
std::optional<FrameFit> firstSelfConsistentFit(const FrameFitter& fitter, FrameIndex frame,
                                               const Cuboid& start,
                                               std::span<const double> shifts) {
  const double yaw = start.yaw();
  const Eigen::Vector3d heading(std::cos(yaw), std::sin(yaw), 0.0);
  for (double shift : shifts) {
    const Cuboid from = Cuboid::fromYaw(start.center + shift * heading, start.size, yaw);
    std::optional<FrameFit> fitted = fitter(frame, from);
    if (fitted && landsAt(*fitted, from)) return fitted;
  }
  return std::nullopt;
}

}  // namespace

std::optional<MotionSeed> seedFromNextFit(const TrackKey& key, const Eigen::Vector3d& size,
                                          FrameIndex next, double dt, const FillOptions& options) {
  if (!options.fitter || !(dt > 0.0)) return std::nullopt;
  // Shifts from standing still outward, forward first, up to the class's top
  // speed: the slowest motion the points agree with wins.
  const double reach = std::max(0.0, options.limits.maxSpeed) * dt;
  const double spacing = std::clamp(reach / 8.0, 0.1, kHypothesisSpacing);
  const int ahead = std::min(24, static_cast<int>(std::ceil(reach / spacing)));
  std::vector<double> shifts{0.0};
  for (int i = 1; i <= ahead; ++i) {
    shifts.push_back(i * spacing);
    if (i <= 2) shifts.push_back(-i * spacing);
  }
  const double yaw = key.box.yaw();
  const std::optional<FrameFit> best = firstSelfConsistentFit(
      options.fitter, next, Cuboid::fromYaw(key.box.center, size, yaw), shifts);
  if (!best) return std::nullopt;
  const double seen = dt + best->timeOffsetS;
  if (!(seen > 0.0)) return std::nullopt;
  MotionSeed seed;
  seed.velocity = (best->box.center - key.box.center) / seen;
  seed.velocity.z() = 0.0;
  seed.speed = seed.velocity.head<2>().dot(Eigen::Vector2d(std::cos(yaw), std::sin(yaw)));
  return seed;
}

bool fitLandsAt(const FrameFit& fit, const Cuboid& start, const Eigen::Vector3d& velocity) {
  // The fit shows the object when its points were captured, timeOffsetS
  // from the frame's time, that much further on (a car at 10 m/s seen 44 ms
  // late: 44 cm, more than the tolerance, so without it every fit of a fast
  // object seemed to slip).
  return fit.box.isValid() && std::isfinite(fit.timeOffsetS) &&
         (fit.box.center - start.center - fit.timeOffsetS * velocity).head<2>().norm() <=
             kSelfConsistent;
}

std::optional<FrameFit> trackedFit(const FrameFitter& fitter, FrameIndex frame, const Cuboid& start,
                                   const Eigen::Vector3d& velocity) {
  std::optional<FrameFit> fitted = fitter(frame, start);
  if (!fitted || fitLandsAt(*fitted, start, velocity)) return fitted;
  // A braking object falls behind a constant-velocity prediction and the fit
  // moves back onto it, along the heading. Fitted again from where it landed
  // (at the frame's time), a fit that stays put found an object there; one
  // that moved sideways found a neighbour.
  const Eigen::Vector3d landed = fitted->box.center - fitted->timeOffsetS * velocity;
  const Eigen::Vector2d side(-std::sin(start.yaw()), std::cos(start.yaw()));
  if (std::abs(side.dot((landed - start.center).head<2>())) > kSelfConsistent) return std::nullopt;
  const Cuboid again = Cuboid::fromYaw(landed, start.size, fitted->box.yaw());
  fitted = fitter(frame, again);
  if (!fitted || !fitLandsAt(*fitted, again, velocity)) return std::nullopt;
  return fitted;
}

namespace {

// One step of the Kalman timeline: a key, a target, or both at one frame.
struct Step {
  double timeS;
  FrameIndex frame;
  const TrackKey* key;
};

// `state` of a track run backward in time, forward again: the motion terms
// (velocity; speed, vertical speed and turn rate) change sign, and so do
// their covariances with the pose and size.
void reverseMotion(BoxState& state, BoxCovariance& covariance) {
  BoxState sign = BoxState::Ones();
  sign.segment<3>(box_state::kMotion).setConstant(-1.0);
  state = state.cwiseProduct(sign);
  covariance = sign.asDiagonal() * covariance * sign.asDiagonal();
}

// The filter run from the last key back to the first over steps
// 0..lastKeyStep, guided like a forward pass: where the object was lost
// going forward (a queued car braking between keys seconds apart), its
// fits from the later key's side track it backward. Returns the track in
// forward order, with `forward`'s steps past the last key (the propagation,
// which only the forward run reaches) appended as they were: the last key
// pins the join.
SmoothedTrack smoothBackward(std::span<const double> times, std::size_t lastKeyStep,
                             const ObservationSource& observe, const SmoothedTrack& forward,
                             const FillOptions& options, const std::optional<MotionSeed>& seed) {
  const std::size_t n = lastKeyStep + 1;
  std::vector<double> reversed(n);
  for (std::size_t i = 0; i < n; ++i)
    reversed[i] = -times[n - 1 - i];
  // The observations are those of the forward run, their capture offsets
  // and the predicted velocity turned around with time.
  const ObservationSource backward =
      [&](std::size_t k, const Cuboid& predicted,
          const Eigen::Vector3d& velocity) -> std::optional<BoxObservation> {
    std::optional<BoxObservation> obs = observe(n - 1 - k, predicted, -velocity);
    if (obs) obs->timeOffsetS = -obs->timeOffsetS;
    return obs;
  };
  const SmoothedTrack back =
      smoothBoxTrack(reversed, backward, options.model, options.limits, n - 1, 1, seed);
  SmoothedTrack out;
  for (std::size_t i = 0; i < n; ++i) {
    out.state.push_back(back.state[n - 1 - i]);
    out.covariance.push_back(back.covariance[n - 1 - i]);
    reverseMotion(out.state.back(), out.covariance.back());
    out.observed.push_back(back.observed[n - 1 - i]);
  }
  for (std::size_t k : back.flips)
    out.flips.push_back(n - 1 - k);
  for (std::size_t k : back.rejected)
    out.rejected.push_back(n - 1 - k);
  std::sort(out.flips.begin(), out.flips.end());
  std::sort(out.rejected.begin(), out.rejected.end());
  for (std::size_t k = n; k < forward.state.size(); ++k) {
    out.state.push_back(forward.state[k]);
    out.covariance.push_back(forward.covariance[k]);
    out.observed.push_back(forward.observed[k]);
  }
  for (std::size_t k : forward.flips)
    if (k >= n) out.flips.push_back(k);
  for (std::size_t k : forward.rejected)
    if (k >= n) out.rejected.push_back(k);
  return out;
}

TrackFill fillKalman(std::span<const TrackKey> keys, std::span<const FillTarget> targets,
                     const FillOptions& options) {
  TrackFill fill;
  fill.size = reconcileTrackSize(keys, fill.warnings);
  const bool fit = options.method == FillMethod::KalmanFit;

  std::vector<Step> steps;
  steps.reserve(keys.size() + targets.size());
  for (const TrackKey& k : keys)
    steps.push_back({k.timeS, k.frame, &k});
  for (const FillTarget& t : targets) {
    const bool inside = t.timeS >= keys.front().timeS && t.timeS <= keys.back().timeS;
    const bool after = t.timeS > keys.back().timeS;
    if ((inside || (fit && after)) && !isKeyFrame(keys, t.frame))
      steps.push_back({t.timeS, t.frame, nullptr});
  }
  std::stable_sort(steps.begin(), steps.end(),
                   [](const Step& a, const Step& b) { return a.timeS < b.timeS; });
  std::size_t lastKeyStep = 0;
  std::vector<double> times(steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    times[i] = steps[i].timeS;
    if (steps[i].key != nullptr) lastKeyStep = i;
  }

  std::optional<MotionSeed> seed;
  if (keys.size() >= 2 && keys[1].timeS > keys[0].timeS)
    seed = seedFromBoxes(keys[0].box, keys[1].box, keys[1].timeS - keys[0].timeS);
  else if (fit && steps.size() >= 2)
    seed = seedFromNextFit(keys.front(), fill.size, steps[1].frame,
                           steps[1].timeS - keys.front().timeS, options);

  // The guide: where the track is believed to be at each step before this
  // pass's fits. Fits start from it and must agree with it; starting from the
  // forward filter's own running prediction instead lets a few fits onto a
  // neighbour drag the track away, which the last key cannot undo.
  std::optional<SmoothedTrack> guide;
  // Between keys, where the guide has lost the object (too far for its fit
  // to find it, its fit beyond the gate, or a fit that did not land where it
  // started), the running filter's own prediction may still hold it: it
  // follows the fits since the last key (the previous one going forward, the
  // next one going backward). A fit from there is taken when it lands where
  // it started, or, fitted again from where it landed, stays there, gated by
  // that filter; a guide interpolating a braking car between keys seconds
  // apart is metres off, and the gate that keeps fits from drifting kept
  // them out.
  const auto tracked = [&](std::size_t k, const Cuboid& predicted, const Eigen::Vector3d& velocity,
                           const Cuboid& from) -> std::optional<BoxObservation> {
    if (k > lastKeyStep || (predicted.center - from.center).head<2>().norm() < kSelfConsistent)
      return std::nullopt;
    const Cuboid start = Cuboid::fromYaw(predicted.center, fill.size, predicted.yaw());
    std::optional<FrameFit> fitted = trackedFit(options.fitter, steps[k].frame, start, velocity);
    if (!fitted) return std::nullopt;
    const double trust = 1.0 / std::clamp(fitted->quality, 0.2, 1.0);
    return BoxObservation{fitted->box,   kFitPositionSigma * trust, kFitYawSigma * trust,
                          kFitSizeSigma, fitted->timeOffsetS,       true};
  };
  const ObservationSource observe =
      [&](std::size_t k, const Cuboid& predicted,
          const Eigen::Vector3d& velocity) -> std::optional<BoxObservation> {
    if (steps[k].key != nullptr) return BoxObservation{steps[k].key->box};
    if (!fit || !guide) return std::nullopt;
    const bool guided = k < guide->state.size() && k <= lastKeyStep;
    const Cuboid from = guided ? boxOfState(guide->state[k]) : predicted;
    // The fit starts with the track's size, so only the faces the sensor sees move it.
    const Cuboid start = Cuboid::fromYaw(from.center, fill.size, from.yaw());
    std::optional<FrameFit> fitted = options.fitter(steps[k].frame, start);
    // Past the keys the prediction can lag a braking or accelerating object
    // by a few decimetres, enough for the fit to lose its front rows and land
    // far off: then starts half a metre and a metre either way along the
    // heading are tried, and the first that lands where it started is taken.
    if (!guided && fitted && !landsAt(*fitted, start)) {
      static constexpr std::array<double, 4> kNearShifts{-0.5, 0.5, -1.0, 1.0};
      if (auto near = firstSelfConsistentFit(options.fitter, steps[k].frame, start, kNearShifts))
        fitted = near;
    }
    if (!fitted || !fitted->box.isValid() || !std::isfinite(fitted->timeOffsetS))
      return tracked(k, predicted, velocity, from);
    // A poor fit counts for less, down to a fifth of a good one's weight.
    const double trust = 1.0 / std::clamp(fitted->quality, 0.2, 1.0);
    const double sigma = kFitPositionSigma * trust;
    if (guided) {
      // 4 sigma in the ground plane against the guide's own uncertainty.
      const Eigen::Matrix2d S =
          guide->covariance[k].topLeftCorner<2, 2>() + sigma * sigma * Eigen::Matrix2d::Identity();
      // The fit shows the object at its capture time: compared where the
      // object was then.
      const Eigen::Vector2d d =
          (fitted->box.center - from.center - fitted->timeOffsetS * velocity).head<2>();
      if (d.dot(S.ldlt().solve(d)) > 16.0 || d.norm() > kFitMaxJump)
        return tracked(k, predicted, velocity, from);
    }
    // A guide seconds from its keys can be metres off and its fit snap onto
    // a neighbour within the gate; where that fit did not land where it
    // started and the running filter's own prediction finds a fit that does,
    // that one is the object.
    if (guided && !landsAt(*fitted, start, velocity))
      if (auto held = tracked(k, predicted, velocity, from)) return held;
    return BoxObservation{fitted->box,         sigma,  kFitYawSigma * trust, kFitSizeSigma,
                          fitted->timeOffsetS, !guided};
  };
  // Keys alone first; then, for kalman-fit, two passes of fits, each guided
  // by the last pass's smoothed track: the first forward from the first key
  // (and on past the last), the second backward from the last key, so that
  // each stretch of points is tracked from a key at either end of it.
  SmoothedTrack smoothed = smoothBoxTrack(times, observe, options.model, options.limits,
                                          lastKeyStep, std::max(1, options.maxMissedFits), seed);
  for (int pass = 0; fit && pass < 2; ++pass) {
    guide = std::move(smoothed);
    if (pass == 1 && keys.size() >= 2) {
      // Backward from the last key, started with the mean motion between the
      // last two keys, as the forward run is with the first two.
      const TrackKey& last = keys[keys.size() - 1];
      const TrackKey& before = keys[keys.size() - 2];
      std::optional<MotionSeed> backSeed;
      if (last.timeS > before.timeS)
        backSeed = seedFromBoxes(last.box, before.box, last.timeS - before.timeS);
      smoothed = smoothBackward(times, lastKeyStep, observe, *guide, options, backSeed);
    } else {
      smoothed = smoothBoxTrack(times, observe, options.model, options.limits, lastKeyStep,
                                std::max(1, options.maxMissedFits), seed);
    }
  }

  for (std::size_t k : smoothed.flips) {
    fill.warnings.push_back("keyframe at frame " + std::to_string(steps[k].frame) +
                            " faces the other way from the track (heading flip); filled with the "
                            "track's heading");
  }
  double worst = -1.0;
  for (std::size_t k = 0; k < smoothed.state.size(); ++k) {
    if (steps[k].key != nullptr) continue;
    const BoxCovariance& P = smoothed.covariance[k];
    FilledBox box;
    box.frame = steps[k].frame;
    box.box = boxOfState(smoothed.state[k]);
    box.source = smoothed.observed[k] ? InstanceSource::Fitted
                 : k > lastKeyStep    ? InstanceSource::Predicted
                                      : InstanceSource::Interpolated;
    box.positionStd =
        std::sqrt(std::max(0.0, P(box_state::kX, box_state::kX) + P(box_state::kY, box_state::kY)));
    box.yawStd = std::sqrt(std::max(0.0, P(box_state::kYaw, box_state::kYaw)));
    if (*box.positionStd > worst) {
      worst = *box.positionStd;
      fill.suggestedKey = box.frame;
    }
    fill.boxes.push_back(box);
  }
  return fill;
}

}  // namespace

Eigen::Vector3d reconcileTrackSize(std::span<const TrackKey> keys,
                                   std::vector<std::string>& warnings) {
  Eigen::Vector3d median;
  std::vector<double> values(keys.size());
  for (int axis = 0; axis < 3; ++axis) {
    for (std::size_t i = 0; i < keys.size(); ++i)
      values[i] = keys[i].box.size(axis);
    std::nth_element(values.begin(),
                     values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2), values.end());
    median(axis) = values[values.size() / 2];
  }
  for (const TrackKey& key : keys) {
    const Eigen::Vector3d diff = (key.box.size - median).cwiseAbs();
    if ((diff.array() > 0.10 && diff.array() > 0.05 * median.array()).any()) {
      warnings.push_back("keyframe at frame " + std::to_string(key.frame) + " is " +
                         sizeText(key.box.size) + ", the track's size is " + sizeText(median) +
                         " (one rigid object keeps one size; filled with the track's)");
    }
  }
  return median;
}

Result<TrackFill> fillTrack(std::span<const TrackKey> keys, std::span<const FillTarget> targets,
                            const FillOptions& options) {
  if (auto ok = checkInput(keys, targets, options); !ok) return ok.error();
  switch (options.method) {
    case FillMethod::Copy:
      return fillCopy(keys, targets);
    case FillMethod::Linear:
      return fillLinear(keys, targets);
    case FillMethod::Kalman:
    case FillMethod::KalmanFit:
      return fillKalman(keys, targets, options);
  }
  return fillError("unknown fill method");
}

}  // namespace fuselabel
