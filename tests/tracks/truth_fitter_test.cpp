// The effort benchmark's oracle: the true box where the truth saw enough
// points, nothing elsewhere.

#include "core/tracks/truth_fitter.hpp"

#include <gtest/gtest.h>

#include "core/annotation/commands/object_commands.hpp"
#include "core/tracks/annotator_effort.hpp"
#include "tracks/track_motion.hpp"

namespace fuselabel {
namespace {

// One car at 12 m/s over `frames` frames 0.1 s apart; frame f has
// `pointsAt(f)` points (a negative count: no num_points attribute).
Document truthOf(const test::Motion& motion, int frames, const std::function<int(int)>& pointsAt) {
  DocumentInfo info;
  for (int f = 0; f < frames; ++f)
    info.frameTimestampsNs.push_back(f * 100'000'000LL);
  Document doc(info);
  Track track;
  track.object = Object{ObjectId{7}, 7, "car", {}};
  for (int f = 0; f < frames; ++f) {
    Instance i;
    i.frame = f;
    i.geometry = motion(0.1 * f);
    if (pointsAt(f) >= 0) i.attributes.set("num_points", static_cast<double>(pointsAt(f)));
    track.instances.push_back(i);
  }
  EXPECT_TRUE(AddObjectCommand(std::move(track)).apply(doc));
  return doc;
}

TEST(TruthFitter, GivesTheTrueBoxOnlyWhereTheTruthHasEnoughPoints) {
  const test::Motion motion = test::constantVelocity(12.0, 1.0);
  const std::vector<int> points{0, 5, 12, -1};
  const Document truth = truthOf(motion, 4, [&](int f) { return points[f]; });
  const Object& car = truth.tracks().front().object;
  const Cuboid start = motion(0.0);

  const FrameFitter five = truthFitterFactory(truth, 5)(car);
  EXPECT_FALSE(five(0, start));
  for (FrameIndex frame : {1, 2}) {
    const std::optional<FrameFit> fit = five(frame, start);
    ASSERT_TRUE(fit) << frame;
    EXPECT_LT((fit->box.center - motion(0.1 * frame).center).norm(), 1e-9);
    EXPECT_EQ(fit->timeOffsetS, 0.0);
    EXPECT_EQ(fit->quality, 1.0);
  }
  // No point count: the truth does not say the sensor saw it.
  EXPECT_FALSE(five(3, start));
  // Past the track and for an object the truth lacks: nothing.
  EXPECT_FALSE(five(4, start));
  EXPECT_FALSE(truthFitterFactory(truth, 0)(Object{ObjectId{8}, 8, "car", {}})(1, start));

  const FrameFitter ten = truthFitterFactory(truth, 10)(car);
  EXPECT_FALSE(ten(1, start));
  EXPECT_TRUE(ten(2, start));
}

// Distance along the road of a car queued at a light: 12 m/s, brakes at
// 4 m/s² from 3 s to a stop at 6 s, waits to 8 s, back to 12 m/s by 11 s.
double queuedCarDistance(double t) {
  const auto ramp = [](double dt) { return 2.0 * dt * dt; };  // half of 4 m/s² × dt²
  if (t < 3.0) return 12.0 * t;
  if (t < 6.0) return 36.0 + 12.0 * (t - 3.0) - ramp(t - 3.0);
  if (t < 8.0) return 54.0;
  if (t < 11.0) return 54.0 + ramp(t - 8.0);
  return 72.0 + 12.0 * (t - 11.0);
}

TEST(TruthFitter, KalmanFitWithTheOracleKeysOnlyWhereNoPointsWere) {
  // The sensor sees the car for its first 2.5 s and its last 2 s, not
  // while it stops and starts again. Perfect fits carry kalman-fit through
  // the seen stretches, but the unseen stop needs keys of its own.
  const test::Motion queued = [](double t) {
    return Cuboid::fromYaw(Eigen::Vector3d(queuedCarDistance(t), 0.0, 0.8), test::kCarSize, 0.0);
  };
  const Document truth = truthOf(queued, 130, [](int f) { return f < 25 || f >= 110 ? 50 : 3; });
  EffortOptions options;
  options.method = FillMethod::KalmanFit;
  options.fitterFor = truthFitterFactory(truth, 10);
  Result<EffortReport> oracle = simulateAnnotator(truth, options);
  ASSERT_TRUE(oracle) << oracle.error().message;
  options.method = FillMethod::Kalman;
  Result<EffortReport> kalman = simulateAnnotator(truth, options);
  ASSERT_TRUE(kalman) << kalman.error().message;
  // 5 keys against 9 on this car.
  EXPECT_LT(oracle->total.keyed, kalman->total.keyed);
  EXPECT_GT(oracle->total.keyed, 2);
  // Asking for more points than any frame has, the oracle fits nothing and
  // kalman-fit keys what kalman keys.
  options.method = FillMethod::KalmanFit;
  options.fitterFor = truthFitterFactory(truth, 51);
  Result<EffortReport> blind = simulateAnnotator(truth, options);
  ASSERT_TRUE(blind) << blind.error().message;
  EXPECT_EQ(blind->total.keyed, kalman->total.keyed);
}

}  // namespace
}  // namespace fuselabel
