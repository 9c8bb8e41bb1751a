// Motion checks flag what a physical object cannot do, at the right frame.

#include "core/tracks/motion_check.hpp"

#include <gtest/gtest.h>

#include <numbers>

#include "core/annotation/commands/object_commands.hpp"
#include "tracks/track_motion.hpp"

namespace fuselabel {
namespace {

Document documentOf(const std::vector<Cuboid>& boxes, const std::string& className) {
  DocumentInfo info;
  for (std::size_t f = 0; f < boxes.size(); ++f)
    info.frameTimestampsNs.push_back(static_cast<std::int64_t>(f) * 100'000'000LL);
  Document doc(info);
  Track track;
  track.object = Object{ObjectId{1}, 4, className, {}};
  for (std::size_t f = 0; f < boxes.size(); ++f) {
    Instance i;
    i.frame = static_cast<FrameIndex>(f);
    i.geometry = boxes[f];
    track.instances.push_back(i);
  }
  EXPECT_TRUE(AddObjectCommand(std::move(track)).apply(doc));
  return doc;
}

std::vector<Cuboid> drive(int frames, const test::Motion& motion) {
  std::vector<Cuboid> boxes;
  for (int f = 0; f < frames; ++f)
    boxes.push_back(motion(0.1 * f));
  return boxes;
}

TEST(MotionCheck, APlausibleDriveHasNoFinding) {
  const Document doc = documentOf(drive(30, test::circle(25.0, 12.0)), "car");
  EXPECT_TRUE(checkTrackMotion(doc, {}).empty());
}

TEST(MotionCheck, AJumpIsASpeedAndAccelerationFindingAtItsFrame) {
  std::vector<Cuboid> boxes = drive(10, test::constantVelocity(10.0, 0.0));
  for (std::size_t f = 6; f < boxes.size(); ++f)
    boxes[f].center.x() += 9.0;  // a 9 m jump into frame 6
  const std::vector<MotionFinding> findings = checkTrackMotion(documentOf(boxes, "car"), {});
  ASSERT_FALSE(findings.empty());
  bool speed = false;
  for (const MotionFinding& f : findings) {
    EXPECT_TRUE(f.frame == 6 || f.frame == 7) << f.message;
    if (f.issue == MotionIssue::Speed) {
      speed = true;
      EXPECT_NEAR(f.value, 100.0, 1e-6);
      EXPECT_NE(f.message.find("car 4, frame 6: speed 100.00 m/s > 70.00 m/s"), std::string::npos)
          << f.message;
    }
  }
  EXPECT_TRUE(speed);
}

TEST(MotionCheck, PedestrianLimitsAreTighterThanCars) {
  const std::vector<Cuboid> boxes = drive(10, test::constantVelocity(15.0, 0.0));
  EXPECT_TRUE(checkTrackMotion(documentOf(boxes, "car"), {}).empty());
  EXPECT_FALSE(checkTrackMotion(documentOf(boxes, "pedestrian"), {}).empty());
}

TEST(MotionCheck, FlipsSizeChangesAndBoxesBelowTheGround) {
  std::vector<Cuboid> boxes = drive(8, test::constantVelocity(5.0, 0.0));
  boxes[3] = Cuboid::fromYaw(boxes[3].center, boxes[3].size, std::numbers::pi);
  boxes[5].size.x() += 0.4;
  boxes[7].center.z() -= 0.5;
  MotionCheckOptions options;
  options.ground = [](FrameIndex, double, double) -> std::optional<double> { return 0.0; };
  const std::vector<MotionFinding> findings = checkTrackMotion(documentOf(boxes, "car"), options);
  auto has = [&](MotionIssue issue, FrameIndex frame) {
    return std::any_of(findings.begin(), findings.end(), [&](const MotionFinding& f) {
      return f.issue == issue && f.frame == frame;
    });
  };
  EXPECT_TRUE(has(MotionIssue::HeadingFlip, 3));
  EXPECT_TRUE(has(MotionIssue::SizeChange, 5));
  EXPECT_TRUE(has(MotionIssue::BelowGround, 7));
  EXPECT_FALSE(has(MotionIssue::BelowGround, 6));
}

}  // namespace
}  // namespace fuselabel
