// Auto-fit on hand-made point sets: the index answers like a full scan, an
// L-shaped car side fits at any heading, a neighbour and sloped ground do not
// pull the box, too few points is a clear error, one size for a track.

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "core/annotation/label_schema.hpp"
#include "core/fitting/cuboid_fit.hpp"
#include "core/fitting/one_click.hpp"
#include "core/fitting/sweep_index.hpp"
#include "core/fitting/track_size.hpp"
#include "core/geometry/angle.hpp"
#include "core/geometry/iou.hpp"
#include "core/geometry/points_in_cuboid.hpp"

namespace fuselabel {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
const Eigen::Vector3d kCarSize(4.5, 1.8, 1.5);

double slopeHeight(double slope, double x) {
  return slope * x;
}

// Ground points on a grid over a square around `center`, on z = slope·x.
void addGround(PointCloud& cloud, const Eigen::Vector2d& center, double half, double slope) {
  for (double x = center.x() - half; x <= center.x() + half; x += 0.25) {
    for (double y = center.y() - half; y <= center.y() + half; y += 0.25) {
      cloud.append(static_cast<float>(x), static_cast<float>(y),
                   static_cast<float>(slopeHeight(slope, x)), 0.0f);
    }
  }
}

// The side faces of `box` that face the sensor at the origin, sampled every
// 10 cm: what a LiDAR sees of a car from one corner (an L) or one side (an I).
std::size_t addVisibleSides(PointCloud& cloud, const Cuboid& box) {
  std::size_t added = 0;
  const Eigen::Isometry3d T_world_box = box.pose();
  const Eigen::Vector3d h = box.halfSize();
  const Eigen::Vector3d sensorLocal = T_world_box.inverse() * Eigen::Vector3d(0, 0, 1.7);
  for (int axis = 0; axis < 2; ++axis) {
    for (int sign = -1; sign <= 1; sign += 2) {
      if (sign * sensorLocal[axis] <= h[axis]) continue;  // face turned away
      const int other = 1 - axis;
      for (double u = -h[other]; u <= h[other] + 1e-9; u += 0.1) {
        for (double v = -h.z() + 0.3; v <= h.z() + 1e-9; v += 0.1) {
          Eigen::Vector3d local;
          local[axis] = sign * h[axis];
          local[other] = u;
          local.z() = v;
          const Eigen::Vector3d p = T_world_box * local;
          cloud.append(static_cast<float>(p.x()), static_cast<float>(p.y()),
                       static_cast<float>(p.z()), 0.0f);
          ++added;
        }
      }
    }
  }
  return added;
}

Cuboid carOnGround(const Eigen::Vector2d& xy, double yaw, double slope = 0.0) {
  return Cuboid::fromYaw(
      Eigen::Vector3d(xy.x(), xy.y(), slopeHeight(slope, xy.x()) + 0.5 * kCarSize.z()), kCarSize,
      yaw);
}

Cuboid roughFrom(const Cuboid& truth, const Eigen::Vector2d& shift, double yawError) {
  return Cuboid::fromYaw(truth.center + Eigen::Vector3d(shift.x(), shift.y(), 0.2), truth.size,
                         truth.yaw() + yawError);
}

SizePrior carPrior() {
  return defaultLabelSchema().findClass("car")->size.value();
}

TEST(SweepIndex, BoxAndRadiusQueriesMatchAFullScan) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> xy(-60.0f, 60.0f);
  std::uniform_real_distribution<float> z(-2.0f, 3.0f);
  PointCloud cloud;
  for (int i = 0; i < 50'000; ++i)
    cloud.append(xy(rng), xy(rng), z(rng), 0.0f);
  const Eigen::Isometry3d T_world_sensor =
      Eigen::Translation3d(5.0, -3.0, 1.0) * Eigen::AngleAxisd(0.4, Eigen::Vector3d::UnitZ());
  const SweepIndex index = SweepIndex::build(cloud, T_world_sensor);
  ASSERT_EQ(index.size(), cloud.size());
  std::uniform_real_distribution<double> pos(-70.0, 70.0);
  for (int trial = 0; trial < 30; ++trial) {
    const Cuboid box = Cuboid::fromYaw(Eigen::Vector3d(pos(rng), pos(rng), 0.5),
                                       Eigen::Vector3d(6.0, 3.0, 2.0), pos(rng));
    std::size_t scan = 0;
    for (std::uint32_t i = 0; i < index.size(); ++i) {
      const Eigen::Vector3d local = box.pose().inverse() * index.point(i);
      if ((local.cwiseAbs().array() <= (box.halfSize().array() + 0.5)).all()) ++scan;
    }
    EXPECT_EQ(index.pointsInBox(box, 0.5).size(), scan) << "trial " << trial;
    const Eigen::Vector3d c(pos(rng), pos(rng), 0.0);
    std::size_t inRadius = 0;
    for (std::uint32_t i = 0; i < index.size(); ++i)
      inRadius += (index.point(i) - c).norm() <= 3.0;
    EXPECT_EQ(index.pointsInRadius(c, 3.0).size(), inRadius) << "trial " << trial;
  }
  // Source indices map back to the cloud the index was built from.
  const std::uint32_t k = 1234;
  const Eigen::Vector3d expected =
      T_world_sensor * Eigen::Vector3d(static_cast<double>(cloud.x()[index.sourceIndex(k)]),
                                       static_cast<double>(cloud.y()[index.sourceIndex(k)]),
                                       static_cast<double>(cloud.z()[index.sourceIndex(k)]));
  EXPECT_LT((index.point(k) - expected).norm(), 1e-4);
}

TEST(SweepIndex, EmptyCloudAnswersNothing) {
  const SweepIndex index = SweepIndex::build(PointCloud{}, Eigen::Isometry3d::Identity());
  EXPECT_TRUE(index.empty());
  EXPECT_TRUE(index.pointsInBox(carOnGround({0, 0}, 0.0)).empty());
  EXPECT_TRUE(index.pointsInRadius(Eigen::Vector3d::Zero(), 5.0).empty());
}

TEST(FitCuboid, LShapeFromACornerAtSeveralYawsWithKnownSize) {
  for (double yawDeg : {-150.0, -100.0, -45.0, 0.0, 20.0, 45.0, 80.0, 135.0, 179.0}) {
    const Cuboid truth = carOnGround({12.0, 6.0}, yawDeg * kDeg);
    PointCloud cloud;
    addGround(cloud, {12.0, 6.0}, 7.0, 0.0);
    addVisibleSides(cloud, truth);
    const SweepIndex index = SweepIndex::build(cloud, Eigen::Isometry3d::Identity());
    FitOptions options;
    options.knownSize = kCarSize;
    options.sensorOrigin = Eigen::Vector3d(0, 0, 1.7);
    const Cuboid rough = roughFrom(truth, {0.4, -0.3}, 8.0 * kDeg);
    auto fit = fitCuboid(index, rough, options);
    ASSERT_TRUE(fit.ok()) << yawDeg << ": " << fit.error().message;
    EXPECT_LT(std::abs(angleDifference(fit->box.yaw(), truth.yaw())), 2.0 * kDeg) << yawDeg;
    EXPECT_LT((fit->box.center - truth.center).head<2>().norm(), 0.10) << yawDeg;
    EXPECT_NEAR(fit->box.center.z(), truth.center.z(), 0.05) << yawDeg;
    EXPECT_NEAR(fit->groundHeight, 0.0, 0.02) << yawDeg;
    EXPECT_GT(fit->quality, 0.5) << yawDeg;
    EXPECT_LE(fit->quality, 1.0) << yawDeg;
  }
}

TEST(FitCuboid, RoughHeadingDecidesTheNinetyDegreeAmbiguity) {
  // The same points; a rough box turned 180° keeps its heading (the fit
  // resolves toward the rough heading, not toward +x).
  const Cuboid truth = carOnGround({10.0, -4.0}, 30.0 * kDeg);
  PointCloud cloud;
  addGround(cloud, {10.0, -4.0}, 7.0, 0.0);
  addVisibleSides(cloud, truth);
  const SweepIndex index = SweepIndex::build(cloud, Eigen::Isometry3d::Identity());
  FitOptions options;
  options.knownSize = kCarSize;
  auto fit = fitCuboid(index, roughFrom(truth, {0.0, 0.0}, std::numbers::pi + 5.0 * kDeg), options);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  EXPECT_LT(std::abs(angleDifference(fit->box.yaw(), truth.yaw() + std::numbers::pi)), 2.0 * kDeg);
  EXPECT_LT((fit->box.center - truth.center).head<2>().norm(), 0.10);
}

TEST(FitCuboid, NeighbourCarBesideTheBoxIsNotPulledIn) {
  const Cuboid truth = carOnGround({15.0, 3.0}, 90.0 * kDeg);
  // A parked neighbour 1 m to the side (further from the sensor along x).
  const Cuboid neighbour = carOnGround({17.8, 3.5}, 90.0 * kDeg);
  PointCloud cloud;
  addGround(cloud, {15.0, 3.0}, 8.0, 0.0);
  const std::size_t carPoints = addVisibleSides(cloud, truth);
  addVisibleSides(cloud, neighbour);
  const SweepIndex index = SweepIndex::build(cloud, Eigen::Isometry3d::Identity());
  FitOptions options;
  options.sizePrior = carPrior();
  // Rough box pushed 0.5 m toward the neighbour and yawed 10°.
  auto fit = fitCuboid(index, roughFrom(truth, {0.5, 0.0}, 10.0 * kDeg), options);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  EXPECT_LE(fit->points, carPoints);
  EXPECT_LT(std::abs(angleDifference(fit->box.yaw(), truth.yaw())), 2.0 * kDeg);
  EXPECT_LT((fit->box.center - truth.center).head<2>().norm(), 0.15);
  EXPECT_GT(iou3d(fit->box, truth), 0.8);
}

TEST(FitCuboid, RowsOfACarSeenEndOnStayOneObjectWhenTheRoughBoxLags) {
  // A car 20 m behind the sensor driving towards it, scanned in rows: its
  // front face, one row on the bonnet and two on the roof, each further from
  // the next than the clustering tolerance. The rough box lags the car by
  // 60 cm (a prediction from a frame ago), so the front face lies outside it.
  const Cuboid truth = carOnGround({-20.0, 0.0}, 0.0);
  PointCloud cloud;
  addGround(cloud, {-20.0, 0.0}, 8.0, 0.0);
  const double front = -20.0 + 0.5 * kCarSize.x();
  for (double y = -0.85; y <= 0.85 + 1e-9; y += 0.1) {
    for (double z = 0.4; z <= 0.9 + 1e-9; z += 0.1)
      cloud.append(static_cast<float>(front), static_cast<float>(y), static_cast<float>(z), 0.0f);
    cloud.append(static_cast<float>(front - 0.8), static_cast<float>(y), 1.0f, 0.0f);
    cloud.append(static_cast<float>(front - 1.9), static_cast<float>(y), 1.5f, 0.0f);
    cloud.append(static_cast<float>(front - 2.7), static_cast<float>(y), 1.5f, 0.0f);
  }
  const SweepIndex index = SweepIndex::build(cloud, Eigen::Isometry3d::Identity());
  FitOptions options;
  options.knownSize = kCarSize;
  auto fit = fitCuboid(index, roughFrom(truth, {-0.6, 0.0}, 0.0), options);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  // Anchored on the front face the sensor sees, not on the bonnet row.
  EXPECT_LT((fit->box.center - truth.center).head<2>().norm(), 0.10);
}

TEST(FitCuboid, TooFewPointsIsAnErrorNamingTheCount) {
  const Cuboid truth = carOnGround({20.0, 0.0}, 0.0);
  PointCloud cloud;
  addGround(cloud, {20.0, 0.0}, 6.0, 0.0);
  for (int i = 0; i < 7; ++i)
    cloud.append(17.75f, static_cast<float>(i) * 0.2f - 0.6f, 1.0f, 0.0f);
  const SweepIndex index = SweepIndex::build(cloud, Eigen::Isometry3d::Identity());
  FitOptions options;
  options.minPoints = 10;
  auto fit = fitCuboid(index, truth, options);
  ASSERT_FALSE(fit.ok());
  EXPECT_NE(fit.error().message.find("7 object points"), std::string::npos) << fit.error().message;
  EXPECT_NE(fit.error().message.find("at least 10"), std::string::npos) << fit.error().message;
}

TEST(FitCuboid, SlopedGroundIsRemovedAndCarriesTheBox) {
  const double slope = 0.08;  // 8 %, a steep street
  const Cuboid truth = carOnGround({14.0, -5.0}, -35.0 * kDeg, slope);
  PointCloud cloud;
  addGround(cloud, {14.0, -5.0}, 8.0, slope);
  const std::size_t carPoints = addVisibleSides(cloud, truth);
  const SweepIndex index = SweepIndex::build(cloud, Eigen::Isometry3d::Identity());
  FitOptions options;
  options.knownSize = kCarSize;
  auto fit = fitCuboid(index, roughFrom(truth, {-0.3, 0.4}, -7.0 * kDeg), options);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  // Ground points are not object points. The car is level on the slope, so
  // under its uphill end its lowest row of points sinks below the ground
  // clearance: a few car points go, no ground point comes.
  EXPECT_LE(fit->points, carPoints);
  EXPECT_GE(static_cast<double>(fit->points), 0.97 * static_cast<double>(carPoints));
  EXPECT_NEAR(fit->groundHeight, slope * fit->box.center.x(), 0.03);
  EXPECT_NEAR(fit->box.center.z(), truth.center.z(), 0.08);
  EXPECT_LT(std::abs(angleDifference(fit->box.yaw(), truth.yaw())), 2.0 * kDeg);
  EXPECT_LT((fit->box.center - truth.center).head<2>().norm(), 0.10);
}

TEST(FitCuboid, SizeFromPointsIsClampedByThePrior) {
  // Seen from straight behind only the rear face shows: the length is not
  // measured, so the prior's typical length stands in.
  const Cuboid truth = carOnGround({15.0, 0.0}, 0.0);
  PointCloud cloud;
  addGround(cloud, {15.0, 0.0}, 8.0, 0.0);
  addVisibleSides(cloud, truth);
  const SweepIndex index = SweepIndex::build(cloud, Eigen::Isometry3d::Identity());
  FitOptions options;
  options.sizePrior = carPrior();
  auto fit = fitCuboid(index, roughFrom(truth, {0.3, 0.2}, 5.0 * kDeg), options);
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  EXPECT_NEAR(fit->box.size.x(), carPrior().typical.x(), 1e-9);
  EXPECT_NEAR(fit->box.size.y(), kCarSize.y(), 0.06);
  EXPECT_GT(iou3d(fit->box, truth), 0.85);
}

TEST(OneClick, ClickOnAHandMadeCarGivesItsBoxAndClass) {
  const Cuboid truth = carOnGround({9.0, 7.0}, 100.0 * kDeg);
  PointCloud cloud;
  addGround(cloud, {9.0, 7.0}, 8.0, 0.0);
  addVisibleSides(cloud, truth);
  const SweepIndex index = SweepIndex::build(cloud, Eigen::Isometry3d::Identity());
  // The click lands on the car's surface, at the seen point nearest its centre.
  const auto inside = index.pointsInBox(truth, 0.01);
  ASSERT_FALSE(inside.empty());
  Eigen::Vector3d click = index.point(inside.front());
  for (std::uint32_t i : inside) {
    if ((index.point(i) - truth.center).norm() < (click - truth.center).norm())
      click = index.point(i);
  }
  auto result = oneClickCuboid(index, click, defaultLabelSchema());
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->guess.className, "car");
  EXPECT_GT(result->guess.confidence, 0.0);
  EXPECT_GT(iou3d(result->fit.box, truth), 0.85);
}

TEST(OneClick, AWallIsRejected) {
  PointCloud cloud;
  addGround(cloud, {10.0, 0.0}, 8.0, 0.0);
  for (double y = -25.0; y <= 25.0; y += 0.1)
    for (double z = 0.3; z <= 3.0; z += 0.2)
      cloud.append(10.0f, static_cast<float>(y), static_cast<float>(z), 0.0f);
  const SweepIndex index = SweepIndex::build(cloud, Eigen::Isometry3d::Identity());
  auto result = oneClickCuboid(index, Eigen::Vector3d(10.0, 0.0, 1.5), defaultLabelSchema());
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("wall"), std::string::npos) << result.error().message;
}

TEST(OneClick, ClassGuessFollowsTheSchemaPriors) {
  const LabelSchema& schema = defaultLabelSchema();
  EXPECT_EQ(guessClassFromSize({4.4, 1.8, 1.5}, schema).className, "car");
  EXPECT_EQ(guessClassFromSize({0.6, 0.6, 1.75}, schema).className, "pedestrian");
  EXPECT_EQ(guessClassFromSize({12.0, 2.55, 3.2}, schema).className, "bus");
}

TEST(TrackSize, FramesSeenFromDifferentSidesGiveTheWholeSize) {
  // A car driving past: first its rear-left corner, then its side, then its
  // front-left corner; one frame alone sees at most two faces.
  std::vector<SweepIndex> sweeps;
  std::vector<TrackObservation> observations;
  for (double x : {-12.0, 0.0, 12.0}) {
    const Cuboid truth = carOnGround({x, 8.0}, 0.0);
    PointCloud cloud;
    addGround(cloud, {x, 8.0}, 6.0, 0.0);
    addVisibleSides(cloud, truth);
    sweeps.push_back(SweepIndex::build(cloud, Eigen::Isometry3d::Identity()));
  }
  const double xs[] = {-12.0, 0.0, 12.0};
  for (std::size_t i = 0; i < sweeps.size(); ++i) {
    // The track's boxes: right place, a wrong (typical van) size.
    observations.push_back({&sweeps[i], Cuboid::fromYaw(Eigen::Vector3d(xs[i], 8.0, 1.0),
                                                        Eigen::Vector3d(5.2, 2.0, 2.1), 0.0)});
  }
  auto size = refineTrackSize(observations);
  ASSERT_TRUE(size.ok()) << size.error().message;
  EXPECT_EQ(size->frames, 3U);
  EXPECT_GT(size->points, 500U);
  EXPECT_NEAR(size->size.x(), kCarSize.x(), 0.1);
  EXPECT_NEAR(size->size.y(), kCarSize.y(), 0.1);
  EXPECT_NEAR(size->size.z(), kCarSize.z(), 0.1);
  EXPECT_FALSE(refineTrackSize({}).ok());
}

}  // namespace
}  // namespace fuselabel
