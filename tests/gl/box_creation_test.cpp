// New boxes from the GUI's tools, on hand-made sweeps: a one-click on the
// middle of a car seen end-on (a near face and a far roof edge, nothing
// between) still boxes the whole car; a dragged footprint gets its bottom on
// the ground and its top at the highest point inside; a tiny drag and a drag
// over nothing are clear errors or sensible defaults; the ground under a spot
// follows a slope.

#include "app/gui/scene/box_creation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "core/fitting/sweep_index.hpp"
#include "core/geometry/iou.hpp"

namespace fuselabel::gui {
namespace {

void addGround(PointCloud& cloud, double cx, double cy, double half, double slope = 0.0) {
  for (double x = cx - half; x <= cx + half; x += 0.25) {
    for (double y = cy - half; y <= cy + half; y += 0.25) {
      cloud.append(static_cast<float>(x), static_cast<float>(y), static_cast<float>(slope * x),
                   0.0F);
    }
  }
}

// `world` points (ground at z = 0) as a sensor 1.8 m above the origin sees them.
IndexedSweep indexed(const PointCloud& world) {
  PointCloud sensor;
  for (std::size_t i = 0; i < world.size(); ++i) {
    sensor.append(world.x()[i], world.y()[i], world.z()[i] - 1.8F, 0.0F);
  }
  IndexedSweep sweep;
  sweep.index = SweepIndex::build(sensor, Eigen::Isometry3d(Eigen::Translation3d(0, 0, 1.8)));
  return sweep;
}

TEST(BoxCreation, OneClickOnTheMiddleOfACarSeenEndOnBoxesTheWholeCar) {
  // A car 20 m behind the sensor, seen end-on: its front face (x = -17.8)
  // scanned densely, its roof only as one row at the far end (x = -22).
  const Cuboid truth = Cuboid::fromYaw({-20.0, 0.5, 0.72}, {4.4, 1.85, 1.44}, 0.0);
  PointCloud cloud;
  addGround(cloud, -20.0, 0.5, 12.0);
  for (double y = -0.4; y <= 1.4; y += 0.06) {
    for (double z = 0.35; z <= 1.4; z += 0.06) {
      cloud.append(-17.8F, static_cast<float>(y), static_cast<float>(z), 0.0F);
    }
    cloud.append(-22.1F, static_cast<float>(y), 1.43F, 0.0F);
  }
  const IndexedSweep sweep = indexed(cloud);
  const Eigen::Vector3d middle(-20.0, 0.5, 0.5);  // a click on the empty middle, from above
  auto box = oneClickBox(sweep, middle, "car", defaultLabelSchema(), kWideSeedRadius);
  ASSERT_TRUE(box) << box.error().message;
  EXPECT_EQ(box->className, "car");
  EXPECT_GT(box->points, 300u) << "both the face and the roof row belong to the car";
  EXPECT_LT((box->box.center - truth.center).head<2>().norm(), 0.5) << box->box.center.transpose();
  EXPECT_GT(iou3d(box->box, truth), 0.6);
}

TEST(BoxCreation, DraggedFootprintSnapsBottomToGroundAndTopToThePoints) {
  PointCloud cloud;
  addGround(cloud, 10.0, 0.0, 6.0);
  // A 1.2 m tall block (say a crate) at (10, 0), 1 x 0.8 m.
  for (double x = 9.5; x <= 10.5; x += 0.1) {
    for (double y = -0.4; y <= 0.4; y += 0.1) {
      for (double z = 0.3; z <= 1.2 + 1e-9; z += 0.1) {
        cloud.append(static_cast<float>(x), static_cast<float>(y), static_cast<float>(z), 0.0F);
      }
    }
  }
  const IndexedSweep sweep = indexed(cloud);
  auto box = boxFromGroundRectangle(sweep, {9.3, -0.6}, {10.7, 0.6}, 0.0, "other_object",
                                    defaultLabelSchema());
  ASSERT_TRUE(box) << box.error().message;
  EXPECT_NEAR(box->box.size.x(), 1.4, 1e-9) << "the footprint is what was dragged";
  EXPECT_NEAR(box->box.size.y(), 1.2, 1e-9);
  EXPECT_NEAR(box->box.size.z(), 1.2, 0.02) << "top at the highest point";
  EXPECT_NEAR(box->box.center.z() - 0.5 * box->box.size.z(), 0.0, 0.02) << "bottom on the ground";
  EXPECT_NEAR(box->box.center.x(), 10.0, 1e-9);
  EXPECT_EQ(box->className, "other_object");

  // Rotated 90°: corners given along the heading still make a 1.4 x 1.2 box.
  auto turned = boxFromGroundRectangle(sweep, {9.4, -0.7}, {10.6, 0.7}, std::numbers::pi / 2,
                                       "other_object", defaultLabelSchema());
  ASSERT_TRUE(turned);
  EXPECT_NEAR(turned->box.size.x(), 1.4, 1e-9);
  EXPECT_NEAR(turned->box.size.y(), 1.2, 1e-9);
}

TEST(BoxCreation, EmptyFootprintTakesTheClassHeightAndATinyDragIsAnError) {
  PointCloud cloud;
  addGround(cloud, 10.0, 0.0, 6.0);
  const IndexedSweep sweep = indexed(cloud);
  auto empty =
      boxFromGroundRectangle(sweep, {8.0, -1.0}, {12.5, 1.0}, 0.0, "car", defaultLabelSchema());
  ASSERT_TRUE(empty) << empty.error().message;
  const double typical = defaultLabelSchema().findClass("car")->size->typical.z();
  EXPECT_NEAR(empty->box.size.z(), typical, 1e-9);
  EXPECT_EQ(empty->points, 0u);
  auto tiny =
      boxFromGroundRectangle(sweep, {10.0, 0.0}, {10.05, 0.5}, 0.0, "car", defaultLabelSchema());
  ASSERT_FALSE(tiny);
  EXPECT_NE(tiny.error().message.find("20 cm"), std::string::npos) << tiny.error().message;
  const IndexedSweep nothing = indexed(PointCloud{});
  EXPECT_FALSE(boxFromGroundRectangle(nothing, {0, 0}, {2, 2}, 0.0, "car", defaultLabelSchema()));
}

TEST(BoxCreation, GroundUnderASpotFollowsASlope) {
  PointCloud cloud;
  addGround(cloud, 10.0, 0.0, 10.0, 0.05);  // 5 % up towards +x
  const IndexedSweep sweep = indexed(cloud);
  EXPECT_NEAR(groundHeightNear(sweep, {10.0, 0.0}), 0.5, 0.02);
  EXPECT_NEAR(groundHeightNear(sweep, {4.0, 2.0}), 0.2, 0.02);
  // No points at all: the assumed sensor height below the sensor.
  EXPECT_NEAR(groundHeightNear(indexed(PointCloud{}), {0.0, 0.0}), 1.8 - kAssumedSensorHeight,
              1e-9);
}

TEST(BoxCreation, NewTrackTakesAFreshIdAndNumberAndIsAKeyframe) {
  Document document;
  NewBox box;
  box.box = Cuboid::fromYaw({1, 2, 0.7}, {4, 2, 1.4}, 0.3);
  box.className = "car";
  const Track track = newBoxTrack(document, box, 7);
  EXPECT_NE(track.object.id.value, 0u);
  EXPECT_GT(track.object.number, 0);
  ASSERT_EQ(track.instances.size(), 1u);
  EXPECT_EQ(track.instances[0].frame, 7);
  EXPECT_EQ(track.instances[0].source, InstanceSource::Keyframe);
  const Cuboid& kept = std::get<Cuboid>(track.instances[0].geometry);
  EXPECT_EQ(kept.center, box.box.center);
  EXPECT_EQ(kept.size, box.box.size);
  EXPECT_EQ(kept.rotation.coeffs(), box.box.rotation.coeffs());
}

}  // namespace
}  // namespace fuselabel::gui
