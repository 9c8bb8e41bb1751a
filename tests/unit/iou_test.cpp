#include "core/geometry/iou.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <vector>

// Boost.Geometry 1.74 trips GCC 12's -Wmaybe-uninitialized inside its own
// rescale policy; the pragma covers the header's code locations only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// Boost 1.74 snaps overlay input to an integer grid by default ("rescaling"),
// which costs ~1e-7 relative accuracy; the oracle must be exact to rounding.
#define BOOST_GEOMETRY_NO_ROBUSTNESS
#include <boost/geometry.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include "core/geometry/transform.hpp"

namespace fuselabel {
namespace {

namespace bg = boost::geometry;
using BgPoint = bg::model::d2::point_xy<double>;
using BgPolygon = bg::model::polygon<BgPoint, /*ClockWise=*/false, /*Closed=*/true>;

Cuboid box(double x, double y, double z, double l, double w, double h, double yaw) {
  return Cuboid::fromYaw(Eigen::Vector3d(x, y, z), Eigen::Vector3d(l, w, h), yaw);
}

// The oracle builds its rectangle from (x, y, l, w, yaw) itself, not from Cuboid::corners().
BgPolygon footprint(const Cuboid& c) {
  const double yaw = c.yaw();
  const double cs = std::cos(yaw);
  const double sn = std::sin(yaw);
  const double hl = c.size.x() / 2;
  const double hw = c.size.y() / 2;
  BgPolygon poly;
  const double local[4][2] = {{hl, -hw}, {hl, hw}, {-hl, hw}, {-hl, -hw}};
  for (const auto& p : local) {
    bg::append(poly.outer(),
               BgPoint(c.center.x() + cs * p[0] - sn * p[1], c.center.y() + sn * p[0] + cs * p[1]));
  }
  bg::append(poly.outer(), poly.outer().front());
  bg::correct(poly);
  return poly;
}

double boostIntersectionArea(const Cuboid& a, const Cuboid& b) {
  std::vector<BgPolygon> out;
  bg::intersection(footprint(a), footprint(b), out);
  double area = 0.0;
  for (const BgPolygon& p : out) {
    area += bg::area(p);
  }
  return area;
}

double heightOverlap(const Cuboid& a, const Cuboid& b) {
  const double top = std::min(a.center.z() + a.size.z() / 2, b.center.z() + b.size.z() / 2);
  const double bottom = std::max(a.center.z() - a.size.z() / 2, b.center.z() - b.size.z() / 2);
  return std::max(0.0, top - bottom);
}

struct OracleStats {
  double maxIouError = 0.0;
  double maxAreaRelError = 0.0;
  int overlapping = 0;
};

void compareWithBoost(const Cuboid& a, const Cuboid& b, OracleStats& stats) {
  const double areaA = a.size.x() * a.size.y();
  const double areaB = b.size.x() * b.size.y();
  const double expectedInter = boostIntersectionArea(a, b);
  const double expectedIou = expectedInter / (areaA + areaB - expectedInter);
  const double inter = bevIntersectionArea(a, b);
  const double iou = bevIou(a, b);
  const double scale = std::max(areaA, areaB);
  // 1e-9 relative to the larger footprint (the union's scale).
  EXPECT_NEAR(inter, expectedInter, 1e-9 * scale);
  EXPECT_NEAR(iou, expectedIou, 1e-9);
  const double h = heightOverlap(a, b);
  const double volA = areaA * a.size.z();
  const double volB = areaB * b.size.z();
  const double expected3d = expectedInter * h / (volA + volB - expectedInter * h);
  EXPECT_NEAR(iou3d(a, b), expected3d, 1e-9);
  stats.maxIouError = std::max(stats.maxIouError, std::abs(iou - expectedIou));
  stats.maxAreaRelError = std::max(stats.maxAreaRelError, std::abs(inter - expectedInter) / scale);
  stats.overlapping += expectedInter > 0.0 ? 1 : 0;
}

TEST(IouOracle, RandomPairsMatchBoostGeometry) {
  std::mt19937_64 rng(20240611);
  std::uniform_real_distribution<double> angle(-std::numbers::pi, std::numbers::pi);
  std::uniform_real_distribution<double> size(0.3, 6.0);
  std::uniform_real_distribution<double> far(-30.0, 30.0);
  std::uniform_real_distribution<double> near(-2.0, 2.0);
  std::uniform_real_distribution<double> z(-1.0, 1.0);
  std::uniform_int_distribution<int> quarter(-4, 4);
  OracleStats stats;
  for (int i = 0; i < 6000; ++i) {
    const Cuboid a = box(far(rng), far(rng), z(rng), size(rng), size(rng), size(rng), angle(rng));
    Cuboid b;
    switch (i % 4) {
      case 0:  // anywhere: mostly disjoint
        b = box(far(rng), far(rng), z(rng), size(rng), size(rng), size(rng), angle(rng));
        break;
      case 1:  // nearby, any heading: overlapping most of the time
        b = box(a.center.x() + near(rng), a.center.y() + near(rng), z(rng), size(rng), size(rng),
                size(rng), angle(rng));
        break;
      case 2:  // nearby with a heading that differs by a multiple of 90°: parallel edges
        b = box(a.center.x() + near(rng), a.center.y() + near(rng), z(rng), size(rng), size(rng),
                size(rng), a.yaw() + quarter(rng) * std::numbers::pi / 2);
        break;
      default:  // same heading and size, small offset: the tracking case
        b = box(a.center.x() + near(rng) / 4, a.center.y() + near(rng) / 4, a.center.z(),
                a.size.x(), a.size.y(), a.size.z(), a.yaw() + near(rng) / 20);
        break;
    }
    compareWithBoost(a, b, stats);
    compareWithBoost(b, a, stats);
    EXPECT_NEAR(bevIou(a, b), bevIou(b, a), 1e-12);
    EXPECT_NEAR(iou3d(a, b), iou3d(b, a), 1e-12);
  }
  EXPECT_GT(stats.overlapping, 6000);  // of 12000 comparisons
  RecordProperty("max_iou_error", std::to_string(stats.maxIouError));
  std::printf(
      "IoU vs Boost.Geometry: max |IoU diff| = %.3g, max |area diff| / area = %.3g, overlapping "
      "%d/12000\n",
      stats.maxIouError, stats.maxAreaRelError, stats.overlapping);
}

TEST(IouOracle, LargeWorldCoordinatesMatchBoostGeometry) {
  // Boxes far from the origin (a world frame 5 km away), near each other.
  std::mt19937_64 rng(99);
  std::uniform_real_distribution<double> angle(-std::numbers::pi, std::numbers::pi);
  std::uniform_real_distribution<double> size(0.5, 5.0);
  std::uniform_real_distribution<double> near(-1.5, 1.5);
  OracleStats stats;
  for (int i = 0; i < 1000; ++i) {
    const Cuboid a =
        box(5000.0 + near(rng), -3000.0 + near(rng), 0, size(rng), size(rng), 2, angle(rng));
    const Cuboid b = box(a.center.x() + near(rng), a.center.y() + near(rng), 0, size(rng),
                         size(rng), 2, angle(rng));
    compareWithBoost(a, b, stats);
  }
  EXPECT_GT(stats.overlapping, 500);
}

TEST(Iou, IdenticalBoxesGiveOne) {
  for (const double yaw : {0.0, 0.37, std::numbers::pi / 2, std::numbers::pi, -2.5}) {
    const Cuboid a = box(12.5, -7.25, 1.0, 4.2, 1.9, 1.6, yaw);
    EXPECT_DOUBLE_EQ(bevIou(a, a), 1.0) << yaw;
    EXPECT_DOUBLE_EQ(iou3d(a, a), 1.0) << yaw;
  }
  // The same box with its heading reversed occupies the same space.
  EXPECT_NEAR(bevIou(box(0, 0, 0, 4, 2, 1, 0.3), box(0, 0, 0, 4, 2, 1, 0.3 + std::numbers::pi)),
              1.0, 1e-12);
}

TEST(Iou, TouchingEdgesGiveZero) {
  EXPECT_EQ(bevIou(box(0, 0, 0, 2, 2, 1, 0), box(2, 0, 0, 2, 2, 1, 0)), 0.0);
  EXPECT_EQ(bevIou(box(0, 0, 0, 2, 2, 1, 0), box(2, 2, 0, 2, 2, 1, 0)), 0.0);  // corner to corner
  // Rotated boxes sharing an edge: zero up to rounding.
  const double yaw = 0.6;
  const Cuboid a = box(3, 4, 0, 4, 2, 1, yaw);
  const Cuboid b = box(3 + 4 * std::cos(yaw), 4 + 4 * std::sin(yaw), 0, 4, 2, 1, yaw);
  EXPECT_NEAR(bevIou(a, b), 0.0, 1e-12);
  // Stacked boxes touch in z: footprint overlap 1, volume overlap 0.
  EXPECT_EQ(bevIou(box(0, 0, 0, 2, 2, 2, 0), box(0, 0, 2, 2, 2, 2, 0)), 1.0);
  EXPECT_EQ(iou3d(box(0, 0, 0, 2, 2, 2, 0), box(0, 0, 2, 2, 2, 2, 0)), 0.0);
}

TEST(Iou, OneInsideTheOtherIsVolumeRatio) {
  const Cuboid outer = box(1, 1, 1, 4, 4, 4, 0.2);
  const Cuboid inner = box(1.2, 0.9, 1.1, 1, 2, 1, 1.1);
  EXPECT_NEAR(bevIou(outer, inner), 2.0 / 16.0, 1e-12);
  EXPECT_NEAR(iou3d(outer, inner), 2.0 / 64.0, 1e-12);
  EXPECT_NEAR(iou3d(inner, outer), 2.0 / 64.0, 1e-12);
}

TEST(Iou, NinetyDegreeRotations) {
  const Cuboid a = box(0, 0, 0, 4, 2, 1, 0);
  // Crossed: 2 x 2 overlap, union 8 + 8 - 4.
  EXPECT_NEAR(bevIou(a, box(0, 0, 0, 4, 2, 1, std::numbers::pi / 2)), 4.0 / 12.0, 1e-12);
  EXPECT_NEAR(bevIou(a, box(0, 0, 0, 4, 2, 1, -std::numbers::pi / 2)), 4.0 / 12.0, 1e-12);
  EXPECT_NEAR(bevIou(a, box(0, 0, 0, 4, 2, 1, std::numbers::pi)), 1.0, 1e-12);
  // A box given as width × length turned 90° is the same footprint.
  EXPECT_NEAR(bevIou(a, box(0, 0, 0, 2, 4, 1, std::numbers::pi / 2)), 1.0, 1e-12);
}

TEST(Iou, HandComputedPartialOverlap) {
  // Unit squares offset by (0.5, 0.5): 0.25 / 1.75.
  EXPECT_NEAR(bevIou(box(0, 0, 0, 1, 1, 1, 0), box(0.5, 0.5, 0, 1, 1, 1, 0)), 0.25 / 1.75, 1e-12);
  // Square and the same square turned 45°: regular octagon, area 2(√2 − 1) · s².
  const double octagon = 2.0 * (std::sqrt(2.0) - 1.0);
  EXPECT_NEAR(
      bevIntersectionArea(box(0, 0, 0, 1, 1, 1, 0), box(0, 0, 0, 1, 1, 1, std::numbers::pi / 4)),
      octagon, 1e-12);
  EXPECT_NEAR(bevIou(box(0, 0, 0, 1, 1, 1, 0), box(0, 0, 0, 1, 1, 1, std::numbers::pi / 4)),
              octagon / (2.0 - octagon), 1e-12);
}

TEST(Iou, DisjointGivesZero) {
  EXPECT_EQ(bevIou(box(0, 0, 0, 1, 1, 1, 0), box(10, 0, 0, 1, 1, 1, 0.5)), 0.0);
  EXPECT_EQ(iou3d(box(0, 0, 0, 1, 1, 1, 0), box(0, 0, 5, 1, 1, 1, 0)), 0.0);
  // Axis-aligned bounds overlap but the rotated footprints do not.
  EXPECT_EQ(bevIou(box(0, 0, 0, 4, 0.5, 1, std::numbers::pi / 4), box(1.6, -1.6, 0, 1, 1, 1, 0)),
            0.0);
}

TEST(Iou, TinyBoxes) {
  const double s = 1e-3;
  const Cuboid a = box(100.0, 200.0, 0.0, s, s, s, 0.4);
  EXPECT_NEAR(bevIou(a, a), 1.0, 1e-12);
  // Shifted by half its length along its heading: overlap ½, union 1½.
  const Cuboid b =
      box(100.0 + 0.5 * s * std::cos(0.4), 200.0 + 0.5 * s * std::sin(0.4), 0.0, s, s, s, 0.4);
  EXPECT_NEAR(bevIou(a, b), 1.0 / 3.0, 1e-6);
  EXPECT_NEAR(iou3d(a, b), 1.0 / 3.0, 1e-6);
}

TEST(Iou, PartialHeightOverlap) {
  // Same footprint, z ranges [0, 2] and [1, 3]: 1 / 3.
  EXPECT_NEAR(iou3d(box(0, 0, 1, 2, 2, 2, 0), box(0, 0, 2, 2, 2, 2, 0)), 1.0 / 3.0, 1e-12);
  // Half footprint overlap and half height overlap: inter 2·1 = 2 of volumes 8 and 8.
  EXPECT_NEAR(iou3d(box(0, 0, 1, 2, 2, 2, 0), box(1, 0, 2, 2, 2, 2, 0)), 2.0 / 14.0, 1e-12);
  EXPECT_NEAR(intersectionVolume(box(0, 0, 1, 2, 2, 2, 0), box(1, 0, 2, 2, 2, 2, 0)), 2.0, 1e-12);
}

TEST(Iou, PitchAndRollAreIgnored) {
  const Cuboid flat = box(0, 0, 0, 4, 2, 1.5, 0.5);
  Cuboid tilted = flat;
  tilted.rotation = Eigen::Quaterniond(rotationFromYawPitchRoll(0.5, 0.2, -0.1));
  EXPECT_DOUBLE_EQ(bevIou(flat, tilted), 1.0);
  EXPECT_DOUBLE_EQ(iou3d(flat, tilted), 1.0);
}

TEST(Iou, DegenerateInputsGiveZeroNeverNan) {
  const Cuboid good = box(0, 0, 0, 2, 2, 2, 0);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<Cuboid> bad = {
      box(0, 0, 0, 0, 2, 2, 0),   box(0, 0, 0, 2, 0, 2, 0),   box(0, 0, 0, -1, 2, 2, 0),
      box(nan, 0, 0, 2, 2, 2, 0), box(0, 0, 0, 2, 2, 2, nan), box(0, 0, 0, inf, 2, 2, 0),
      box(0, 0, 0, 2, nan, 2, 0), box(0, 0, inf, 2, 2, 2, 0),
  };
  for (const Cuboid& b : bad) {
    for (const double v :
         {bevIou(good, b), bevIou(b, good), iou3d(good, b), iou3d(b, good), bevIou(b, b),
          iou3d(b, b), bevIntersectionArea(b, good), intersectionVolume(good, b)}) {
      EXPECT_FALSE(std::isnan(v));
      EXPECT_EQ(v, 0.0);
    }
  }
  // Zero height: the footprint still has an IoU, the volume does not.
  const Cuboid flat = box(0, 0, 0, 2, 2, 0, 0);
  EXPECT_DOUBLE_EQ(bevIou(flat, good), 1.0);
  EXPECT_EQ(iou3d(flat, good), 0.0);
  // Zero quaternion.
  Cuboid zeroRotation = good;
  zeroRotation.rotation = Eigen::Quaterniond(0, 0, 0, 0);
  EXPECT_EQ(bevIou(zeroRotation, good), 0.0);
}

}  // namespace
}  // namespace fuselabel
