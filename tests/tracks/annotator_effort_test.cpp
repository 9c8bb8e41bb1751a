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

}  // namespace
}  // namespace fuselabel
