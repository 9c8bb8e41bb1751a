#include "calib/camera/camera_model.hpp"

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace fuselabel {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

/// Radial factor of the rational radial-tangential model at squared radius r2.
double radialFactor(const std::array<double, 8>& d, double r2) {
  const double r4 = r2 * r2;
  const double r6 = r4 * r2;
  const double numerator = 1.0 + d[0] * r2 + d[1] * r4 + d[4] * r6;
  const double denominator = 1.0 + d[5] * r2 + d[6] * r4 + d[7] * r6;
  return numerator / denominator;
}

/// Distorted angle of the equidistant model.
double equidistantTheta(const std::array<double, 8>& d, double theta) {
  const double t2 = theta * theta;
  return theta * (1.0 + t2 * (d[0] + t2 * (d[1] + t2 * (d[2] + t2 * d[3]))));
}

bool allFinite(const std::array<double, 8>& values) {
  for (double v : values) {
    if (!std::isfinite(v)) return false;
  }
  return true;
}

}  // namespace

const char* distortionModelName(DistortionModel model) {
  switch (model) {
    case DistortionModel::None:
      return "pinhole";
    case DistortionModel::RadialTangential:
      return "radtan";
    case DistortionModel::Equidistant:
      return "fisheye";
  }
  return "unknown";
}

Result<DistortionModel> parseDistortionModel(const std::string& name) {
  if (name == "pinhole") return DistortionModel::None;
  if (name == "radtan") return DistortionModel::RadialTangential;
  if (name == "fisheye") return DistortionModel::Equidistant;
  return Error{"unknown camera model '" + name + "' (expected pinhole, radtan or fisheye)"};
}

Result<CameraModel> CameraModel::create(const CameraIntrinsics& intrinsics) {
  const auto& k = intrinsics;
  if (!(std::isfinite(k.fx) && std::isfinite(k.fy) && k.fx > 0.0 && k.fy > 0.0)) {
    std::ostringstream message;
    message << "camera intrinsics have a zero, negative or non-finite focal length (fx=" << k.fx
            << ", fy=" << k.fy << ")";
    return Error{message.str()};
  }
  if (!(std::isfinite(k.cx) && std::isfinite(k.cy) && std::isfinite(k.skew))) {
    return Error{"camera intrinsics have a non-finite principal point or skew"};
  }
  if (k.width <= 0 || k.height <= 0) {
    return Error{"camera image size is missing (width and height must be positive, got " +
                 std::to_string(k.width) + "x" + std::to_string(k.height) + ")"};
  }
  if (!allFinite(k.distortion)) {
    return Error{"camera distortion coefficients are not all finite"};
  }
  CameraModel model(intrinsics);
  model.computeValidFieldOfView();
  return model;
}

void CameraModel::computeValidFieldOfView() {
  const auto& d = m_intrinsics.distortion;
  m_maxRadiusSquared = kInfinity;
  m_maxTheta = M_PI_2;
  // Walk outwards until the distorted radius stops growing: that is where the
  // polynomial folds back. Radii beyond ~10 (84° off axis) never matter for a
  // pinhole-like lens, so the scan stops there.
  constexpr int kSteps = 20000;
  if (m_intrinsics.model == DistortionModel::RadialTangential) {
    constexpr double kMaxRadius = 10.0;
    double previous = 0.0;
    for (int i = 1; i <= kSteps; ++i) {
      const double r = kMaxRadius * i / kSteps;
      const double factor = radialFactor(d, r * r);
      const double distorted = r * factor;
      if (!(distorted > previous) || !(factor > 0.0)) {
        const double rMax = kMaxRadius * (i - 1) / kSteps;
        m_maxRadiusSquared = rMax * rMax;
        return;
      }
      previous = distorted;
    }
  } else if (m_intrinsics.model == DistortionModel::Equidistant) {
    double previous = 0.0;
    for (int i = 1; i <= kSteps; ++i) {
      const double theta = M_PI_2 * i / kSteps;
      const double distorted = equidistantTheta(d, theta);
      if (!(distorted > previous)) {
        m_maxTheta = M_PI_2 * (i - 1) / kSteps;
        return;
      }
      previous = distorted;
    }
  }
}

Eigen::Matrix3d CameraModel::cameraMatrix() const {
  Eigen::Matrix3d k = Eigen::Matrix3d::Identity();
  k(0, 0) = m_intrinsics.fx;
  k(0, 1) = m_intrinsics.skew;
  k(0, 2) = m_intrinsics.cx;
  k(1, 1) = m_intrinsics.fy;
  k(1, 2) = m_intrinsics.cy;
  return k;
}

Eigen::Vector2d CameraModel::distort(const Eigen::Vector2d& normalized) const {
  const auto& d = m_intrinsics.distortion;
  const double x = normalized.x();
  const double y = normalized.y();
  switch (m_intrinsics.model) {
    case DistortionModel::None:
      return normalized;
    case DistortionModel::RadialTangential: {
      const double r2 = x * x + y * y;
      const double radial = radialFactor(d, r2);
      const double p1 = d[2];
      const double p2 = d[3];
      return {x * radial + 2.0 * p1 * x * y + p2 * (r2 + 2.0 * x * x),
              y * radial + p1 * (r2 + 2.0 * y * y) + 2.0 * p2 * x * y};
    }
    case DistortionModel::Equidistant: {
      const double r = std::sqrt(x * x + y * y);
      if (r < 1e-12) return normalized;
      const double theta = std::atan(r);
      const double scale = equidistantTheta(d, theta) / r;
      return {x * scale, y * scale};
    }
  }
  return normalized;
}

std::optional<Eigen::Vector2d> CameraModel::project(const Eigen::Vector3d& p) const {
  if (!(p.z() > 0.0) || !p.allFinite()) return std::nullopt;
  const Eigen::Vector2d normalized(p.x() / p.z(), p.y() / p.z());
  if (m_intrinsics.model == DistortionModel::RadialTangential &&
      normalized.squaredNorm() > m_maxRadiusSquared) {
    return std::nullopt;
  }
  if (m_intrinsics.model == DistortionModel::Equidistant &&
      std::atan(normalized.norm()) > m_maxTheta) {
    return std::nullopt;
  }
  const Eigen::Vector2d xy = distort(normalized);
  const auto& k = m_intrinsics;
  return Eigen::Vector2d(k.fx * xy.x() + k.skew * xy.y() + k.cx, k.fy * xy.y() + k.cy);
}

std::optional<Eigen::Vector2d> CameraModel::undistortPixel(const Eigen::Vector2d& pixel) const {
  const auto& k = m_intrinsics;
  const double yd = (pixel.y() - k.cy) / k.fy;
  const double xd = (pixel.x() - k.cx - k.skew * yd) / k.fx;
  const Eigen::Vector2d distorted(xd, yd);
  if (k.model == DistortionModel::None) return distorted;

  if (k.model == DistortionModel::Equidistant) {
    // Solve theta_d(theta) = |distorted| by Newton's method on the monotonic part.
    const double thetaD = distorted.norm();
    if (thetaD < 1e-12) return distorted;
    const auto& d = k.distortion;
    double theta = std::min(thetaD, m_maxTheta);
    for (int i = 0; i < 50; ++i) {
      const double t2 = theta * theta;
      const double f = equidistantTheta(d, theta) - thetaD;
      const double df =
          1.0 + t2 * (3.0 * d[0] + t2 * (5.0 * d[1] + t2 * (7.0 * d[2] + t2 * 9.0 * d[3])));
      if (std::abs(df) < 1e-12) break;
      const double step = f / df;
      theta = std::clamp(theta - step, 0.0, m_maxTheta);
      if (std::abs(step) < 1e-14) break;
    }
    if (std::abs(equidistantTheta(d, theta) - thetaD) > 1e-9 || theta >= M_PI_2)
      return std::nullopt;
    return distorted * (std::tan(theta) / thetaD);
  }

  // Radial-tangential: Gauss-Newton on distort(x) = distorted, starting at the
  // distorted point itself; converges in a few steps inside the valid radius.
  Eigen::Vector2d x = distorted;
  for (int i = 0; i < 30; ++i) {
    const Eigen::Vector2d residual = distort(x) - distorted;
    if (residual.squaredNorm() < 1e-26) break;
    constexpr double h = 1e-7;
    Eigen::Matrix2d jacobian;
    jacobian.col(0) =
        (distort(x + Eigen::Vector2d(h, 0.0)) - distort(x - Eigen::Vector2d(h, 0.0))) / (2 * h);
    jacobian.col(1) =
        (distort(x + Eigen::Vector2d(0.0, h)) - distort(x - Eigen::Vector2d(0.0, h))) / (2 * h);
    x -= jacobian.inverse() * residual;
    if (!x.allFinite()) return std::nullopt;
  }
  if ((distort(x) - distorted).norm() > 1e-9 || x.squaredNorm() > m_maxRadiusSquared) {
    return std::nullopt;
  }
  return x;
}

std::optional<Eigen::Vector3d> CameraModel::unproject(const Eigen::Vector2d& pixel) const {
  const auto normalized = undistortPixel(pixel);
  if (!normalized) return std::nullopt;
  return Eigen::Vector3d(normalized->x(), normalized->y(), 1.0).normalized();
}

}  // namespace fuselabel
