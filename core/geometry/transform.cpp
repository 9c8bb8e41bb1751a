#include "core/geometry/transform.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <string>

#include <Eigen/SVD>

#include "core/geometry/angle.hpp"

namespace fuselabel {
namespace {

std::string formatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", value);
  return buffer;
}

bool allFinite(std::span<const double> values) {
  for (const double v : values) {
    if (!std::isfinite(v)) {
      return false;
    }
  }
  return true;
}

Result<Eigen::Quaterniond> normalizedQuaternion(double w, double x, double y, double z) {
  if (!std::isfinite(w) || !std::isfinite(x) || !std::isfinite(y) || !std::isfinite(z)) {
    return Error{"quaternion has a non-finite component"};
  }
  const double norm = std::sqrt(w * w + x * x + y * y + z * z);
  // Below this a rotation axis cannot be recovered meaningfully.
  if (!(norm > 1e-12)) {
    return Error{"quaternion has zero length"};
  }
  return Eigen::Quaterniond(w / norm, x / norm, y / norm, z / norm);
}

Result<Eigen::Isometry3d> fromRotationAndTranslation(const Eigen::Matrix3d& rotation,
                                                     const Eigen::Vector3d& translation,
                                                     double tolerance) {
  Result<Eigen::Matrix3d> r = validatedRotation(rotation, tolerance);
  if (!r) {
    return r.error();
  }
  Eigen::Isometry3d transform = Eigen::Isometry3d::Identity();
  transform.linear() = *r;
  transform.translation() = translation;
  return transform;
}

}  // namespace

Result<Eigen::Matrix3d> validatedRotation(const Eigen::Matrix3d& rotation, double tolerance) {
  if (!rotation.allFinite()) {
    return Error{"rotation matrix has a non-finite element"};
  }
  const double orthoError =
      (rotation * rotation.transpose() - Eigen::Matrix3d::Identity()).cwiseAbs().maxCoeff();
  if (orthoError > tolerance) {
    return Error{"rotation matrix is not orthonormal: max |R*R^T - I| = " +
                 formatNumber(orthoError) + " exceeds tolerance " + formatNumber(tolerance)};
  }
  const double det = rotation.determinant();
  if (std::abs(det - 1.0) > tolerance) {
    return Error{"rotation matrix has determinant " + formatNumber(det) +
                 " (expected +1; -1 means a reflection, e.g. a left-handed frame)"};
  }
  // Snap to the nearest rotation so inverse() (a transpose for Isometry3d) is exact.
  const Eigen::JacobiSVD<Eigen::Matrix3d> svd(rotation, Eigen::ComputeFullU | Eigen::ComputeFullV);
  Eigen::Matrix3d nearest = svd.matrixU() * svd.matrixV().transpose();
  return nearest;
}

Result<Eigen::Isometry3d> fromRowMajor3x4(std::span<const double, 12> values, double tolerance) {
  if (!allFinite(values)) {
    return Error{"3x4 transform has a non-finite element"};
  }
  Eigen::Matrix3d rotation;
  rotation << values[0], values[1], values[2], values[4], values[5], values[6], values[8],
      values[9], values[10];
  const Eigen::Vector3d translation(values[3], values[7], values[11]);
  return fromRotationAndTranslation(rotation, translation, tolerance);
}

Result<Eigen::Isometry3d> fromRowMajor4x4(std::span<const double, 16> values, double tolerance) {
  if (!allFinite(values)) {
    return Error{"4x4 transform has a non-finite element"};
  }
  // The bottom row of a rigid transform is exactly 0 0 0 1 in every format we
  // read; anything else means a projection matrix or a transposed layout.
  if (std::abs(values[12]) > tolerance || std::abs(values[13]) > tolerance ||
      std::abs(values[14]) > tolerance || std::abs(values[15] - 1.0) > tolerance) {
    return Error{"4x4 transform's last row is [" + formatNumber(values[12]) + " " +
                 formatNumber(values[13]) + " " + formatNumber(values[14]) + " " +
                 formatNumber(values[15]) +
                 "], expected [0 0 0 1] (column-major or projection matrix?)"};
  }
  return fromRowMajor3x4(values.first<12>(), tolerance);
}

Result<Eigen::Quaterniond> quaternionFromWxyz(double w, double x, double y, double z) {
  return normalizedQuaternion(w, x, y, z);
}

Result<Eigen::Quaterniond> quaternionFromXyzw(double x, double y, double z, double w) {
  return normalizedQuaternion(w, x, y, z);
}

Result<Eigen::Isometry3d> fromQuaternionWxyz(std::span<const double, 4> wxyz,
                                             const Eigen::Vector3d& translation) {
  Result<Eigen::Quaterniond> q = quaternionFromWxyz(wxyz[0], wxyz[1], wxyz[2], wxyz[3]);
  if (!q) {
    return q.error();
  }
  if (!translation.allFinite()) {
    return Error{"translation has a non-finite component"};
  }
  Eigen::Isometry3d transform = Eigen::Isometry3d::Identity();
  transform.linear() = q->toRotationMatrix();
  transform.translation() = translation;
  return transform;
}

Result<Eigen::Isometry3d> fromQuaternionXyzw(std::span<const double, 4> xyzw,
                                             const Eigen::Vector3d& translation) {
  const std::array<double, 4> wxyz{xyzw[3], xyzw[0], xyzw[1], xyzw[2]};
  return fromQuaternionWxyz(wxyz, translation);
}

Eigen::Matrix3d rotationFromYawPitchRoll(double yaw, double pitch, double roll) {
  return (Eigen::AngleAxisd(yaw, Eigen::Vector3d::UnitZ()) *
          Eigen::AngleAxisd(pitch, Eigen::Vector3d::UnitY()) *
          Eigen::AngleAxisd(roll, Eigen::Vector3d::UnitX()))
      .toRotationMatrix();
}

Eigen::Isometry3d fromYawPitchRoll(double yaw, double pitch, double roll,
                                   const Eigen::Vector3d& translation) {
  Eigen::Isometry3d transform = Eigen::Isometry3d::Identity();
  transform.linear() = rotationFromYawPitchRoll(yaw, pitch, roll);
  transform.translation() = translation;
  return transform;
}

double yawOf(const Eigen::Matrix3d& rotation) {
  // Column 0 is the rotated x axis; its heading in the xy plane is the yaw.
  if (rotation(0, 0) == 0.0 && rotation(1, 0) == 0.0) {
    return 0.0;
  }
  return normalizeAngle(std::atan2(rotation(1, 0), rotation(0, 0)));
}

double yawOf(const Eigen::Quaterniond& rotation) {
  return yawOf(rotation.toRotationMatrix());
}

Eigen::Vector3d yawPitchRollOf(const Eigen::Matrix3d& rotation) {
  // R = Rz(y) Ry(p) Rx(r): R(2,0) = -sin p, R(2,1) = cos p sin r, R(2,2) = cos p cos r,
  // R(1,0) = sin y cos p, R(0,0) = cos y cos p.
  const double sinPitch = std::clamp(-rotation(2, 0), -1.0, 1.0);
  const double cosPitch = std::hypot(rotation(0, 0), rotation(1, 0));
  // Below this |cos p| the yaw and roll axes coincide (gimbal lock).
  if (cosPitch < 1e-9) {
    // With roll := 0 the top-left 2x2 block holds -sin y in R(0,1) and cos y in R(1,1).
    const double yaw = std::atan2(-rotation(0, 1), rotation(1, 1));
    // asin is ill-conditioned near ±1; the pitch here is ±pi/2 by definition.
    const double pitch = std::copysign(std::numbers::pi / 2, sinPitch);
    return {normalizeAngle(yaw), pitch, 0.0};
  }
  const double yaw = std::atan2(rotation(1, 0), rotation(0, 0));
  const double roll = std::atan2(rotation(2, 1), rotation(2, 2));
  return {normalizeAngle(yaw), std::atan2(sinPitch, cosPitch), normalizeAngle(roll)};
}

std::array<double, 12> toRowMajor3x4(const Eigen::Isometry3d& transform) {
  std::array<double, 12> out{};
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 4; ++c) {
      out[static_cast<std::size_t>(r * 4 + c)] = transform.matrix()(r, c);
    }
  }
  return out;
}

std::array<double, 16> toRowMajor4x4(const Eigen::Isometry3d& transform) {
  std::array<double, 16> out{};
  for (int r = 0; r < 4; ++r) {
    for (int c = 0; c < 4; ++c) {
      out[static_cast<std::size_t>(r * 4 + c)] = transform.matrix()(r, c);
    }
  }
  return out;
}

}  // namespace fuselabel
