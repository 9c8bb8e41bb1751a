#include "core/geometry/points_in_cuboid.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <random>

#include "core/geometry/transform.hpp"

namespace fuselabel {
namespace {

constexpr float kNanCoordinate = std::numeric_limits<float>::quiet_NaN();

TEST(PointsInCuboid, AxisAlignedWithInclusiveBoundary) {
  const Cuboid box = Cuboid::fromYaw(Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(4, 2, 2), 0.0);
  PointCloud cloud;
  cloud.append(0, 0, 0, 0);       // centre: in
  cloud.append(2, 1, 1, 0);       // corner exactly: in
  cloud.append(-2, 0, 0, 0);      // face: in
  cloud.append(2.001f, 0, 0, 0);  // just past the front: out
  cloud.append(0, 1.01f, 0, 0);   // just past the side: out
  cloud.append(0, 0, -1.5, 0);    // below: out
  const std::vector<std::uint8_t> mask = pointsInCuboidMask(cloud, box);
  EXPECT_EQ(mask, (std::vector<std::uint8_t>{1, 1, 1, 0, 0, 0}));
  EXPECT_EQ(countPointsInCuboid(cloud, box), 3U);
  EXPECT_EQ(pointsInCuboidIndices(cloud, box), (std::vector<std::size_t>{0, 1, 2}));
}

TEST(PointsInCuboid, NanAndInfPointsAreNeverInside) {
  const Cuboid box = Cuboid::fromYaw(Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(1e6, 1e6, 1e6), 0.3);
  PointCloud cloud;
  cloud.append(kNanCoordinate, 0, 0, 0);
  cloud.append(0, kNanCoordinate, 0, 0);
  cloud.append(0, 0, kNanCoordinate, 0);
  cloud.append(std::numeric_limits<float>::infinity(), 0, 0, 0);
  cloud.append(0, 0, 0, 0);
  EXPECT_EQ(pointsInCuboidMask(cloud, box), (std::vector<std::uint8_t>{0, 0, 0, 0, 1}));
  EXPECT_EQ(countPointsInCuboid(cloud, box), 1U);
}

TEST(PointsInCuboid, DegenerateBoxContainsNothingButItsCentrePlane) {
  PointCloud cloud;
  cloud.append(0, 0, 0, 0);
  cloud.append(0.1f, 0, 0, 0);
  Cuboid nanBox = Cuboid::fromYaw(Eigen::Vector3d(NAN, 0, 0), Eigen::Vector3d(1, 1, 1), 0);
  EXPECT_EQ(countPointsInCuboid(cloud, nanBox), 0U);
  Cuboid flat = Cuboid::fromYaw(Eigen::Vector3d::Zero(), Eigen::Vector3d(0, 1, 1), 0);
  // A zero length keeps only points exactly on the plane x = 0.
  EXPECT_EQ(countPointsInCuboid(cloud, flat), 1U);
}

TEST(PointsInCuboid, RotatedBox) {
  // 4 x 1 box turned 45°: its long axis runs along the diagonal x = y.
  const Cuboid box =
      Cuboid::fromYaw(Eigen::Vector3d(10, 10, 0), Eigen::Vector3d(4, 1, 1), std::numbers::pi / 4);
  PointCloud cloud;
  cloud.append(11.3f, 11.3f, 0, 0);  // 1.84 m along the axis: in
  cloud.append(11.5f, 11.5f, 0, 0);  // 2.12 m along the axis: out
  cloud.append(11.5f, 10.0f, 0, 0);  // 1.06 m off the axis sideways: out
  cloud.append(10.3f, 9.8f, 0, 0);   // 0.35 m sideways: in
  cloud.append(12.0f, 10.0f, 0, 0);  // inside the axis-aligned bounds only: out
  EXPECT_EQ(pointsInCuboidMask(cloud, box), (std::vector<std::uint8_t>{1, 0, 0, 1, 0}));
}

TEST(PointsInCuboid, SpanOverloadMatchesCloudOverload) {
  const Cuboid box = Cuboid::fromYaw(Eigen::Vector3d(1, 2, 0), Eigen::Vector3d(3, 2, 2), 1.0);
  PointCloud cloud;
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> u(-3, 5);
  for (int i = 0; i < 1000; ++i) {
    cloud.append(u(rng), u(rng), u(rng), 0);
  }
  std::vector<std::uint8_t> mask(cloud.size());
  const std::size_t n = pointsInCuboidMask(cloud.x(), cloud.y(), cloud.z(), box, mask);
  EXPECT_EQ(n, countPointsInCuboid(cloud, box));
  EXPECT_EQ(mask, pointsInCuboidMask(cloud, box));
  EXPECT_EQ(pointsInCuboidIndices(cloud, box).size(), n);
  EXPECT_GT(n, 0U);
}

// Independent check: transform each point with Eigen's inverse pose.
TEST(PointsInCuboid, MatchesNaiveEigenTransformForFullRotations) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> angle(-std::numbers::pi, std::numbers::pi);
  std::uniform_real_distribution<double> extent(0.2, 5.0);
  std::uniform_real_distribution<float> coord(-6.0f, 6.0f);
  PointCloud cloud;
  for (int i = 0; i < 5000; ++i) {
    cloud.append(coord(rng), coord(rng), coord(rng), 0);
  }
  std::size_t totalInside = 0;
  for (int b = 0; b < 50; ++b) {
    Cuboid box;
    box.center = Eigen::Vector3d(angle(rng), angle(rng), angle(rng));
    box.size = Eigen::Vector3d(extent(rng), extent(rng), extent(rng));
    box.rotation =
        Eigen::Quaterniond(rotationFromYawPitchRoll(angle(rng), angle(rng) / 2, angle(rng)));
    const Eigen::Isometry3d T_box_parent = box.pose().inverse();
    const std::vector<std::uint8_t> mask = pointsInCuboidMask(cloud, box);
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < cloud.size(); ++i) {
      const Eigen::Vector3d p(cloud.x()[i], cloud.y()[i], cloud.z()[i]);
      const Eigen::Vector3d local = T_box_parent * p;
      const bool expected = (local.cwiseAbs().array() <= box.halfSize().array()).all();
      mismatches += (expected != (mask[i] != 0)) ? 1U : 0U;
      totalInside += expected ? 1U : 0U;
    }
    EXPECT_EQ(mismatches, 0U) << "box " << b;
  }
  EXPECT_GT(totalInside, 1000U);
}

}  // namespace
}  // namespace fuselabel
