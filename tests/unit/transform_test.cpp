#include "core/geometry/transform.hpp"

#include "core/geometry/angle.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <random>

namespace fuselabel {
namespace {

const double kHalfSqrt2 = std::sqrt(0.5);

void expectMatrixNear(const Eigen::Matrix3d& actual, const Eigen::Matrix3d& expected, double tol) {
  EXPECT_LE((actual - expected).cwiseAbs().maxCoeff(), tol) << "actual\n"
                                                            << actual << "\nexpected\n"
                                                            << expected;
}

void expectIsRotation(const Eigen::Matrix3d& r) {
  EXPECT_LE((r * r.transpose() - Eigen::Matrix3d::Identity()).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_NEAR(r.determinant(), 1.0, 1e-12);
}

TEST(Transform, RowMajor3x4MapsFrameBIntoFrameA) {
  // Frame b is frame a turned 90° about z and moved by (1, 2, 3).
  const std::array<double, 12> m{0, -1, 0, 1,  //
                                 1, 0,  0, 2,  //
                                 0, 0,  1, 3};
  Result<Eigen::Isometry3d> T_a_b = fromRowMajor3x4(m);
  ASSERT_TRUE(T_a_b) << T_a_b.error().message;
  const Eigen::Vector3d p_a = *T_a_b * Eigen::Vector3d(1, 0, 0);
  EXPECT_TRUE(p_a.isApprox(Eigen::Vector3d(1, 3, 3), 1e-15)) << p_a.transpose();
  EXPECT_EQ(toRowMajor3x4(*T_a_b), m);
}

TEST(Transform, RowMajor4x4RoundTrip) {
  const Eigen::Isometry3d T = fromYawPitchRoll(0.3, -0.2, 1.1, Eigen::Vector3d(4, -5, 6));
  const std::array<double, 16> m = toRowMajor4x4(T);
  EXPECT_DOUBLE_EQ(m[3], 4.0);
  EXPECT_DOUBLE_EQ(m[7], -5.0);
  EXPECT_DOUBLE_EQ(m[11], 6.0);
  EXPECT_DOUBLE_EQ(m[15], 1.0);
  Result<Eigen::Isometry3d> back = fromRowMajor4x4(m);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_TRUE(back->isApprox(T, 1e-14));
}

TEST(Transform, CompositionFollowsTabConvention) {
  const Eigen::Isometry3d T_a_b = fromYawPitchRoll(0.7, 0.1, -0.3, Eigen::Vector3d(1, 2, 3));
  const Eigen::Isometry3d T_b_c = fromYawPitchRoll(-1.2, 0.4, 0.2, Eigen::Vector3d(-3, 0.5, 2));
  const Eigen::Isometry3d T_a_c = T_a_b * T_b_c;
  const Eigen::Vector3d p_c(0.3, -7, 2);
  EXPECT_TRUE((T_a_c * p_c).isApprox(T_a_b * (T_b_c * p_c), 1e-14));
  EXPECT_TRUE((T_a_c.inverse() * (T_a_c * p_c)).isApprox(p_c, 1e-14));
}

TEST(Transform, SlightlyNonOrthonormalRotationIsAcceptedAndSnapped) {
  // KITTI's Tr_velo_to_cam from kitti_object_vis 000000, printed with 7 digits.
  const std::array<double, 12> m{7.533745e-03, -9.999714e-01, -6.166020e-04, -4.069766e-03,
                                 1.480249e-02, 7.280733e-04,  -9.998902e-01, -7.631618e-02,
                                 9.998621e-01, 7.523790e-03,  1.480755e-02,  -2.717806e-01};
  Result<Eigen::Isometry3d> T = fromRowMajor3x4(m);
  ASSERT_TRUE(T) << T.error().message;
  expectIsRotation(T->linear());
  EXPECT_LE(
      (T->linear() - Eigen::Matrix3d{{m[0], m[1], m[2]}, {m[4], m[5], m[6]}, {m[8], m[9], m[10]}})
          .cwiseAbs()
          .maxCoeff(),
      1e-6);
}

TEST(Transform, InvalidMatricesGiveClearErrors) {
  std::array<double, 12> scaled{2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0};
  Result<Eigen::Isometry3d> r = fromRowMajor3x4(scaled);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("not orthonormal"), std::string::npos) << r.error().message;

  std::array<double, 12> reflection{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, -1, 0};
  r = fromRowMajor3x4(reflection);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("determinant"), std::string::npos) << r.error().message;

  std::array<double, 12> nan{1, 0, 0, std::numeric_limits<double>::quiet_NaN(), 0, 1, 0, 0, 0,
                             0, 1, 0};
  r = fromRowMajor3x4(nan);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("non-finite"), std::string::npos) << r.error().message;

  // Column-major storage of a translated transform puts the translation in the last row.
  std::array<double, 16> columnMajor{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 5, 6, 7, 1};
  Result<Eigen::Isometry3d> r4 = fromRowMajor4x4(columnMajor);
  ASSERT_FALSE(r4);
  EXPECT_NE(r4.error().message.find("last row"), std::string::npos) << r4.error().message;
}

TEST(Transform, QuaternionOrderIsNamedCorrectly) {
  // The same four numbers (c, 0, 0, c), c = sqrt(1/2), read in each order.
  const std::array<double, 4> q{kHalfSqrt2, 0, 0, kHalfSqrt2};
  // w,x,y,z: w = c, z = c → +90° about z: x → y.
  Result<Eigen::Isometry3d> wxyz = fromQuaternionWxyz(q, Eigen::Vector3d(1, 2, 3));
  ASSERT_TRUE(wxyz);
  expectMatrixNear(wxyz->linear(), Eigen::Matrix3d{{0, -1, 0}, {1, 0, 0}, {0, 0, 1}}, 1e-15);
  EXPECT_TRUE(wxyz->translation().isApprox(Eigen::Vector3d(1, 2, 3)));
  // x,y,z,w: x = c, w = c → +90° about x: y → z.
  Result<Eigen::Isometry3d> xyzw = fromQuaternionXyzw(q, Eigen::Vector3d::Zero());
  ASSERT_TRUE(xyzw);
  expectMatrixNear(xyzw->linear(), Eigen::Matrix3d{{1, 0, 0}, {0, 0, -1}, {0, 1, 0}}, 1e-15);

  // A rotation with no symmetry between orders: 120° about (1,1,1) maps x→y→z→x.
  const Eigen::Matrix3d cyclic{{0, 0, 1}, {1, 0, 0}, {0, 1, 0}};
  Result<Eigen::Quaterniond> a = quaternionFromWxyz(0.5, 0.5, 0.5, 0.5);
  ASSERT_TRUE(a);
  expectMatrixNear(a->toRotationMatrix(), cyclic, 1e-15);
  // Same rotation from x,y,z,w with w last; components deliberately unnormalised.
  Result<Eigen::Quaterniond> b = quaternionFromXyzw(2.0, 2.0, 2.0, 2.0);
  ASSERT_TRUE(b);
  expectMatrixNear(b->toRotationMatrix(), cyclic, 1e-15);
  // Its inverse is (w, -x, -y, -z); read as x,y,z,w it is a different rotation.
  Result<Eigen::Quaterniond> c = quaternionFromXyzw(0.5, 0.5, 0.5, -0.5);
  ASSERT_TRUE(c);
  expectMatrixNear(c->toRotationMatrix(), cyclic.transpose(), 1e-15);
}

TEST(Transform, QuaternionIsNormalised) {
  const std::array<double, 4> q{0, 0, 0, 10};  // w,x,y,z: 180° about z
  Result<Eigen::Isometry3d> T = fromQuaternionWxyz(q, Eigen::Vector3d::Zero());
  ASSERT_TRUE(T);
  expectIsRotation(T->linear());
  EXPECT_TRUE((*T * Eigen::Vector3d(1, 0, 0)).isApprox(Eigen::Vector3d(-1, 0, 0), 1e-15));
}

TEST(Transform, InvalidQuaternionsAreErrors) {
  Result<Eigen::Quaterniond> zero = quaternionFromWxyz(0, 0, 0, 0);
  ASSERT_FALSE(zero);
  EXPECT_NE(zero.error().message.find("zero length"), std::string::npos);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(quaternionFromXyzw(nan, 0, 0, 1));
  EXPECT_FALSE(quaternionFromWxyz(1, std::numeric_limits<double>::infinity(), 0, 0));
  const std::array<double, 4> q{1, 0, 0, 0};
  EXPECT_FALSE(fromQuaternionWxyz(q, Eigen::Vector3d(nan, 0, 0)));
}

TEST(Transform, YawPitchRollOrderIsRzRyRx) {
  const double yaw = 0.4;
  const double pitch = -0.25;
  const double roll = 0.9;
  const double cy = std::cos(yaw), sy = std::sin(yaw);
  const double cp = std::cos(pitch), sp = std::sin(pitch);
  const double cr = std::cos(roll), sr = std::sin(roll);
  const Eigen::Matrix3d rz{{cy, -sy, 0}, {sy, cy, 0}, {0, 0, 1}};
  const Eigen::Matrix3d ry{{cp, 0, sp}, {0, 1, 0}, {-sp, 0, cp}};
  const Eigen::Matrix3d rx{{1, 0, 0}, {0, cr, -sr}, {0, sr, cr}};
  expectMatrixNear(rotationFromYawPitchRoll(yaw, pitch, roll), rz * ry * rx, 1e-15);
  // Pure yaw turns +x towards +y.
  EXPECT_TRUE((rotationFromYawPitchRoll(std::numbers::pi / 2, 0, 0) * Eigen::Vector3d::UnitX())
                  .isApprox(Eigen::Vector3d::UnitY()));
}

TEST(Transform, YawPitchRollRoundTrip) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> angle(-std::numbers::pi, std::numbers::pi);
  std::uniform_real_distribution<double> halfAngle(-std::numbers::pi / 2 + 1e-3,
                                                   std::numbers::pi / 2 - 1e-3);
  for (int i = 0; i < 1000; ++i) {
    const double yaw = angle(rng), pitch = halfAngle(rng), roll = angle(rng);
    const Eigen::Matrix3d r = rotationFromYawPitchRoll(yaw, pitch, roll);
    const Eigen::Vector3d ypr = yawPitchRollOf(r);
    EXPECT_NEAR(angleDifference(ypr[0], yaw), 0.0, 1e-9);
    EXPECT_NEAR(ypr[1], pitch, 1e-9);
    EXPECT_NEAR(angleDifference(ypr[2], roll), 0.0, 1e-9);
    EXPECT_NEAR(angleDifference(yawOf(r), yaw), 0.0, 1e-9);
    EXPECT_NEAR(angleDifference(yawOf(Eigen::Quaterniond(r)), yaw), 0.0, 1e-9);
  }
}

TEST(Transform, GimbalLockStillReproducesRotation) {
  for (const double pitch : {std::numbers::pi / 2, -std::numbers::pi / 2}) {
    const Eigen::Matrix3d r = rotationFromYawPitchRoll(0.3, pitch, 0.5);
    const Eigen::Vector3d ypr = yawPitchRollOf(r);
    EXPECT_DOUBLE_EQ(ypr[2], 0.0);
    expectMatrixNear(rotationFromYawPitchRoll(ypr[0], ypr[1], ypr[2]), r, 1e-12);
  }
}

}  // namespace
}  // namespace fuselabel
