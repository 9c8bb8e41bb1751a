// The simulated annotator: keys until every instance reaches the IoU, and
// the fill methods rank as the motions say they should.

#include "core/tracks/annotator_effort.hpp"

#include <gtest/gtest.h>

#include "core/annotation/commands/object_commands.hpp"
#include "tracks/track_motion.hpp"

namespace fuselabel {
namespace {

Document truthOf(const std::vector<test::Motion>& motions, int frames) {
  DocumentInfo info;
  for (int f = 0; f < frames; ++f)
    info.frameTimestampsNs.push_back(f * 100'000'000LL);
  Document doc(info);
  std::int64_t id = 1;
  for (const test::Motion& motion : motions) {
    Track track;
    track.object = Object{ObjectId{id}, static_cast<std::int32_t>(id), "car", {}};
    ++id;
    for (int f = 0; f < frames; ++f) {
      Instance i;
      i.frame = f;
      i.geometry = motion(0.1 * f);
      track.instances.push_back(i);
    }
    EXPECT_TRUE(AddObjectCommand(std::move(track)).apply(doc));
  }
  return doc;
}

EffortReport simulate(const Document& truth, FillMethod method) {
  EffortOptions options;
  options.method = method;
  Result<EffortReport> report = simulateAnnotator(truth, options);
  EXPECT_TRUE(report) << report.error().message;
  return report ? *report : EffortReport{};
}

TEST(AnnotatorEffort, ConstantVelocityNeedsOnlyTheFirstAndLastKey) {
  const Document truth = truthOf({test::constantVelocity(12.0, 1.0)}, 50);
  for (FillMethod method : {FillMethod::Linear, FillMethod::Kalman}) {
    const EffortReport report = simulate(truth, method);
    EXPECT_EQ(report.total.keyed, 2) << toString(method);
    EXPECT_EQ(report.total.instances, 50);
    EXPECT_LT(report.total.meanCentreError(), 1e-3);
  }
  const EffortReport copy = simulate(truth, FillMethod::Copy);
  // 12 m/s and a 4.5 m car: IoU 0.7 is lost after about 0.4 s of copying.
  EXPECT_GT(copy.total.keyed, 10);
}

TEST(AnnotatorEffort, EveryInstanceEndsAboveTheThresholdAndTurnsFavourTheFilter) {
  const Document truth = truthOf(
      {test::circle(15.0, 8.0), test::circle(40.0, 14.0), test::constantVelocity(3.0, 0.0)}, 80);
  const EffortReport linear = simulate(truth, FillMethod::Linear);
  const EffortReport kalman = simulate(truth, FillMethod::Kalman);
  const EffortReport copy = simulate(truth, FillMethod::Copy);
  EXPECT_EQ(linear.total.instances, 240);
  EXPECT_LE(kalman.total.keyed, linear.total.keyed);
  EXPECT_LT(linear.total.keyed, copy.total.keyed);
  EXPECT_GE(kalman.total.keyed, 6);
  ASSERT_EQ(kalman.perClass.size(), 1u);
  EXPECT_EQ(kalman.perClass[0].className, "car");
  EXPECT_EQ(kalman.perClass[0].tracks, 3);
}

TEST(AnnotatorEffort, TheAnnotatorStartsFromTheFirstKeyAlone) {
  // A car seen by the sensor on every frame: kalman-fit propagates from the
  // first key with fits, so nothing else needs a key; linear and kalman fill
  // nothing past their only key, and the unfilled instance farthest from it
  // (the last) is keyed next.
  const test::Motion motion = test::constantVelocity(12.0, 1.0);
  const Document truth = truthOf({motion}, 50);
  for (FillMethod method : {FillMethod::Linear, FillMethod::Kalman})
    EXPECT_EQ(simulate(truth, method).total.keyed, 2) << toString(method);

  EffortOptions options;
  options.method = FillMethod::KalmanFit;
  options.keyLastUpFront = false;
  int lastFitFrame = 49;
  options.fitterFor = [&](const Object&) -> FrameFitter {
    return [&](FrameIndex frame, const Cuboid&) -> std::optional<FrameFit> {
      if (frame > lastFitFrame) return std::nullopt;
      return FrameFit{motion(0.1 * frame)};
    };
  };
  Result<EffortReport> seen = simulateAnnotator(truth, options);
  ASSERT_TRUE(seen) << seen.error().message;
  EXPECT_EQ(seen->total.keyed, 1);
  EXPECT_EQ(seen->total.finalFillCount, 49);
  EXPECT_LT(seen->total.meanCentreError(), 0.05);

  // The object leaves the sensor's view after frame 30: the fill stops two
  // frames later, and the annotator keys the end of the track, not frame 31.
  lastFitFrame = 30;
  Result<EffortReport> lost = simulateAnnotator(truth, options);
  ASSERT_TRUE(lost) << lost.error().message;
  EXPECT_EQ(lost->total.keyed, 2);
  // Issue 7's protocol keys the last instance up front: two keys, whatever
  // the fill could have reached.
  options.keyLastUpFront = true;
  lastFitFrame = 49;
  Result<EffortReport> ends = simulateAnnotator(truth, options);
  ASSERT_TRUE(ends) << ends.error().message;
  EXPECT_EQ(ends->total.keyed, 2);
}

}  // namespace
}  // namespace fuselabel
