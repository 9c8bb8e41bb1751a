// The fill methods on motions whose truth is known exactly.

#include "core/tracks/track_fill.hpp"

#include <gtest/gtest.h>

#include <numbers>

#include "core/geometry/angle.hpp"
#include "core/geometry/iou.hpp"
#include "core/tracks/box_smoother.hpp"
#include "tracks/track_motion.hpp"

namespace fuselabel {
namespace {

using test::circle;
using test::constantVelocity;
using test::keysAt;
using test::targetsEvery;

FillOptions withMethod(FillMethod method, MotionModel model = MotionModel::ConstantVelocity) {
  FillOptions options;
  options.method = method;
  options.model = model;
  return options;
}

double maxCentreError(const TrackFill& fill, const test::Motion& truth,
                      const std::vector<FillTarget>& targets) {
  double worst = 0.0;
  for (const FilledBox& box : fill.boxes) {
    const double t = targets.at(static_cast<std::size_t>(box.frame)).timeS;
    worst = std::max(worst, (box.box.center - truth(t).center).norm());
  }
  return worst;
}

TEST(TrackFill, ConstantVelocityIsFilledExactlyByBothKalmanModels) {
  const test::Motion truth = constantVelocity(8.0, 1.5);
  // Irregular keys: 0 s, 1.3 s, 4.0 s.
  const auto keys = keysAt(truth, {{0, 0.0}, {13, 1.3}, {40, 4.0}});
  const auto targets = targetsEvery(0.1, 4.0);
  for (MotionModel model : {MotionModel::ConstantVelocity, MotionModel::ConstantTurnRate}) {
    Result<TrackFill> fill = fillTrack(keys, targets, withMethod(FillMethod::Kalman, model));
    ASSERT_TRUE(fill) << fill.error().message;
    EXPECT_EQ(fill->boxes.size(), 41u - 3u);
    EXPECT_LT(maxCentreError(*fill, truth, targets), 1e-3) << toString(model);
    for (const FilledBox& box : fill->boxes) {
      EXPECT_NEAR(angleDifference(box.box.yaw(), std::atan2(1.5, 8.0)), 0.0, 1e-4);
      EXPECT_EQ(box.source, InstanceSource::Interpolated);
      EXPECT_TRUE((box.box.size - test::kCarSize).cwiseAbs().maxCoeff() < 1e-6);
    }
    EXPECT_TRUE(fill->warnings.empty());
  }
}

TEST(TrackFill, LinearUsesTimestampsNotFrameIndices) {
  const test::Motion truth = constantVelocity(10.0, 0.0);
  // Frames 0 and 3 with frame 1 captured late (0.9 s) and frame 2 at 0.95 s:
  // a dropped-sweep pattern like SUSTech's 950 → 965 → 970 → 975.
  const auto keys = keysAt(truth, {{0, 0.0}, {3, 1.0}});
  const std::vector<FillTarget> targets{{0, 0.0}, {1, 0.9}, {2, 0.95}, {3, 1.0}};
  for (FillMethod method : {FillMethod::Linear, FillMethod::Kalman}) {
    Result<TrackFill> fill = fillTrack(keys, targets, withMethod(method));
    ASSERT_TRUE(fill) << fill.error().message;
    ASSERT_EQ(fill->boxes.size(), 2u);
    EXPECT_NEAR(fill->boxes[0].box.center.x(), truth(0.9).center.x(), 1e-3) << toString(method);
    EXPECT_NEAR(fill->boxes[1].box.center.x(), truth(0.95).center.x(), 1e-3) << toString(method);
  }
}

TEST(TrackFill, CopyHoldsTheNearestEarlierKey) {
  const test::Motion truth = constantVelocity(5.0, 0.0);
  const auto keys = keysAt(truth, {{0, 0.0}, {5, 0.5}, {10, 1.0}});
  const auto targets = targetsEvery(0.1, 1.0);
  Result<TrackFill> fill = fillTrack(keys, targets, withMethod(FillMethod::Copy));
  ASSERT_TRUE(fill);
  ASSERT_EQ(fill->boxes.size(), 8u);
  for (const FilledBox& box : fill->boxes) {
    const double keyTime = box.frame < 5 ? 0.0 : 0.5;
    EXPECT_EQ(box.box.center, truth(keyTime).center) << "frame " << box.frame;
  }
}

TEST(TrackFill, LinearYawTakesTheShortestArc) {
  const double deg = std::numbers::pi / 180.0;
  std::vector<TrackKey> keys{
      {0, 0.0, Cuboid::fromYaw(Eigen::Vector3d::Zero(), test::kCarSize, 170.0 * deg)},
      {2, 0.2, Cuboid::fromYaw(Eigen::Vector3d(-2, 0, 0), test::kCarSize, -170.0 * deg)}};
  const std::vector<FillTarget> targets{{1, 0.1}};
  Result<TrackFill> fill = fillTrack(keys, targets, withMethod(FillMethod::Linear));
  ASSERT_TRUE(fill);
  ASSERT_EQ(fill->boxes.size(), 1u);
  EXPECT_NEAR(std::abs(fill->boxes[0].box.yaw()), std::numbers::pi, 1e-9);
}

TEST(TrackFill, AUTurnIsATurnNotAFlip) {
  // A half circle of radius 6 m at 3 m/s takes 2π s: plausible for a car.
  const test::Motion truth = circle(6.0, 3.0);
  const double end = 2.0 * std::numbers::pi;
  const auto targets = targetsEvery(0.1, end);
  const FrameIndex last = static_cast<FrameIndex>(targets.size() - 1);
  const auto keys = keysAt(truth, {{0, 0.0}, {last, targets.back().timeS}});
  for (MotionModel model : {MotionModel::ConstantVelocity, MotionModel::ConstantTurnRate}) {
    Result<TrackFill> fill = fillTrack(keys, targets, withMethod(FillMethod::Kalman, model));
    ASSERT_TRUE(fill) << fill.error().message;
    EXPECT_TRUE(fill->warnings.empty()) << fill->warnings.front();
    // Halfway the car faces +y (it turned left, the way it moved), not -y.
    const FilledBox& mid = fill->boxes[fill->boxes.size() / 2];
    EXPECT_NEAR(angleDifference(mid.box.yaw(), std::numbers::pi / 2.0), 0.0, 0.35)
        << toString(model) << " yaw " << mid.box.yaw();
  }
}

TEST(TrackFill, ConstantTurnRateFollowsACircleFromThreeKeys) {
  const test::Motion truth = circle(20.0, 10.0);
  const auto targets = targetsEvery(0.1, 3.0);
  const auto keys = keysAt(truth, {{0, 0.0}, {15, 1.5}, {30, 3.0}});
  Result<TrackFill> ctrv =
      fillTrack(keys, targets, withMethod(FillMethod::Kalman, MotionModel::ConstantTurnRate));
  Result<TrackFill> linear = fillTrack(keys, targets, withMethod(FillMethod::Linear));
  ASSERT_TRUE(ctrv);
  ASSERT_TRUE(linear);
  const double ctrvError = maxCentreError(*ctrv, truth, targets);
  const double linearError = maxCentreError(*linear, truth, targets);
  EXPECT_LT(ctrvError, 0.05);
  EXPECT_GT(linearError, 5.0 * ctrvError);
}

TEST(TrackFill, AKeyPlacedBackToFrontIsAFlip) {
  const test::Motion truth = constantVelocity(10.0, 0.0);
  auto keys = keysAt(truth, {{0, 0.0}, {1, 0.1}, {2, 0.2}, {4, 0.4}});
  keys[2].box = Cuboid::fromYaw(keys[2].box.center, keys[2].box.size, std::numbers::pi);
  const auto targets = targetsEvery(0.1, 0.4);
  Result<TrackFill> fill = fillTrack(keys, targets, withMethod(FillMethod::Kalman));
  ASSERT_TRUE(fill);
  ASSERT_EQ(fill->warnings.size(), 1u);
  EXPECT_NE(fill->warnings[0].find("frame 2"), std::string::npos) << fill->warnings[0];
  ASSERT_EQ(fill->boxes.size(), 1u);
  EXPECT_NEAR(fill->boxes[0].box.yaw(), 0.0, 0.02);
  EXPECT_NEAR(fill->boxes[0].box.center.x(), truth(0.3).center.x(), 0.01);
}

TEST(TrackFill, SizeConflictsAreReconciledAndReported) {
  const test::Motion truth = constantVelocity(5.0, 0.0);
  auto keys = keysAt(truth, {{0, 0.0}, {5, 0.5}, {10, 1.0}});
  keys[1].box.size.x() = 5.3;
  Result<TrackFill> fill = fillTrack(keys, targetsEvery(0.1, 1.0), withMethod(FillMethod::Linear));
  ASSERT_TRUE(fill);
  EXPECT_EQ(fill->size, test::kCarSize);
  ASSERT_EQ(fill->warnings.size(), 1u);
  EXPECT_NE(fill->warnings[0].find("frame 5"), std::string::npos);
  for (const FilledBox& box : fill->boxes)
    EXPECT_EQ(box.box.size, test::kCarSize);
}

TEST(TrackFill, UncertaintyPeaksInTheLongestGapAndSuggestsAKey) {
  const test::Motion truth = circle(30.0, 8.0);
  const auto targets = targetsEvery(0.1, 6.0);
  const auto keys = keysAt(truth, {{0, 0.0}, {5, 0.5}, {10, 1.0}, {60, 6.0}});
  Result<TrackFill> fill = fillTrack(keys, targets, withMethod(FillMethod::Kalman));
  ASSERT_TRUE(fill);
  ASSERT_TRUE(fill->suggestedKey);
  EXPECT_GT(*fill->suggestedKey, 25);
  EXPECT_LT(*fill->suggestedKey, 45);
  double nearKey = 0.0;
  double mid = 0.0;
  for (const FilledBox& box : fill->boxes) {
    ASSERT_TRUE(box.positionStd);
    if (box.frame == 11) nearKey = *box.positionStd;
    if (box.frame == *fill->suggestedKey) mid = *box.positionStd;
  }
  EXPECT_GT(mid, 5.0 * nearKey);
}

TEST(TrackFill, KalmanFitTakesFitsAndStopsWhenTheObjectIsLost) {
  const test::Motion truth = circle(15.0, 6.0);
  const auto targets = targetsEvery(0.1, 5.0);
  const auto keys = keysAt(truth, {{0, 0.0}, {20, 2.0}});
  FillOptions options = withMethod(FillMethod::KalmanFit);
  int calls = 0;
  // The object has points until 3.5 s, then leaves the sensor's view.
  options.fitter = [&](FrameIndex frame, const Cuboid& predicted) -> std::optional<FrameFit> {
    ++calls;
    EXPECT_EQ(predicted.size, test::kCarSize);
    const double t = targets.at(static_cast<std::size_t>(frame)).timeS;
    if (t > 3.5 + 1e-9) return std::nullopt;
    return FrameFit{truth(t)};
  };
  Result<TrackFill> fill = fillTrack(keys, targets, options);
  ASSERT_TRUE(fill) << fill.error().message;
  ASSERT_FALSE(fill->boxes.empty());
  EXPECT_EQ(fill->boxes.back().frame, 35);
  // Two guided passes: the inner frames each, and the forward one frames
  // 21..35 and two misses; in the forward one, on the 17 inner frames where
  // the keys alone (the circle's chord) lie more than 40 cm off, a second
  // fit from the running filter's prediction, which lands where it started.
  EXPECT_EQ(calls, 2 * 19 + 15 + 2 + 17);
  // Fits enter with a 15 cm sigma; the smoothed track stays within 10 cm of
  // the circle (the worst at the last fit, where only the past informs it).
  for (const FilledBox& box : fill->boxes) {
    EXPECT_EQ(box.source, InstanceSource::Fitted);
    EXPECT_LT((box.box.center - truth(0.1 * box.frame).center).norm(), 0.10) << box.frame;
    EXPECT_GT(iou3d(box.box, truth(0.1 * box.frame)), 0.9) << box.frame;
  }
}

TEST(TrackFill, KalmanFitComparesAFitAtItsCaptureTime) {
  // The object's points were captured 50 ms after each frame's time (the
  // LiDAR reached its azimuth late in the sweep): at 15 m/s, 75 cm further on.
  const test::Motion truth = test::constantVelocity(15.0, 0.0);
  const auto targets = targetsEvery(0.1, 2.0);
  const auto keys = keysAt(truth, {{0, 0.0}, {20, 2.0}});
  FillOptions options = withMethod(FillMethod::KalmanFit);
  options.fitter = [&](FrameIndex frame, const Cuboid&) -> std::optional<FrameFit> {
    const double t = targets.at(static_cast<std::size_t>(frame)).timeS + 0.05;
    Cuboid seen = truth(t);
    seen.center.y() += frame % 2 == 0 ? 0.1 : -0.1;  // fit noise
    return FrameFit{seen, 0.05, 1.0};
  };
  Result<TrackFill> fill = fillTrack(keys, targets, options);
  ASSERT_TRUE(fill);
  EXPECT_LT(maxCentreError(*fill, truth, targets), 0.06);
}

TEST(TrackFill, KalmanFitDropsAFitFarFromThePrediction) {
  const test::Motion truth = test::constantVelocity(10.0, 0.0);
  const auto targets = targetsEvery(0.1, 2.0);
  const auto keys = keysAt(truth, {{0, 0.0}, {20, 2.0}});
  FillOptions options = withMethod(FillMethod::KalmanFit);
  options.fitter = [&](FrameIndex frame, const Cuboid&) -> std::optional<FrameFit> {
    Cuboid seen = truth(targets.at(static_cast<std::size_t>(frame)).timeS);
    if (frame == 10) seen.center.y() += 4.0;  // snapped onto the neighbouring car
    return FrameFit{seen};
  };
  Result<TrackFill> fill = fillTrack(keys, targets, options);
  ASSERT_TRUE(fill);
  EXPECT_LT(maxCentreError(*fill, truth, targets), 0.01);
  EXPECT_EQ(fill->boxes[9].frame, 10);
  EXPECT_EQ(fill->boxes[9].source, InstanceSource::Interpolated);
}

// A fitter like the real one on a vehicle seen end-on: started within `reach`
// of the object it finds it; started further off it fits the roof rows alone
// and lands 3 m behind, with a fair score.
FrameFitter fitterThatNeedsAGoodStart(const test::Motion& truth,
                                      const std::vector<FillTarget>& targets, int& calls,
                                      double reach = 0.4) {
  return [&truth, &targets, &calls, reach](FrameIndex frame,
                                           const Cuboid& start) -> std::optional<FrameFit> {
    ++calls;
    const Cuboid real = truth(targets.at(static_cast<std::size_t>(frame)).timeS);
    if ((start.center - real.center).head<2>().norm() < reach) return FrameFit{real, 0.0, 0.7};
    Cuboid behind = real;
    behind.center -= 3.0 * real.rotation.toRotationMatrix().col(0);
    return FrameFit{behind, 0.0, 0.6};
  };
}

TEST(TrackFill, KalmanFitFindsTheMotionOfALoneKeyAndPropagates) {
  // One key on a car at 10 m/s: fitted from the key's own place, the next
  // frame's fit would land 3 m behind and the propagation stop there.
  const test::Motion truth = constantVelocity(10.0, 0.0);
  const auto targets = targetsEvery(0.1, 3.0);
  const auto keys = keysAt(truth, {{0, 0.0}});
  int calls = 0;
  FillOptions options = withMethod(FillMethod::KalmanFit);
  options.fitter = fitterThatNeedsAGoodStart(truth, targets, calls);
  const std::optional<MotionSeed> seed = seedFromNextFit(keys[0], test::kCarSize, 1, 0.1, options);
  ASSERT_TRUE(seed);
  EXPECT_LT((seed->velocity - Eigen::Vector3d(10.0, 0.0, 0.0)).norm(), 0.5);

  Result<TrackFill> fill = fillTrack(keys, targets, options);
  ASSERT_TRUE(fill) << fill.error().message;
  ASSERT_EQ(fill->boxes.size(), 30u);
  for (const FilledBox& box : fill->boxes) {
    EXPECT_EQ(box.source, InstanceSource::Fitted) << box.frame;
    EXPECT_GT(iou3d(box.box, truth(0.1 * box.frame)), 0.9) << box.frame;
  }
}

TEST(TrackFill, ALoneKeyOnAStillObjectSeedsNoMotion) {
  const test::Motion truth = constantVelocity(0.0, 0.0);
  const auto targets = targetsEvery(0.1, 1.0);
  const auto keys = keysAt(truth, {{0, 0.0}});
  int calls = 0;
  FillOptions options = withMethod(FillMethod::KalmanFit);
  options.fitter = fitterThatNeedsAGoodStart(truth, targets, calls);
  const std::optional<MotionSeed> seed = seedFromNextFit(keys[0], test::kCarSize, 1, 0.1, options);
  ASSERT_TRUE(seed);
  EXPECT_LT(seed->velocity.norm(), 1e-9);
  EXPECT_EQ(calls, 1);  // standing still is tried first, and holds
  // No start finds anything: no seed.
  options.fitter = [](FrameIndex, const Cuboid&) -> std::optional<FrameFit> {
    return std::nullopt;
  };
  EXPECT_FALSE(seedFromNextFit(keys[0], test::kCarSize, 1, 0.1, options));
}

TEST(TrackFill, KalmanFitPastTheKeysRefitsFromBesideALaggingPrediction) {
  // Keys at 0 and 1 s at 6 m/s, then the car speeds up at 6 m/s²: the
  // prediction past the last key falls behind by more than the fit's reach
  // (20 cm here). Starts half a metre and a metre either way still find it.
  const test::Motion truth = [](double t) {
    const double a = t > 1.0 ? 6.0 : 0.0;
    const double x = 6.0 * t + 0.5 * a * (t - 1.0) * (t - 1.0);
    return Cuboid::fromYaw(Eigen::Vector3d(x, 0.0, 0.8), test::kCarSize, 0.0);
  };
  const auto targets = targetsEvery(0.1, 3.0);
  const auto keys = keysAt(truth, {{0, 0.0}, {10, 1.0}});
  int calls = 0;
  FillOptions options = withMethod(FillMethod::KalmanFit);
  options.fitter = fitterThatNeedsAGoodStart(truth, targets, calls, 0.2);
  Result<TrackFill> fill = fillTrack(keys, targets, options);
  ASSERT_TRUE(fill) << fill.error().message;
  ASSERT_FALSE(fill->boxes.empty());
  EXPECT_EQ(fill->boxes.back().frame, 30);
  for (const FilledBox& box : fill->boxes)
    EXPECT_GT(iou3d(box.box, truth(0.1 * box.frame)), 0.8) << box.frame;
}

TEST(TrackFill, KalmanFitTracksFromAKeyWhereTheGuideBetweenKeysIsLost) {
  // 10 m/s for a second, then a hard brake (5 m/s²) to a stop at 3 s; keys
  // at 0 and 3 s only. The keys alone put the car 3 m behind itself at 1 s,
  // beyond the reach of a fit started there (40 cm here: no fit at all).
  // The forward filter, following its own fits from the first key, keeps it.
  const test::Motion truth = [](double t) {
    const double braking = std::clamp(t - 1.0, 0.0, 2.0);
    const double x = 10.0 * std::min(t, 1.0) + 10.0 * braking - 2.5 * braking * braking;
    return Cuboid::fromYaw(Eigen::Vector3d(x, 0.0, 0.8), test::kCarSize, 0.0);
  };
  const auto targets = targetsEvery(0.1, 3.0);
  const auto keys = keysAt(truth, {{0, 0.0}, {30, 3.0}});
  FillOptions options = withMethod(FillMethod::KalmanFit);
  options.fitter = [&](FrameIndex frame, const Cuboid& start) -> std::optional<FrameFit> {
    const Cuboid real = truth(targets.at(static_cast<std::size_t>(frame)).timeS);
    if ((start.center - real.center).head<2>().norm() >= 0.4) return std::nullopt;
    return FrameFit{real, 0.0, 0.7};
  };
  Result<TrackFill> kalman = fillTrack(keys, targets, withMethod(FillMethod::Kalman));
  ASSERT_TRUE(kalman);
  EXPECT_GT(maxCentreError(*kalman, truth, targets), 2.0);  // the guide is that far off
  Result<TrackFill> fill = fillTrack(keys, targets, options);
  ASSERT_TRUE(fill) << fill.error().message;
  ASSERT_EQ(fill->boxes.size(), 29u);
  for (const FilledBox& box : fill->boxes)
    EXPECT_GT(iou3d(box.box, truth(0.1 * box.frame)), 0.8) << box.frame;
}

// A car at 10 m/s that brakes at 5 m/s² from 1 s to a stop at 3 s and stands.
Cuboid brakingCar(double t) {
  const double braking = std::clamp(t - 1.0, 0.0, 2.0);
  const double x = 10.0 * std::min(t, 1.0) + 10.0 * braking - 2.5 * braking * braking;
  return Cuboid::fromYaw(Eigen::Vector3d(x, 0.0, 0.8), test::kCarSize, 0.0);
}

// A fit that finds the object from starts within `reach` of where it was at
// the frame's time, on the frames `seen` allows, and shows it `offsetS` later
// (when its points were captured); elsewhere nothing.
FrameFitter fitterWithReach(const test::Motion& truth, const std::vector<FillTarget>& targets,
                            double reach, double offsetS,
                            std::function<bool(FrameIndex)> seen = {}) {
  return [&truth, &targets, reach, offsetS, seen](FrameIndex frame,
                                                  const Cuboid& start) -> std::optional<FrameFit> {
    if (seen && !seen(frame)) return std::nullopt;
    const double t = targets.at(static_cast<std::size_t>(frame)).timeS;
    if ((start.center - truth(t).center).head<2>().norm() >= reach) return std::nullopt;
    return FrameFit{truth(t + offsetS), offsetS, 0.9};
  };
}

TEST(TrackFill, KalmanFitTracksBetweenKeysAnObjectSeenLateInTheSweep) {
  // The braking car's points are captured 50 ms after each frame's time:
  // at 10 m/s its fit lies 50 cm ahead of where it was at that time. Started
  // on the object, the fit lands where it started once that motion is
  // allowed for; compared with the start alone it seemed to slip 50 cm,
  // beyond the 40 cm of "lands where it started", and no fit was taken
  // between the keys, 3 s apart.
  const test::Motion truth = brakingCar;
  const auto targets = targetsEvery(0.1, 3.0);
  const auto keys = keysAt(truth, {{0, 0.0}, {30, 3.0}});
  FillOptions options = withMethod(FillMethod::KalmanFit);
  options.fitter = fitterWithReach(truth, targets, 0.4, 0.05);
  Result<TrackFill> fill = fillTrack(keys, targets, options);
  ASSERT_TRUE(fill) << fill.error().message;
  ASSERT_EQ(fill->boxes.size(), 29u);
  for (const FilledBox& box : fill->boxes) {
    EXPECT_EQ(box.source, InstanceSource::Fitted) << box.frame;
    EXPECT_GT(iou3d(box.box, truth(0.1 * box.frame)), 0.8) << box.frame;
  }
}

TEST(TrackFill, KalmanFitPrefersATrackedFitToAGuidedOneOnANeighbour) {
  // Between keys 3 s apart the keys alone put the braking car metres behind
  // itself, next to a car parked a metre to its left. The fit from there
  // snaps onto the parked car, within the guide's gate but a metre from
  // where it started; the fit from the running filter's prediction lands
  // where it started, on the braking car, and is taken instead.
  const test::Motion truth = brakingCar;
  const auto targets = targetsEvery(0.1, 3.0);
  const auto keys = keysAt(truth, {{0, 0.0}, {30, 3.0}});
  const Cuboid parked = Cuboid::fromYaw(Eigen::Vector3d(11.0, 1.0, 0.8), test::kCarSize, 0.0);
  const FrameFitter onTheCar = fitterWithReach(truth, targets, 0.4, 0.0);
  FillOptions options = withMethod(FillMethod::KalmanFit);
  options.fitter = [&](FrameIndex frame, const Cuboid& start) -> std::optional<FrameFit> {
    if (std::optional<FrameFit> car = onTheCar(frame, start)) return car;
    if ((start.center - parked.center).head<2>().norm() < 1.5) return FrameFit{parked, 0.0, 0.9};
    return std::nullopt;
  };
  Result<TrackFill> fill = fillTrack(keys, targets, options);
  ASSERT_TRUE(fill) << fill.error().message;
  ASSERT_EQ(fill->boxes.size(), 29u);
  for (const FilledBox& box : fill->boxes)
    EXPECT_GT(iou3d(box.box, truth(0.1 * box.frame)), 0.8) << box.frame;
}

TEST(TrackFill, KalmanFitTracksBackwardFromTheLastKey) {
  // The braking car is out of view until 1.5 s, then seen to the last key
  // at 3 s. Nothing carries the first key forward to where it appears (the
  // keys' mean motion puts it 4 m behind itself by then, beyond the fit's
  // reach of a metre); from the last key, tracking backward, every seen
  // frame is fitted.
  const test::Motion truth = brakingCar;
  const auto targets = targetsEvery(0.1, 3.0);
  const auto keys = keysAt(truth, {{0, 0.0}, {30, 3.0}});
  FillOptions options = withMethod(FillMethod::KalmanFit);
  options.fitter =
      fitterWithReach(truth, targets, 1.0, 0.0, [](FrameIndex frame) { return frame >= 15; });
  Result<TrackFill> fill = fillTrack(keys, targets, options);
  ASSERT_TRUE(fill) << fill.error().message;
  ASSERT_EQ(fill->boxes.size(), 29u);
  for (const FilledBox& box : fill->boxes) {
    if (box.frame < 15) continue;
    EXPECT_EQ(box.source, InstanceSource::Fitted) << box.frame;
    EXPECT_GT(iou3d(box.box, truth(0.1 * box.frame)), 0.8) << box.frame;
  }
}

TEST(TrackFill, AFitLandsWhereItStartedAtItsCaptureTime) {
  // Started where a car at 10 m/s is at the frame's time; its points were
  // captured 50 ms later, 50 cm further on, where the fit puts it.
  const Cuboid start = Cuboid::fromYaw(Eigen::Vector3d(5.0, 1.0, 0.8), test::kCarSize, 0.0);
  const Eigen::Vector3d velocity(10.0, 0.0, 0.0);
  FrameFit seenLate{Cuboid::fromYaw(Eigen::Vector3d(5.5, 1.0, 0.8), test::kCarSize, 0.0), 0.05};
  EXPECT_TRUE(fitLandsAt(seenLate, start, velocity));
  // Standing still, the same fit moved half a metre: it found something else.
  EXPECT_FALSE(fitLandsAt(seenLate, start, Eigen::Vector3d::Zero()));
  // Seen at the frame's time, half a metre on is half a metre off.
  seenLate.timeOffsetS = 0.0;
  EXPECT_FALSE(fitLandsAt(seenLate, start, velocity));
}

TEST(TrackFill, ATrackedFitIsRefittedFromWhereItLandedAlongTheHeading) {
  const Cuboid start = Cuboid::fromYaw(Eigen::Vector3d(20.0, 0.0, 0.8), test::kCarSize, 0.0);
  const Eigen::Vector3d still = Eigen::Vector3d::Zero();
  // The object is a metre behind the prediction (it braked); a fit started
  // within 1.5 m of it lands on it.
  const auto fitterOnto = [](const Cuboid& object) -> FrameFitter {
    return [object](FrameIndex, const Cuboid& from) -> std::optional<FrameFit> {
      if ((from.center - object.center).norm() > 1.5) return std::nullopt;
      return FrameFit{object};
    };
  };
  const Cuboid behind = Cuboid::fromYaw(Eigen::Vector3d(19.0, 0.0, 0.8), test::kCarSize, 0.0);
  const std::optional<FrameFit> braked = trackedFit(fitterOnto(behind), 3, start, still);
  ASSERT_TRUE(braked);
  EXPECT_LT((braked->box.center - behind.center).norm(), 1e-9);
  // A parked car a metre to the side is a fixed point too, but not the one
  // the prediction lost along its heading.
  const Cuboid beside = Cuboid::fromYaw(Eigen::Vector3d(20.0, 1.0, 0.8), test::kCarSize, 0.0);
  EXPECT_FALSE(trackedFit(fitterOnto(beside), 3, start, still));
  // A fit that keeps sliding (each start pulls it a metre further) found nothing.
  const FrameFitter sliding = [](FrameIndex, const Cuboid& from) -> std::optional<FrameFit> {
    Cuboid moved = from;
    moved.center.x() -= 1.0;
    return FrameFit{moved};
  };
  EXPECT_FALSE(trackedFit(sliding, 3, start, still));
  // A fit that lands where it started is taken as it is, with one call.
  int calls = 0;
  const FrameFitter onTheSpot = [&](FrameIndex, const Cuboid& from) -> std::optional<FrameFit> {
    ++calls;
    return FrameFit{from};
  };
  EXPECT_TRUE(trackedFit(onTheSpot, 3, start, still));
  EXPECT_EQ(calls, 1);
}

TEST(BoxSmoother, DecoupledConstantVelocityEqualsTheFullStateFilter) {
  // Irregular steps, keys, fits with time offsets, one outlier, one flip.
  const test::Motion truth = circle(25.0, 9.0);
  std::vector<double> times;
  for (int i = 0; i <= 40; ++i)
    times.push_back(0.1 * i + (i % 5 == 2 ? 0.03 : 0.0));
  const ObservationSource observe = [&](std::size_t k, const Cuboid&,
                                        const Eigen::Vector3d&) -> std::optional<BoxObservation> {
    if (k % 10 == 0) return BoxObservation{truth(times[k])};
    if (k % 3 == 0) return std::nullopt;
    Cuboid seen = truth(times[k] + 0.04);
    seen.center.y() += k == 17 ? 6.0 : 0.05 * std::sin(static_cast<double>(k));
    if (k == 22) seen = Cuboid::fromYaw(seen.center, seen.size, seen.yaw() + std::numbers::pi);
    return BoxObservation{seen, 0.15, 0.05, 0.5, 0.04, true};
  };
  const MotionLimits limits;
  const MotionSeed seed = seedFromBoxes(truth(times[0]), truth(times[10]), times[10] - times[0]);
  const SmoothedTrack fast =
      smoothBoxTrack(times, observe, MotionModel::ConstantVelocity, limits, 30, 2, seed);
  const SmoothedTrack full =
      smoothBoxTrackFullState(times, observe, MotionModel::ConstantVelocity, limits, 30, 2, seed);
  ASSERT_EQ(fast.state.size(), full.state.size());
  EXPECT_EQ(fast.flips, full.flips);
  EXPECT_EQ(fast.rejected, full.rejected);
  EXPECT_EQ(fast.rejected, std::vector<std::size_t>{17});
  for (std::size_t k = 0; k < fast.state.size(); ++k) {
    EXPECT_LT((fast.state[k] - full.state[k]).cwiseAbs().maxCoeff(), 1e-8) << k;
    EXPECT_LT((fast.covariance[k] - full.covariance[k]).cwiseAbs().maxCoeff(), 1e-8) << k;
  }
}

TEST(TrackFill, RejectsBadInput) {
  const test::Motion truth = constantVelocity(5.0, 0.0);
  EXPECT_FALSE(fillTrack({}, targetsEvery(0.1, 1.0), withMethod(FillMethod::Linear)));
  auto unordered = keysAt(truth, {{5, 0.5}, {0, 0.0}});
  Result<TrackFill> r =
      fillTrack(unordered, targetsEvery(0.1, 1.0), withMethod(FillMethod::Linear));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("time order"), std::string::npos);
  auto keys = keysAt(truth, {{0, 0.0}, {5, 0.5}});
  Result<TrackFill> noFitter =
      fillTrack(keys, targetsEvery(0.1, 1.0), withMethod(FillMethod::KalmanFit));
  ASSERT_FALSE(noFitter);
  EXPECT_NE(noFitter.error().message.find("fitter"), std::string::npos);
  keys[1].box.size.x() = std::nan("");
  EXPECT_FALSE(fillTrack(keys, targetsEvery(0.1, 1.0), withMethod(FillMethod::Kalman)));
}

}  // namespace
}  // namespace fuselabel
