#pragma once
// Rigid transforms in the project's T_a_b convention.
//
// A transform named T_a_b maps coordinates in frame b into frame a:
//   p_a = T_a_b * p_b,   T_a_c = T_a_b * T_b_c,   T_b_a = T_a_b.inverse().
// Readers convert each file format's own convention into T_a_b at the file
// boundary with the helpers below; each helper's name states its input layout
// so nobody has to guess the quaternion order or matrix storage.

#include <array>
#include <span>

#include <Eigen/Geometry>

#include "core/util/result.hpp"

namespace fuselabel {

/// Default tolerance on |R Rᵀ - I| (max element) and |det R - 1| when
/// validating a rotation read from a file; loose enough for calibration files
/// printed with 7 significant digits (KITTI), tight enough to reject a scale
/// or a shear.
inline constexpr double kRotationTolerance = 1e-5;

/// T_a_b from the first three rows of a row-major 4×4 matrix
/// [r00 r01 r02 tx; r10 r11 r12 ty; r20 r21 r22 tz]. The rotation must be
/// orthonormal within `tolerance` with det +1; it is then re-orthonormalised
/// (nearest rotation) so the result is exactly rigid.
[[nodiscard]] Result<Eigen::Isometry3d> fromRowMajor3x4(std::span<const double, 12> values,
                                                        double tolerance = kRotationTolerance);

/// T_a_b from a row-major 4×4 matrix; also requires the last row to be 0 0 0 1.
[[nodiscard]] Result<Eigen::Isometry3d> fromRowMajor4x4(std::span<const double, 16> values,
                                                        double tolerance = kRotationTolerance);

/// Rotation from a rotation matrix validated and re-orthonormalised as in
/// fromRowMajor3x4.
[[nodiscard]] Result<Eigen::Matrix3d> validatedRotation(const Eigen::Matrix3d& rotation,
                                                        double tolerance = kRotationTolerance);

/// Unit quaternion from components given in w, x, y, z order (Eigen's
/// constructor order, nuScenes, Argoverse 2). Normalised; zero-length or
/// non-finite input is an error.
[[nodiscard]] Result<Eigen::Quaterniond> quaternionFromWxyz(double w, double x, double y, double z);

/// Unit quaternion from components given in x, y, z, w order (ROS, scipy,
/// Eigen's coeffs()). Normalised; zero-length or non-finite input is an error.
[[nodiscard]] Result<Eigen::Quaterniond> quaternionFromXyzw(double x, double y, double z, double w);

/// T_a_b from a quaternion in w, x, y, z order and a translation (frame b's
/// origin expressed in frame a).
[[nodiscard]] Result<Eigen::Isometry3d> fromQuaternionWxyz(std::span<const double, 4> wxyz,
                                                           const Eigen::Vector3d& translation);

/// T_a_b from a quaternion in x, y, z, w order and a translation.
[[nodiscard]] Result<Eigen::Isometry3d> fromQuaternionXyzw(std::span<const double, 4> xyzw,
                                                           const Eigen::Vector3d& translation);

/// Rotation R = Rz(yaw) · Ry(pitch) · Rx(roll): roll about x first, then pitch
/// about y, then yaw about z, all about the fixed parent axes (intrinsic z-y'-x''
/// Tait-Bryan angles, as in ISO 8855 and ROS RPY).
[[nodiscard]] Eigen::Matrix3d rotationFromYawPitchRoll(double yaw, double pitch, double roll);

/// T_a_b with rotation Rz(yaw) · Ry(pitch) · Rx(roll) and the given translation.
[[nodiscard]] Eigen::Isometry3d fromYawPitchRoll(double yaw, double pitch, double roll,
                                                 const Eigen::Vector3d& translation);

/// Yaw (heading about +z, from +x towards +y, in (-pi, pi]) of the rotation's
/// x axis projected onto the xy plane; consistent with rotationFromYawPitchRoll.
/// Returns 0 when the x axis is vertical.
[[nodiscard]] double yawOf(const Eigen::Matrix3d& rotation);

/// Yaw of a unit quaternion's rotation; see yawOf(Matrix3d).
[[nodiscard]] double yawOf(const Eigen::Quaterniond& rotation);

/// (yaw, pitch, roll) such that rotationFromYawPitchRoll reproduces `rotation`;
/// pitch in [-pi/2, pi/2]. At gimbal lock (pitch = ±pi/2) roll is set to 0.
[[nodiscard]] Eigen::Vector3d yawPitchRollOf(const Eigen::Matrix3d& rotation);

/// The first three rows of the transform's 4×4 matrix, row-major.
[[nodiscard]] std::array<double, 12> toRowMajor3x4(const Eigen::Isometry3d& transform);

/// The transform's 4×4 matrix, row-major.
[[nodiscard]] std::array<double, 16> toRowMajor4x4(const Eigen::Isometry3d& transform);

}  // namespace fuselabel
