#include "core/geometry/cuboid.hpp"

#include <gtest/gtest.h>

#include <numbers>

#include "core/geometry/transform.hpp"

namespace fuselabel {
namespace {

TEST(Cuboid, CornerOrderMatchesHeaderPicture) {
  const Cuboid box = Cuboid::fromYaw(Eigen::Vector3d(10, 20, 1), Eigen::Vector3d(4, 2, 1.5), 0.0);
  const std::array<Eigen::Vector3d, 8> c = box.corners();
  // Bottom face counter-clockwise from front-right, top face above it.
  EXPECT_TRUE(c[0].isApprox(Eigen::Vector3d(12, 19, 0.25)));
  EXPECT_TRUE(c[1].isApprox(Eigen::Vector3d(12, 21, 0.25)));
  EXPECT_TRUE(c[2].isApprox(Eigen::Vector3d(8, 21, 0.25)));
  EXPECT_TRUE(c[3].isApprox(Eigen::Vector3d(8, 19, 0.25)));
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_TRUE(c[i + 4].isApprox(c[i] + Eigen::Vector3d(0, 0, 1.5))) << i;
  }
  // Counter-clockwise seen from above: positive signed area of the bottom face.
  double twiceArea = 0.0;
  for (std::size_t i = 0; i < 4; ++i) {
    const Eigen::Vector3d& p = c[i];
    const Eigen::Vector3d& q = c[(i + 1) % 4];
    twiceArea += p.x() * q.y() - q.x() * p.y();
  }
  EXPECT_NEAR(twiceArea, 2.0 * 4.0 * 2.0, 1e-9);
}

TEST(Cuboid, YawTurnsTheFrontCorners) {
  // Heading +y: the front face (corners 0, 1) is at +y, front-right is at +x.
  const Cuboid box =
      Cuboid::fromYaw(Eigen::Vector3d::Zero(), Eigen::Vector3d(4, 2, 2), std::numbers::pi / 2);
  const std::array<Eigen::Vector3d, 8> c = box.corners();
  EXPECT_TRUE(c[0].isApprox(Eigen::Vector3d(1, 2, -1), 1e-12)) << c[0].transpose();
  EXPECT_TRUE(c[1].isApprox(Eigen::Vector3d(-1, 2, -1), 1e-12)) << c[1].transpose();
  EXPECT_NEAR(box.yaw(), std::numbers::pi / 2, 1e-15);
}

TEST(Cuboid, YawIsNormalised) {
  const Cuboid box = Cuboid::fromYaw(Eigen::Vector3d::Zero(), Eigen::Vector3d(1, 1, 1),
                                     2.0 * std::numbers::pi + 0.3);
  EXPECT_NEAR(box.yaw(), 0.3, 1e-12);
  const Cuboid back =
      Cuboid::fromYaw(Eigen::Vector3d::Zero(), Eigen::Vector3d(1, 1, 1), -std::numbers::pi + 0.01);
  EXPECT_NEAR(back.yaw(), -std::numbers::pi + 0.01, 1e-12);
}

TEST(Cuboid, TransformedMovesCentreAndRotation) {
  const Cuboid box_ego = Cuboid::fromYaw(Eigen::Vector3d(5, 0, 1), Eigen::Vector3d(4, 2, 1.5), 0.2);
  const Eigen::Isometry3d T_world_ego =
      fromYawPitchRoll(std::numbers::pi / 2, 0, 0, Eigen::Vector3d(100, 50, 0));
  const Cuboid box_world = T_world_ego * box_ego;
  EXPECT_TRUE(box_world.center.isApprox(Eigen::Vector3d(100, 55, 1), 1e-12));
  EXPECT_NEAR(box_world.yaw(), std::numbers::pi / 2 + 0.2, 1e-12);
  EXPECT_TRUE(box_world.size.isApprox(box_ego.size));
  // Every corner is the transformed corner.
  const std::array<Eigen::Vector3d, 8> ce = box_ego.corners();
  const std::array<Eigen::Vector3d, 8> cw = box_world.corners();
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_TRUE(cw[i].isApprox(T_world_ego * ce[i], 1e-12)) << i;
  }
  EXPECT_TRUE(transformed(T_world_ego, box_ego).center.isApprox(box_world.center));
}

TEST(Cuboid, KeepsPitchAndRoll) {
  Cuboid box;
  box.size = Eigen::Vector3d(2, 1, 1);
  box.rotation = Eigen::Quaterniond(rotationFromYawPitchRoll(0.5, 0.3, -0.2));
  EXPECT_NEAR(box.yaw(), 0.5, 1e-12);
  // The front-right-bottom corner follows the full rotation.
  const Eigen::Vector3d expected =
      rotationFromYawPitchRoll(0.5, 0.3, -0.2) * Eigen::Vector3d(1, -0.5, -0.5);
  EXPECT_TRUE(box.corners()[0].isApprox(expected, 1e-12));
}

TEST(Cuboid, Validity) {
  EXPECT_TRUE(Cuboid::fromYaw(Eigen::Vector3d::Zero(), Eigen::Vector3d(1, 1, 1), 0).isValid());
  EXPECT_FALSE(Cuboid::fromYaw(Eigen::Vector3d::Zero(), Eigen::Vector3d(0, 1, 1), 0).isValid());
  EXPECT_FALSE(Cuboid::fromYaw(Eigen::Vector3d(NAN, 0, 0), Eigen::Vector3d(1, 1, 1), 0).isValid());
  EXPECT_DOUBLE_EQ(Cuboid::fromYaw(Eigen::Vector3d::Zero(), Eigen::Vector3d(4, 2, 1.5), 1).volume(),
                   12.0);
}

}  // namespace
}  // namespace fuselabel
