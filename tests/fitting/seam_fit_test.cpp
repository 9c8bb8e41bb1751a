// The auto-fit of an object across the sweep's seam: a spinning LiDAR starts
// and ends its sweep at one azimuth, so an object there is scanned at both
// ends of the sweep, a period apart, and a moving one shows in two places.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "core/fitting/cuboid_fit.hpp"
#include "core/geometry/points_in_cuboid.hpp"
#include "datasets/sequence/sweep_fitting.hpp"

namespace fuselabel {
namespace {

constexpr double kSpeed = 10.0;                  // m/s along +x
constexpr std::int64_t kHalfSweep = 50'000'000;  // ns: a 10 Hz sweep from -50 to +50 ms
const Eigen::Vector3d kFollowerSize(4.5, 1.8, 1.5);

struct SeamScene {
  PointCloud cloud;  // world = sensor frame, ground at z = -1.7
  std::vector<std::int64_t> times;

  void add(const Eigen::Vector3d& p, std::int64_t t) {
    cloud.append(static_cast<float>(p.x()), static_cast<float>(p.y()), static_cast<float>(p.z()),
                 0.0f);
    times.push_back(t);
  }
  IndexedSweep sweep() const {
    IndexedSweep out;
    out.index = SweepIndex::build(cloud, Eigen::Isometry3d::Identity());
    out.timesFromFrameNs = times;
    out.sweepSpanNs = 2 * kHalfSweep;
    return out;
  }
};

// A car following the sensor 8 m behind (centre at x = -8 at the frame's
// time), moving at kSpeed. Behind the sensor is the seam: its front face
// left of the centre line (y > 0) is scanned at the end of the sweep, the
// right part at the start, each where the car was then. `leftTo` sets how
// much of the face lies on the late side. Ground all around, scanned at the
// time of its azimuth.
SeamScene followerAcrossTheSeam(double leftTo) {
  SeamScene scene;
  for (double x = -16.0; x <= 0.0; x += 0.25)
    for (double y = -6.0; y <= 6.0; y += 0.25) {
      const double azimuth = std::atan2(y, x);  // ±π behind: the seam
      const auto t = static_cast<std::int64_t>(azimuth / std::numbers::pi * kHalfSweep);
      scene.add(Eigen::Vector3d(x, y, -1.7), t);
    }
  const double frontX = -8.0 + 0.5 * kFollowerSize.x();
  for (double y = -0.9; y <= leftTo + 1e-9; y += 0.05)
    for (double z = -1.4; z <= -0.2 + 1e-9; z += 0.05) {
      const std::int64_t t = y > 0.0 ? kHalfSweep - 2'000'000 : -kHalfSweep + 2'000'000;
      scene.add(Eigen::Vector3d(frontX + kSpeed * 1e-9 * static_cast<double>(t), y, z), t);
    }
  return scene;
}

// Mean capture time (s) of the scene's points in `box`.
double meanTimeIn(const SeamScene& scene, const Cuboid& box) {
  double sum = 0.0;
  std::size_t count = 0;
  for (std::size_t i : pointsInCuboidIndices(scene.cloud, box)) {
    sum += 1e-9 * static_cast<double>(scene.times[i]);
    ++count;
  }
  return count > 0 ? sum / static_cast<double>(count) : 0.0;
}

FitOptions followerOptions() {
  FitOptions options;
  options.knownSize = kFollowerSize;
  return options;
}

Cuboid roughFollower() {
  return Cuboid::fromYaw(Eigen::Vector3d(-8.0, 0.0, -0.95), kFollowerSize, 0.0);
}

TEST(SeamFit, AnObjectAcrossTheSeamIsFittedOnTheSideWithMoreOfItsPoints) {
  const IndexedSweep sweep = followerAcrossTheSeam(0.9).sweep();
  const Result<TimedFit> fit = sweep.fit(roughFollower(), followerOptions());
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  // Late side: the car 48 ms on, 0.48 m ahead; its fit says when.
  EXPECT_NEAR(fit->timeOffsetS, 0.048, 0.002);
  EXPECT_NEAR(fit->fit.box.center.x(), -8.0 + kSpeed * 0.048, 0.1);
  // Compared at its capture time, the fit is where the car was then.
  EXPECT_NEAR(fit->fit.box.center.x() - kSpeed * fit->timeOffsetS, -8.0, 0.1);
}

TEST(SeamFit, TheSideWithMorePointsWinsEitherWay) {
  // Most of the face right of the centre line: the early side.
  const IndexedSweep sweep = followerAcrossTheSeam(0.2).sweep();
  const Result<TimedFit> fit = sweep.fit(roughFollower(), followerOptions());
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  EXPECT_NEAR(fit->timeOffsetS, -0.048, 0.002);
  EXPECT_NEAR(fit->fit.box.center.x() - kSpeed * fit->timeOffsetS, -8.0, 0.1);
}

TEST(SeamFit, BothSidesTogetherWouldSmearTheObject) {
  // What the seam split avoids: fitted on all its points, the face is a
  // metre deep and the fit's capture time the mean of two ends of the sweep.
  SeamScene scene = followerAcrossTheSeam(0.9);
  const IndexedSweep sweep = scene.sweep();
  const Result<CuboidFit> all = fitCuboid(sweep.index, roughFollower(), followerOptions());
  ASSERT_TRUE(all.ok());
  const double allTime = meanTimeIn(scene, all->box);
  EXPECT_GT(std::abs(all->box.center.x() - kSpeed * allTime - (-8.0)), 0.2);
}

TEST(SeamFit, AnObjectAwayFromTheSeamFitsAsWithoutTimes) {
  SeamScene scene;
  // A parked car ahead, scanned mid-sweep, ground around it.
  for (double x = 4.0; x <= 20.0; x += 0.25)
    for (double y = -6.0; y <= 6.0; y += 0.25)
      scene.add(Eigen::Vector3d(x, y, -1.7), 0);
  const Cuboid truth = Cuboid::fromYaw(Eigen::Vector3d(12.0, 0.0, -0.95), kFollowerSize, 0.0);
  for (double y = -0.9; y <= 0.9 + 1e-9; y += 0.05)
    for (double z = -1.4; z <= -0.2 + 1e-9; z += 0.05)
      scene.add(Eigen::Vector3d(12.0 - 2.25, y, z), 1'000'000);
  const IndexedSweep sweep = scene.sweep();
  const Result<TimedFit> fit = sweep.fit(truth, followerOptions());
  const Result<CuboidFit> plain = fitCuboid(sweep.index, truth, followerOptions());
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  ASSERT_TRUE(plain.ok());
  EXPECT_NEAR((fit->fit.box.center - plain->box.center).norm(), 0.0, 1e-9);
  EXPECT_EQ(fit->fit.points, plain->points);
  EXPECT_NEAR(fit->timeOffsetS, meanTimeIn(scene, plain->box), 1e-12);
}

}  // namespace
}  // namespace fuselabel
