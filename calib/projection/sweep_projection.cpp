#include "calib/projection/sweep_projection.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace fuselabel {
namespace {

/// Lens terms the kernel needs, unpacked once per call.
struct KernelParams {
  double r[9];
  double t[3];
  double fx, fy, cx, cy, skew;
  double k1, k2, p1, p2, k3, k4, k5, k6;
  double maxR2;  ///< beyond this squared normalised radius the model folds back
  float width, height;
};

enum class Lens { Pinhole, RadTan, Rational, Fisheye };

// One fused pass per point, no temporaries: every value stays in registers,
// and with -O3 the loop vectorises (AVX2 where the CPU has it, through the
// target clones, SSE2 otherwise). The model is a template parameter so the
// loop body has no branches on it. Clang (the fuzzing build) cannot clone
// templates, so there the loop gets the build's baseline instructions only.
#if defined(__clang__)
#define FUSELABEL_AVX2_CLONES
#else
#define FUSELABEL_AVX2_CLONES __attribute__((target_clones("avx2", "default")))
#endif
template <Lens kLens>
FUSELABEL_AVX2_CLONES void projectKernel(const float* __restrict xs, const float* __restrict ys,
                                         const float* __restrict zs, size_t n,
                                         const KernelParams& k, float* __restrict us,
                                         float* __restrict vs, float* __restrict depths,
                                         std::uint8_t* __restrict flags) {
  for (size_t i = 0; i < n; ++i) {
    const double px = xs[i], py = ys[i], pz = zs[i];
    const double X = k.r[0] * px + k.r[1] * py + k.r[2] * pz + k.t[0];
    const double Y = k.r[3] * px + k.r[4] * py + k.r[5] * pz + k.t[1];
    const double Z = k.r[6] * px + k.r[7] * py + k.r[8] * pz + k.t[2];
    const double invZ = 1.0 / Z;
    const double xn = X * invZ;
    const double yn = Y * invZ;
    const double r2 = xn * xn + yn * yn;
    double xd = xn;
    double yd = yn;
    if constexpr (kLens == Lens::RadTan || kLens == Lens::Rational) {
      double radial = 1.0 + r2 * (k.k1 + r2 * (k.k2 + r2 * k.k3));
      if constexpr (kLens == Lens::Rational) radial /= 1.0 + r2 * (k.k4 + r2 * (k.k5 + r2 * k.k6));
      const double xy = xn * yn;
      xd = xn * radial + 2.0 * k.p1 * xy + k.p2 * (r2 + 2.0 * xn * xn);
      yd = yn * radial + k.p1 * (r2 + 2.0 * yn * yn) + 2.0 * k.p2 * xy;
    } else if constexpr (kLens == Lens::Fisheye) {
      const double r = std::sqrt(r2);
      const double theta = std::atan(r);
      const double t2 = theta * theta;
      const double thetaD = theta * (1.0 + t2 * (k.k1 + t2 * (k.k2 + t2 * (k.k3 + t2 * k.k4))));
      const double scale = r > 1e-12 ? thetaD / r : 1.0;
      xd = xn * scale;
      yd = yn * scale;
    }
    const double u = k.fx * xd + k.skew * yd + k.cx;
    const double v = k.fy * yd + k.cy;
    const float uf = static_cast<float>(u);
    const float vf = static_cast<float>(v);
    us[i] = uf;
    vs[i] = vf;
    depths[i] = static_cast<float>(Z);
    // NaN coordinates fail every comparison, so they are never in front.
    const bool inFront = (Z > 0.0) & (r2 <= k.maxR2) & (uf == uf) & (vf == vf);
    const bool inside = inFront & (uf >= 0.0f) & (vf >= 0.0f) & (uf < k.width) & (vf < k.height);
    flags[i] = static_cast<std::uint8_t>((inFront ? SweepProjection::kInFront : 0) |
                                         (inside ? SweepProjection::kInsideImage : 0));
  }
}

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
  const size_t n = cloud.size();
  out.u.resize(n);
  out.v.resize(n);
  out.depth.resize(n);
  out.flags.resize(n);

  const CameraIntrinsics& c = camera.intrinsics();
  const auto& d = c.distortion;
  KernelParams k{};
  const Eigen::Matrix3d R = T_camera_lidar.linear();
  for (int i = 0; i < 9; ++i)
    k.r[i] = R(i / 3, i % 3);
  for (int i = 0; i < 3; ++i)
    k.t[i] = T_camera_lidar.translation()[i];
  k.fx = c.fx;
  k.fy = c.fy;
  k.cx = c.cx;
  k.cy = c.cy;
  k.skew = c.skew;
  k.width = static_cast<float>(c.width);
  k.height = static_cast<float>(c.height);
  k.maxR2 = std::numeric_limits<double>::infinity();

  const float* xs = cloud.x().data();
  const float* ys = cloud.y().data();
  const float* zs = cloud.z().data();
  float* us = out.u.data();
  float* vs = out.v.data();
  float* depths = out.depth.data();
  std::uint8_t* flags = out.flags.data();
  switch (c.model) {
    case DistortionModel::None:
      projectKernel<Lens::Pinhole>(xs, ys, zs, n, k, us, vs, depths, flags);
      break;
    case DistortionModel::RadialTangential: {
      k.k1 = d[0];
      k.k2 = d[1];
      k.p1 = d[2];
      k.p2 = d[3];
      k.k3 = d[4];
      k.k4 = d[5];
      k.k5 = d[6];
      k.k6 = d[7];
      k.maxR2 = camera.maxRadiusSquared();
      const bool rational = d[5] != 0.0 || d[6] != 0.0 || d[7] != 0.0;
      if (rational) {
        projectKernel<Lens::Rational>(xs, ys, zs, n, k, us, vs, depths, flags);
      } else {
        projectKernel<Lens::RadTan>(xs, ys, zs, n, k, us, vs, depths, flags);
      }
      break;
    }
    case DistortionModel::Equidistant:
      k.k1 = d[0];
      k.k2 = d[1];
      k.k3 = d[2];
      k.k4 = d[3];
      // theta <= maxTheta  <=>  r² <= tan²(maxTheta)
      k.maxR2 = camera.maxTheta() < M_PI_2
                    ? std::tan(camera.maxTheta()) * std::tan(camera.maxTheta())
                    : std::numeric_limits<double>::infinity();
      projectKernel<Lens::Fisheye>(xs, ys, zs, n, k, us, vs, depths, flags);
      break;
  }
}

}  // namespace fuselabel
