// The side views' geometry: a dragged face moves alone (the opposite face
// stays to 1e-9), on rotated boxes too; moves and turns keep the size; the
// slab keeps exactly the points within size / 2 + margin in the box's frame;
// projections fit the canvas and hit-testing finds the edge under the mouse.

#include "app/gui/scene/box_views.hpp"

#include <gtest/gtest.h>

#include <numbers>

namespace fuselabel::gui {
namespace {

Cuboid car(double yaw) {
  return Cuboid::fromYaw({10.0, 2.0, 0.8}, {4.5, 1.9, 1.6}, yaw);
}

// The centre of `face` in the box's parent frame.
Eigen::Vector3d faceCentre(const Cuboid& box, BoxFace face) {
  Eigen::Vector3d local = Eigen::Vector3d::Zero();
  local[face.axis] = 0.5 * face.side * box.size[face.axis];
  return box.pose() * local;
}

TEST(BoxViews, DraggingTheFrontEdgeGrowsLengthAndKeepsTheRearFace) {
  const Cuboid box = car(0.0);
  const Cuboid out = dragFace(box, {0, 1}, 0.3);
  EXPECT_NEAR(out.size.x(), 4.8, 1e-12);
  EXPECT_NEAR(out.size.y(), 1.9, 1e-12);
  EXPECT_NEAR(out.size.z(), 1.6, 1e-12);
  EXPECT_NEAR(out.center.x(), 10.15, 1e-12) << "half the growth along the heading";
  EXPECT_NEAR(out.center.y(), 2.0, 1e-12);
  EXPECT_NEAR((faceCentre(out, {0, -1}) - faceCentre(box, {0, -1})).norm(), 0.0, 1e-9);
  EXPECT_NEAR((faceCentre(out, {0, 1}) - faceCentre(box, {0, 1})).norm(), 0.3, 1e-9);
  EXPECT_TRUE(out.rotation.isApprox(box.rotation));
}

TEST(BoxViews, EveryFaceOfARotatedBoxMovesAloneAlongItsOwnAxis) {
  Cuboid box = car(0.7);
  // A little pitch and roll too: faces follow the box's own axes.
  box.rotation = box.rotation * Eigen::AngleAxisd(0.05, Eigen::Vector3d::UnitY()) *
                 Eigen::AngleAxisd(-0.03, Eigen::Vector3d::UnitX());
  for (int axis = 0; axis < 3; ++axis) {
    for (int side : {-1, 1}) {
      const BoxFace face{axis, side};
      const Cuboid out = dragFace(box, face, -0.4);
      const Eigen::Vector3d normal = box.rotation.toRotationMatrix().col(axis) * side;
      SCOPED_TRACE(faceName(face));
      EXPECT_NEAR(out.size[axis], box.size[axis] - 0.4, 1e-12);
      EXPECT_NEAR((faceCentre(out, {axis, -side}) - faceCentre(box, {axis, -side})).norm(), 0.0,
                  1e-9)
          << "the opposite face stays";
      EXPECT_NEAR((faceCentre(out, face) - (faceCentre(box, face) - 0.4 * normal)).norm(), 0.0,
                  1e-9)
          << "the face moves 0.4 m inwards along its normal";
      for (int k = 0; k < 3; ++k) {
        if (k != axis) {
          EXPECT_DOUBLE_EQ(out.size[k], box.size[k]);
        }
      }
    }
  }
}

TEST(BoxViews, AFaceNeverCrossesTheOppositeOne) {
  const Cuboid box = car(-1.2);
  const Cuboid out = dragFace(box, {1, -1}, -5.0);
  EXPECT_NEAR(out.size.y(), 0.05, 1e-12);
  EXPECT_NEAR((faceCentre(out, {1, 1}) - faceCentre(box, {1, 1})).norm(), 0.0, 1e-9);
}

TEST(BoxViews, MovesAndTurnsKeepTheSize) {
  const Cuboid box = car(std::numbers::pi / 2.0);  // facing +y
  const Cuboid moved = dragMove(box, BoxView::Top, {1.0, 0.5});
  EXPECT_NEAR(moved.center.x(), 10.0 - 0.5, 1e-12) << "left of a box facing +y is -x";
  EXPECT_NEAR(moved.center.y(), 3.0, 1e-12);
  EXPECT_TRUE(moved.size == box.size);
  const Cuboid raised = dragMove(box, BoxView::Front, {0.0, 0.25});
  EXPECT_NEAR(raised.center.z(), 1.05, 1e-12);
  const Cuboid turned = dragTurn(box, 0.1);
  EXPECT_NEAR(turned.yaw(), std::numbers::pi / 2.0 + 0.1, 1e-12);
  EXPECT_TRUE(turned.center == box.center);
}

TEST(BoxViews, SlabKeepsExactlyThePointsWithinHalfSizePlusMargin) {
  const Cuboid box = car(std::numbers::pi / 2.0);  // facing +y: box x = world y, box y = -world x
  // The sensor sits 1 m above the parent frame's origin.
  Eigen::Matrix4f T_parent_sensor = Eigen::Matrix4f::Identity();
  T_parent_sensor(2, 3) = 1.0F;
  const auto sensorPoint = [&](double boxX, double boxY, double boxZ) {
    const Eigen::Vector3d parent = box.pose() * Eigen::Vector3d(boxX, boxY, boxZ);
    return std::array<float, 3>{static_cast<float>(parent.x()), static_cast<float>(parent.y()),
                                static_cast<float>(parent.z() - 1.0)};
  };
  const double margin = 0.5;
  struct Case {
    Eigen::Vector3d p;
    bool inSlab;
    bool inBox;
  };
  const std::vector<Case> cases = {
      {{0.0, 0.0, 0.0}, true, true},     {{2.2, 0.9, 0.7}, true, true},
      {{2.6, 0.0, 0.0}, true, false},    {{2.7, 0.0, 0.0}, true, false},
      {{2.8, 0.0, 0.0}, false, false},   {{0.0, 1.4, 0.0}, true, false},
      {{0.0, -1.5, 0.0}, false, false},  {{0.0, 0.0, -1.25}, true, false},
      {{0.0, 0.0, 1.35}, false, false},  {{-2.74, -1.44, 1.29}, true, false},
      {{-30.0, 4.0, 0.0}, false, false},
  };
  std::vector<float> xyz;
  for (const Case& c : cases) {
    const auto s = sensorPoint(c.p.x(), c.p.y(), c.p.z());
    xyz.insert(xyz.end(), s.begin(), s.end());
  }
  const SlabPoints slab = slabPoints(xyz, T_parent_sensor, box, margin);
  std::size_t k = 0;
  for (const Case& c : cases) {
    if (!c.inSlab) continue;
    ASSERT_LT(k, slab.positions.size()) << c.p.transpose();
    EXPECT_NEAR((slab.positions[k].cast<double>() - c.p).norm(), 0.0, 1e-4) << c.p.transpose();
    EXPECT_EQ(slab.inside[k], c.inBox) << c.p.transpose();
    ++k;
  }
  EXPECT_EQ(slab.positions.size(), k) << "only the points within the slab";
  EXPECT_EQ(slabPoints(xyz, T_parent_sensor, box, margin, 2).positions.size(), 2u);
}

TEST(BoxViews, FitCentresTheBoxAndKeepsTheMargin) {
  const Eigen::Vector3d size(4.0, 2.0, 1.5);
  const ViewProjection top = fitView(BoxView::Top, size, 0.5, {100.0, 50.0}, {300.0, 200.0});
  // 5 m across in 300 px, 3 m high in 200 px: the width decides.
  EXPECT_NEAR(top.pixelsPerMetre, 60.0, 1e-12);
  EXPECT_TRUE(top.centre.isApprox(Eigen::Vector2d(250.0, 150.0)));
  const Eigen::Vector2d frontLeftTop = top.toCanvas({2.0, 1.0, 0.75});
  EXPECT_NEAR(frontLeftTop.x(), 370.0, 1e-9) << "heading points right";
  EXPECT_NEAR(frontLeftTop.y(), 90.0, 1e-9) << "left is up";
  EXPECT_TRUE(top.toView(frontLeftTop).isApprox(Eigen::Vector2d(2.0, 1.0)));
  const ViewProjection front = fitView(BoxView::Front, size, 0.5, {0.0, 0.0}, {300.0, 300.0});
  EXPECT_NEAR(front.pixelsPerMetre, 100.0, 1e-12) << "3 m across (width), 2.5 m high";
  const Eigen::Vector2d p = front.toCanvas({2.0, 1.0, 0.75});
  EXPECT_NEAR(p.x(), 250.0, 1e-9) << "seen from the front, the box's left is on the right";
  EXPECT_NEAR(p.y(), 75.0, 1e-9);
}

TEST(BoxViews, HitTestFindsEdgesHandleAndInside) {
  const Eigen::Vector3d size(4.0, 2.0, 1.5);
  const ViewProjection top = fitView(BoxView::Top, size, 0.5, {0.0, 0.0}, {300.0, 300.0});
  for (const BoxFace face : viewFaces(BoxView::Top)) {
    const auto edge = faceEdge(top, size, face);
    const ViewHit hit = hitTest(top, size, 0.5 * (edge[0] + edge[1]) + Eigen::Vector2d(2.0, -3.0));
    EXPECT_EQ(hit.kind, ViewHit::Kind::Edge) << faceName(face);
    EXPECT_EQ(hit.face, face) << faceName(face);
  }
  EXPECT_EQ(hitTest(top, size, top.centre).kind, ViewHit::Kind::Inside);
  EXPECT_EQ(hitTest(top, size, rotateHandle(top, size)).kind, ViewHit::Kind::Rotate);
  EXPECT_EQ(hitTest(top, size, {2.0, 2.0}).kind, ViewHit::Kind::None);
  const ViewProjection side = fitView(BoxView::Side, size, 0.5, {0.0, 0.0}, {300.0, 300.0});
  const ViewHit roof = hitTest(side, size, side.toCanvas({0.3, 0.0, 0.75}));
  EXPECT_EQ(roof.kind, ViewHit::Kind::Edge);
  EXPECT_EQ(roof.face, (BoxFace{2, 1}));
  EXPECT_STREQ(faceName(roof.face), "top");
}

TEST(BoxViews, DragResultFollowsTheMouseInEachView) {
  const Cuboid box = car(0.4);
  const ViewProjection side = fitView(BoxView::Side, box.size, 0.5, {0.0, 0.0}, {400.0, 200.0});
  const Eigen::Vector2d press = side.toCanvas({0.0, 0.0, 0.8});
  // Dragging the roof up by 20 px raises the top face by 20 px of metres.
  const Cuboid taller = dragResult(box, side, {ViewHit::Kind::Edge, {2, 1}}, press,
                                   press + Eigen::Vector2d(7.0, -20.0));
  EXPECT_NEAR(taller.size.z(), 1.6 + 20.0 / side.pixelsPerMetre, 1e-12);
  EXPECT_NEAR((faceCentre(taller, {2, -1}) - faceCentre(box, {2, -1})).norm(), 0.0, 1e-9);
  // Dragging the front edge of the top view right by 30 px.
  const ViewProjection top = fitView(BoxView::Top, box.size, 0.5, {0.0, 0.0}, {400.0, 400.0});
  const Cuboid longer =
      dragResult(box, top, {ViewHit::Kind::Edge, {0, 1}}, {200.0, 200.0}, {230.0, 190.0});
  EXPECT_NEAR(longer.size.x(), 4.5 + 30.0 / top.pixelsPerMetre, 1e-12);
  // Moving inside the top view: right is the heading, up is the box's left.
  const Cuboid moved =
      dragResult(box, top, {ViewHit::Kind::Inside, {}}, {200.0, 200.0}, {200.0, 180.0});
  const Eigen::Vector3d left = box.rotation.toRotationMatrix().col(1);
  EXPECT_NEAR((moved.center - (box.center + 20.0 / top.pixelsPerMetre * left)).norm(), 0.0, 1e-9);
  // A quarter turn about the centre with the rotate handle.
  const Eigen::Vector2d handle = rotateHandle(top, box.size);
  const Eigen::Vector2d offset = handle - top.centre;
  const Cuboid turned = dragResult(box, top, {ViewHit::Kind::Rotate, {}}, handle,
                                   top.centre + Eigen::Vector2d(offset.y(), -offset.x()));
  EXPECT_NEAR(turned.yaw(), 0.4 + std::numbers::pi / 2.0, 1e-9);
}

}  // namespace
}  // namespace fuselabel::gui
