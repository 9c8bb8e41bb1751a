// Keyboard nudges of a box: each moves, turns or resizes exactly one step,
// along the box's own axes, and undoing the opposite nudge restores it.

#include "app/gui/scene/box_nudge.hpp"

#include <gtest/gtest.h>

#include <numbers>

namespace fuselabel::gui {
namespace {

Cuboid heading(double yaw) {
  return Cuboid::fromYaw({10.0, 2.0, 0.8}, {4.5, 1.9, 1.6}, yaw);
}

TEST(BoxNudge, MovesAlongTheBoxsOwnAxes) {
  const Cuboid box = heading(std::numbers::pi / 2.0);  // facing +y
  const Cuboid forward = nudged(box, Nudge::Forward, false);
  EXPECT_NEAR(forward.center.x(), 10.0, 1e-12);
  EXPECT_NEAR(forward.center.y(), 2.05, 1e-12);
  const Cuboid left = nudged(box, Nudge::Left, true);
  EXPECT_NEAR(left.center.x(), 9.5, 1e-12) << "left of a box facing +y is -x";
  const Cuboid up = nudged(box, Nudge::Up, false);
  EXPECT_NEAR(up.center.z(), 0.85, 1e-12);
  EXPECT_TRUE(up.size == box.size);
}

TEST(BoxNudge, TurnsAndFlipsAboutTheVertical) {
  const Cuboid box = heading(0.3);
  EXPECT_NEAR(nudged(box, Nudge::TurnLeft, false).yaw(), 0.3 + 0.5 * std::numbers::pi / 180.0,
              1e-12);
  EXPECT_NEAR(nudged(box, Nudge::TurnRight, true).yaw(), 0.3 - 5.0 * std::numbers::pi / 180.0,
              1e-12);
  const Cuboid flipped = nudged(box, Nudge::FlipHeading, false);
  EXPECT_NEAR(flipped.yaw(), 0.3 - std::numbers::pi, 1e-12);
  EXPECT_TRUE(flipped.center == box.center);
  const Cuboid back = nudged(flipped, Nudge::FlipHeading, false);
  EXPECT_NEAR(back.yaw(), 0.3, 1e-12);
}

TEST(BoxNudge, ResizesOneAxisAndNeverBelowTheMinimum) {
  const Cuboid box = heading(0.0);
  EXPECT_NEAR(nudged(box, Nudge::Longer, false).size.x(), 4.55, 1e-12);
  EXPECT_NEAR(nudged(box, Nudge::Narrower, true).size.y(), 1.4, 1e-12);
  EXPECT_NEAR(nudged(box, Nudge::Taller, false).size.z(), 1.65, 1e-12);
  Cuboid tiny = box;
  tiny.size = {0.06, 0.06, 0.06};
  EXPECT_NEAR(nudged(tiny, Nudge::Shorter, true).size.x(), 0.05, 1e-12);
  // A nudge and its opposite cancel.
  const Cuboid there = nudged(nudged(box, Nudge::Right, false), Nudge::Left, false);
  EXPECT_LT((there.center - box.center).norm(), 1e-12);
}

}  // namespace
}  // namespace fuselabel::gui
