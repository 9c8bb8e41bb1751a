#include "core/pointcloud/point_cloud.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace fuselabel {
namespace {

constexpr float kNan = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

TEST(PointCloud, AppendAndChannels) {
  PointCloud cloud;
  EXPECT_TRUE(cloud.empty());
  cloud.append(1, 2, 3, 4);
  cloud.enableRing();
  cloud.enableTime();
  cloud.enableRgb();
  ASSERT_EQ(cloud.ring().size(), 1U);
  const std::size_t i = cloud.append(5, 6, 7, 8);
  EXPECT_EQ(i, 1U);
  cloud.ring()[i] = 31;
  cloud.timeOffsetNs()[i] = 50'000'000;
  cloud.rgb()[i] = Rgb8{10, 20, 30};
  EXPECT_EQ(cloud.size(), 2U);
  EXPECT_EQ(cloud.x()[1], 5.0f);
  EXPECT_EQ(cloud.intensity()[0], 4.0f);
  EXPECT_EQ(cloud.ring()[0], 0);
  EXPECT_EQ(cloud.ring()[1], 31);
  EXPECT_EQ(cloud.timeOffsetNs()[1], 50'000'000);
  EXPECT_EQ(cloud.rgb()[1], (Rgb8{10, 20, 30}));
  cloud.setTimestampNs(1'532'402'927'647'951'000);
  EXPECT_EQ(cloud.timestampNs(), 1'532'402'927'647'951'000);
}

TEST(PointCloud, ResizeKeepsChannelsAligned) {
  PointCloud cloud;
  cloud.enableRing();
  cloud.resize(10);
  EXPECT_EQ(cloud.size(), 10U);
  EXPECT_EQ(cloud.ring().size(), 10U);
  EXPECT_TRUE(cloud.timeOffsetNs().empty());
  cloud.clear();
  EXPECT_TRUE(cloud.empty());
  EXPECT_TRUE(cloud.hasRing());
}

TEST(PointCloud, BoundsSkipNonFinitePoints) {
  PointCloud cloud;
  cloud.append(1, -2, 3, 0);
  cloud.append(kNan, 100, 100, 0);
  cloud.append(-4, 5, kInf, 0);
  cloud.append(2, 0, -1, 0);
  cloud.append(-kInf, 0, 0, 0);
  EXPECT_EQ(cloud.finiteCount(), 2U);
  const Aabb box = cloud.bounds();
  ASSERT_FALSE(box.isEmpty());
  EXPECT_TRUE(box.min.isApprox(Eigen::Vector3d(1, -2, -1)));
  EXPECT_TRUE(box.max.isApprox(Eigen::Vector3d(2, 0, 3)));
}

TEST(PointCloud, BoundsOfNoFinitePointIsEmpty) {
  PointCloud cloud;
  EXPECT_TRUE(cloud.bounds().isEmpty());
  cloud.append(kNan, kNan, kNan, 0);
  cloud.append(0, kInf, 0, 0);
  EXPECT_TRUE(cloud.bounds().isEmpty());
  EXPECT_EQ(cloud.finiteCount(), 0U);
}

TEST(PointCloud, RemoveNonFiniteKeepsOrderAndChannels) {
  PointCloud cloud;
  cloud.enableRing();
  cloud.enableRgb();
  cloud.enableTime();
  const float xs[] = {0, kNan, 2, 3, kInf, 5};
  for (std::size_t i = 0; i < 6; ++i) {
    cloud.append(xs[i], 1, 1, static_cast<float>(i));
    cloud.ring()[i] = static_cast<std::uint16_t>(i);
    cloud.rgb()[i] = Rgb8{static_cast<std::uint8_t>(i), 0, 0};
    cloud.timeOffsetNs()[i] = static_cast<std::int32_t>(i * 1000);
  }
  EXPECT_EQ(cloud.removeNonFinite(), 2U);
  ASSERT_EQ(cloud.size(), 4U);
  const std::uint16_t expectedRing[] = {0, 2, 3, 5};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(cloud.ring()[i], expectedRing[i]);
    EXPECT_EQ(cloud.intensity()[i], static_cast<float>(expectedRing[i]));
    EXPECT_EQ(cloud.x()[i], static_cast<float>(expectedRing[i]));
    EXPECT_EQ(cloud.rgb()[i].r, expectedRing[i]);
    EXPECT_EQ(cloud.timeOffsetNs()[i], expectedRing[i] * 1000);
  }
  EXPECT_EQ(cloud.ring().size(), 4U);
  EXPECT_EQ(cloud.removeNonFinite(), 0U);
}

TEST(Aabb, ExtendAndCentre) {
  Aabb box;
  EXPECT_TRUE(box.isEmpty());
  box.extend(Eigen::Vector3d(1, 2, 3));
  EXPECT_FALSE(box.isEmpty());
  box.extend(Eigen::Vector3d(-1, 4, 3));
  EXPECT_TRUE(box.center().isApprox(Eigen::Vector3d(0, 3, 3)));
  EXPECT_TRUE(box.extent().isApprox(Eigen::Vector3d(2, 2, 0)));
}

}  // namespace
}  // namespace fuselabel
