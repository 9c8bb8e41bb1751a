// Cars cut out of a larger cluster at bumper height, on hand-made scenes: a
// parked car under a tree whose canopy reaches over its roof is one cluster
// with the tree, rejected as tall, until its points between 0.25 and 1.1 m
// are clustered alone; the foot of a building cut to a car's length at
// that height is not a car, because a wall is as solid over the band as in
// it and a car above its doors is glass.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "core/annotation/label_schema.hpp"
#include "core/prelabel/clustering.hpp"
#include "core/prelabel/geometric_proposals.hpp"
#include "core/prelabel/ground_segmentation.hpp"
#include "core/prelabel/low_band_split.hpp"
#include "support/polar_road.hpp"

namespace fuselabel {
namespace {

constexpr double kBandSensorHeight = 1.9;

// A flat road in polar rings around the sensor at (0, 0, kBandSensorHeight),
// and what is added to it, in world coordinates.
struct BandScene {
  PointCloud cloud;

  BandScene() {
    test::layPolarRoad(
        50.0, [](double, double) { return 0.0; },
        [this](double x, double y, double z) { add(x, y, z); });
  }
  void add(double x, double y, double z) {
    cloud.append(static_cast<float>(x), static_cast<float>(y),
                 static_cast<float>(z - kBandSensorHeight), 0.0f);
  }
  // A vertical strip from (x0, y0) to (x1, y1) at the heights `zs`, every 0.1 m along it.
  void strip(double x0, double y0, double x1, double y1, const std::vector<double>& zs) {
    const double length = std::hypot(x1 - x0, y1 - y0);
    for (double s = 0.0; s <= length + 1e-9; s += 0.1)
      for (double z : zs)
        add(x0 + (x1 - x0) * s / length, y0 + (y1 - y0) * s / length, z);
  }
  [[nodiscard]] SweepIndex index() const {
    Eigen::Isometry3d T = Eigen::Isometry3d::Identity();
    T.translation() = Eigen::Vector3d(0, 0, kBandSensorHeight);
    return SweepIndex::build(cloud, T);
  }
};

std::vector<double> heights(double from, double to, double step) {
  std::vector<double> zs;
  for (double z = from; z <= to + 1e-9; z += step)
    zs.push_back(z);
  return zs;
}

// A car 4.5 × 1.8 m parked along x with its centre at (x, y), seen from the
// sensor side (y < 0 of it) and from behind: its doors solid from 0.3 to
// 1.0 m, its windows glass (a return every 0.3 m), its roof edge at 1.5 m.
void addParkedCar(BandScene& scene, double x, double y) {
  std::vector<double> zs = heights(0.3, 1.0, 0.1);
  zs.insert(zs.end(), {1.2, 1.5});
  scene.strip(x - 2.25, y - 0.9, x + 2.25, y - 0.9, zs);  // the side facing the road
  scene.strip(x - 2.25, y - 0.9, x - 2.25, y + 0.9, zs);  // the rear
}

// A tree beside the car at (x, y): a trunk 0.3 m thick up to its canopy, a
// canopy 7 m wide from 2.2 m to 5 m over the ground, over the car's roof.
void addTree(BandScene& scene, double x, double y) {
  for (double z = 0.3; z < 2.2; z += 0.1)
    for (double a = 0.0; a < 2.0 * std::numbers::pi; a += 0.5)
      scene.add(x + 0.15 * std::cos(a), y + 0.15 * std::sin(a), z);
  for (double z = 2.2; z <= 5.0; z += 0.4)
    for (double dx = -3.5; dx <= 3.5; dx += 0.25)
      for (double dy = -3.5; dy <= 3.5; dy += 0.25)
        if (dx * dx + dy * dy <= 3.5 * 3.5) scene.add(x + dx, y + dy, z);
}

const Proposal* proposalNear(const SweepProposals& found, double x, double y, double within) {
  const auto it =
      std::find_if(found.proposals.begin(), found.proposals.end(), [&](const Proposal& p) {
        return std::hypot(p.box.center.x() - x, p.box.center.y() - y) < within;
      });
  return it != found.proposals.end() ? &*it : nullptr;
}

TEST(LowBandSplit, ACarUnderATreeIsCutOutOfItsCanopy) {
  BandScene scene;
  addParkedCar(scene, 20.0, 6.0);
  addTree(scene, 20.5, 7.4);
  const SweepIndex index = scene.index();
  const LabelSchema& schema = defaultLabelSchema();

  // Without the band there is one cluster, car and tree, and it reaches into
  // the canopy over the 4 m cut: rejected as the foot of something tall.
  GeometricProposalOptions noBand;
  noBand.lowBand.bandHigh = 0.0;
  const SweepProposals whole = proposeFromSweep(index, schema, noBand);
  EXPECT_EQ(proposalNear(whole, 20.0, 6.0, 2.0), nullptr);
  EXPECT_EQ(whole.stats.tooTall, 1u);

  const SweepProposals found = proposeFromSweep(index, schema);
  EXPECT_EQ(found.stats.splitCars, 1u);
  EXPECT_EQ(found.stats.tooTall, 0u);
  const Proposal* car = proposalNear(found, 20.0, 6.0, 0.5);
  ASSERT_NE(car, nullptr) << found.proposals.size() << " proposals";
  EXPECT_EQ(car->className, "car");
  EXPECT_NEAR(std::abs(std::remainder(car->box.yaw(), std::numbers::pi)), 0.0, 0.1);
  EXPECT_LT(car->box.size.z(), 2.1);  // the canopy is not its roof
}

TEST(LowBandSplit, TheFootOfABuildingCutToACarsLengthIsNoCar) {
  BandScene scene;
  // A building corner 4.4 × 1.6 m at the band, solid up to 6 m: the
  // cluster is rejected as tall, and its foot is the size of a car.
  const std::vector<double> wall = heights(0.3, 6.0, 0.1);
  scene.strip(17.8, -7.0, 22.2, -7.0, wall);
  scene.strip(17.8, -7.0, 17.8, -8.6, wall);
  const SweepIndex index = scene.index();
  const LabelSchema& schema = defaultLabelSchema();

  const SweepProposals found = proposeFromSweep(index, schema);
  EXPECT_EQ(found.stats.splitCars, 0u);
  EXPECT_EQ(proposalNear(found, 20.0, -7.8, 3.0), nullptr);
  EXPECT_EQ(found.stats.tooTall, 1u);

  // It is the profile that tells: taken as a car's, the foot is a car.
  GeometricProposalOptions anyProfile;
  anyProfile.lowBand.maxShareOverBand = 100.0;
  EXPECT_EQ(proposeFromSweep(index, schema, anyProfile).stats.splitCars, 1u);
}

TEST(LowBandSplit, PiecesTakeThePointsOverTheirBandPointsAndNotTheCanopy) {
  BandScene scene;
  addParkedCar(scene, 20.0, 6.0);
  addTree(scene, 20.5, 7.4);
  const SweepIndex index = scene.index();
  const GroundSegmentation ground = segmentGround(index);
  std::vector<std::uint32_t> above;
  for (std::uint32_t i = 0; i < index.size(); ++i)
    if (!ground.isGround(i)) above.push_back(i);

  const auto pieces = splitAtLowBand(index, ground, above, ClusteringOptions{});
  ASSERT_GE(pieces.size(), 1u);
  // The largest piece is the car: every point of it within the car's
  // footprint (plus the attach radius) and none higher than 2 m.
  for (std::uint32_t i : pieces.front()) {
    const Eigen::Vector3d p = index.point(i);
    EXPECT_LE(std::abs(p.x() - 20.0), 2.25 + 0.3 + 1e-6);
    EXPECT_LE(std::abs(p.y() - 6.0), 0.9 + 0.3 + 1e-6);
    EXPECT_LE(ground.heightAboveGround(i), 2.0 + 1e-3);
  }
  EXPECT_TRUE(looksLikeACarBody(ground, pieces.front()));
  // The window and roof points joined it: more than the band alone.
  std::size_t inBand = 0;
  for (std::uint32_t i : pieces.front())
    inBand += static_cast<double>(ground.heightAboveGround(i)) <= 1.1 ? 1 : 0;
  EXPECT_GT(pieces.front().size(), inBand);
}

TEST(Clustering, ClusteringSomeIndicesEqualsClusteringWithAMask) {
  BandScene scene;
  addParkedCar(scene, 20.0, 6.0);
  addParkedCar(scene, -15.0, -4.0);
  addTree(scene, 20.5, 7.4);
  const SweepIndex index = scene.index();
  const GroundSegmentation ground = segmentGround(index);
  std::vector<std::uint8_t> mask(index.size(), 0);
  std::vector<std::uint32_t> indices;
  for (std::uint32_t i = 0; i < index.size(); ++i)
    if (!ground.isGround(i)) mask[i] = 1, indices.push_back(i);
  const auto byMask = clusterPoints(index, mask);
  EXPECT_EQ(byMask.size(), 2u);
  EXPECT_EQ(clusterIndices(index, indices), byMask);
}

}  // namespace
}  // namespace fuselabel
