#include "core/geometry/angle.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

namespace fuselabel {
namespace {

TEST(NormalizeAngle, RangeIsHalfOpenMinusPiToPi) {
  EXPECT_DOUBLE_EQ(normalizeAngle(std::numbers::pi), std::numbers::pi);
  EXPECT_DOUBLE_EQ(normalizeAngle(-std::numbers::pi), std::numbers::pi);
  EXPECT_DOUBLE_EQ(normalizeAngle(3.0 * std::numbers::pi), std::numbers::pi);
  EXPECT_DOUBLE_EQ(normalizeAngle(0.0), 0.0);
  EXPECT_DOUBLE_EQ(normalizeAngle(0.25), 0.25);
  EXPECT_NEAR(normalizeAngle(2.0 * std::numbers::pi + 0.5), 0.5, 1e-12);
  EXPECT_NEAR(normalizeAngle(-2.0 * std::numbers::pi - 0.5), -0.5, 1e-12);
  EXPECT_NEAR(normalizeAngle(1.5 * std::numbers::pi), -0.5 * std::numbers::pi, 1e-12);
  EXPECT_NEAR(normalizeAngle(-1.5 * std::numbers::pi), 0.5 * std::numbers::pi, 1e-12);
  EXPECT_NEAR(normalizeAngle(101.0 * std::numbers::pi + 0.1), -std::numbers::pi + 0.1, 1e-9);
}

TEST(NormalizeAngle, ManyValuesStayInRangeAndKeepSinCos) {
  for (double a = -50.0; a <= 50.0; a += 0.037) {
    const double n = normalizeAngle(a);
    EXPECT_GT(n, -std::numbers::pi);
    EXPECT_LE(n, std::numbers::pi);
    EXPECT_NEAR(std::sin(n), std::sin(a), 1e-12);
    EXPECT_NEAR(std::cos(n), std::cos(a), 1e-12);
  }
}

TEST(NormalizeAngle, NonFinitePassesThrough) {
  EXPECT_TRUE(std::isnan(normalizeAngle(std::numeric_limits<double>::quiet_NaN())));
  EXPECT_TRUE(std::isinf(normalizeAngle(std::numeric_limits<double>::infinity())));
}

TEST(AngleDifference, WrapsAcrossPi) {
  EXPECT_NEAR(angleDifference(std::numbers::pi - 0.1, -std::numbers::pi + 0.1), -0.2, 1e-12);
  EXPECT_NEAR(angleDifference(-std::numbers::pi + 0.1, std::numbers::pi - 0.1), 0.2, 1e-12);
}

}  // namespace
}  // namespace fuselabel
