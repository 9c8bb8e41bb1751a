#include "calib/projection/sweep_projection.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>

namespace fuselabel {
namespace {

// Blocks keep every intermediate array in L1/L2 while staying long enough for
// Eigen's vectorised loops to amortise their set-up.
constexpr Eigen::Index kBlock = 512;

using ArrayXdBlock = Eigen::Array<double, Eigen::Dynamic, 1, 0, kBlock, 1>;

}  // namespace

size_t SweepProjection::countInsideImage() const {
  return static_cast<size_t>(std::count_if(flags.begin(), flags.end(),
                                           [](std::uint8_t f) { return (f & kInsideImage) != 0; }));
}

std::vector<std::uint32_t> SweepProjection::indicesInsideImage() const {
  std::vector<std::uint32_t> indices;
  for (size_t i = 0; i < flags.size(); ++i) {
    if ((flags[i] & kInsideImage) != 0) indices.push_back(static_cast<std::uint32_t>(i));
  }
  return indices;
}

SweepProjection projectSweep(const PointCloud& cloud, const Eigen::Isometry3d& T_camera_lidar,
                             const CameraModel& camera) {
  SweepProjection out;
  projectSweepInto(cloud, T_camera_lidar, camera, out);
  return out;
}

void projectSweepInto(const PointCloud& cloud, const Eigen::Isometry3d& T_camera_lidar,
                      const CameraModel& camera, SweepProjection& out) {
  const auto n = static_cast<Eigen::Index>(cloud.size());
  out.u.resize(static_cast<size_t>(n));
  out.v.resize(static_cast<size_t>(n));
  out.depth.resize(static_cast<size_t>(n));
  out.flags.resize(static_cast<size_t>(n));

  const CameraIntrinsics& k = camera.intrinsics();
  const auto& d = k.distortion;
  const Eigen::Matrix3d R = T_camera_lidar.linear();
  const Eigen::Vector3d t = T_camera_lidar.translation();
  const double maxR2 = camera.maxRadiusSquared();
  // theta <= maxTheta  ⇔  r² <= tan²(maxTheta), which avoids an atan per point.
  const double maxThetaR2 = camera.maxTheta() < M_PI_2
                                ? std::tan(camera.maxTheta()) * std::tan(camera.maxTheta())
                                : std::numeric_limits<double>::infinity();
  const double width = k.width;
  const double height = k.height;

  const float* xs = cloud.x().data();
  const float* ys = cloud.y().data();
  const float* zs = cloud.z().data();

  ArrayXdBlock px, py, pz, X, Y, Z, invZ, xn, yn, r2, scale, xd, yd, uu, vv;
  for (Eigen::Index start = 0; start < n; start += kBlock) {
    const Eigen::Index m = std::min(kBlock, n - start);
    px = Eigen::Map<const Eigen::ArrayXf>(xs + start, m).cast<double>();
    py = Eigen::Map<const Eigen::ArrayXf>(ys + start, m).cast<double>();
    pz = Eigen::Map<const Eigen::ArrayXf>(zs + start, m).cast<double>();

    X = R(0, 0) * px + R(0, 1) * py + R(0, 2) * pz + t.x();
    Y = R(1, 0) * px + R(1, 1) * py + R(1, 2) * pz + t.y();
    Z = R(2, 0) * px + R(2, 1) * py + R(2, 2) * pz + t.z();
    invZ = Z.inverse();
    xn = X * invZ;
    yn = Y * invZ;
    r2 = xn * xn + yn * yn;

    switch (k.model) {
      case DistortionModel::None:
        xd = xn;
        yd = yn;
        break;
      case DistortionModel::RadialTangential: {
        const ArrayXdBlock r4 = r2 * r2;
        const ArrayXdBlock r6 = r4 * r2;
        scale = (1.0 + d[0] * r2 + d[1] * r4 + d[4] * r6) / (1.0 + d[5] * r2 + d[6] * r4 + d[7] * r6);
        const ArrayXdBlock xy = xn * yn;
        xd = xn * scale + 2.0 * d[2] * xy + d[3] * (r2 + 2.0 * xn * xn);
        yd = yn * scale + d[2] * (r2 + 2.0 * yn * yn) + 2.0 * d[3] * xy;
        break;
      }
      case DistortionModel::Equidistant: {
        const ArrayXdBlock r = r2.sqrt();
        const ArrayXdBlock theta = r.atan();
        const ArrayXdBlock t2 = theta * theta;
        const ArrayXdBlock thetaD = theta * (1.0 + t2 * (d[0] + t2 * (d[1] + t2 * (d[2] + t2 * d[3]))));
        scale = (r > 1e-12).select(thetaD / r, 1.0);
        xd = xn * scale;
        yd = yn * scale;
        break;
      }
    }
    uu = k.fx * xd + k.skew * yd + k.cx;
    vv = k.fy * yd + k.cy;

    float* u = out.u.data() + start;
    float* v = out.v.data() + start;
    float* depth = out.depth.data() + start;
    std::uint8_t* flags = out.flags.data() + start;
    Eigen::Map<Eigen::ArrayXf>(u, m) = uu.cast<float>();
    Eigen::Map<Eigen::ArrayXf>(v, m) = vv.cast<float>();
    Eigen::Map<Eigen::ArrayXf>(depth, m) = Z.cast<float>();
    // Validity is a scalar pass: it is a few compares per point and keeps the
    // fold-back rule in one readable place.
    for (Eigen::Index i = 0; i < m; ++i) {
      bool inFront = Z[i] > 0.0 && std::isfinite(uu[i]) && std::isfinite(vv[i]);
      if (k.model == DistortionModel::RadialTangential) {
        inFront = inFront && r2[i] <= maxR2;
      } else if (k.model == DistortionModel::Equidistant) {
        inFront = inFront && r2[i] <= maxThetaR2;
      }
      const bool inside = inFront && uu[i] >= 0.0 && vv[i] >= 0.0 && uu[i] < width && vv[i] < height;
      flags[i] = static_cast<std::uint8_t>((inFront ? SweepProjection::kInFront : 0) |
                                           (inside ? SweepProjection::kInsideImage : 0));
    }
  }
}

}  // namespace fuselabel
