#include "core/geometry/points_in_cuboid.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace fuselabel {
namespace {

// The box's inverse pose, unpacked into scalars once so the per-point loop is
// straight-line arithmetic the compiler can vectorise.
struct BoxTest {
  double cx, cy, cz;  // box centre
  double r[9];        // rows of R_box_parent (= R_parent_box transposed), row-major
  double hx, hy, hz;  // half sizes

  explicit BoxTest(const Cuboid& box) {
    const Eigen::Matrix3d R_box_parent = box.rotation.normalized().toRotationMatrix().transpose();
    cx = box.center.x();
    cy = box.center.y();
    cz = box.center.z();
    for (int row = 0; row < 3; ++row) {
      for (int col = 0; col < 3; ++col) {
        r[row * 3 + col] = R_box_parent(row, col);
      }
    }
    hx = 0.5 * box.size.x();
    hy = 0.5 * box.size.y();
    hz = 0.5 * box.size.z();
  }

  // Double precision: points far from the origin (100 m) with float
  // arithmetic would move by ~1e-5 m and flip boundary points.
  [[nodiscard]] bool inside(float px, float py, float pz) const {
    const double dx = static_cast<double>(px) - cx;
    const double dy = static_cast<double>(py) - cy;
    const double dz = static_cast<double>(pz) - cz;
    const double lx = r[0] * dx + r[1] * dy + r[2] * dz;
    const double ly = r[3] * dx + r[4] * dy + r[5] * dz;
    const double lz = r[6] * dx + r[7] * dy + r[8] * dz;
    // Every comparison with NaN is false, so NaN points (and NaN boxes) are outside.
    // Non-short-circuit on purpose: branch-free, so the loop vectorises.
    const int inX = std::abs(lx) <= hx;
    const int inY = std::abs(ly) <= hy;
    const int inZ = std::abs(lz) <= hz;
    return (inX & inY & inZ) != 0;
  }
};

}  // namespace

std::size_t pointsInCuboidMask(std::span<const float> x, std::span<const float> y,
                               std::span<const float> z, const Cuboid& box,
                               std::span<std::uint8_t> mask) {
  assert(x.size() == y.size() && x.size() == z.size() && x.size() == mask.size());
  const std::size_t count = std::min({x.size(), y.size(), z.size(), mask.size()});
  const BoxTest test(box);
  std::size_t inside = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const bool in = test.inside(x[i], y[i], z[i]);
    mask[i] = static_cast<std::uint8_t>(in);
    inside += static_cast<std::size_t>(in);
  }
  return inside;
}

std::vector<std::uint8_t> pointsInCuboidMask(const PointCloud& cloud, const Cuboid& box) {
  std::vector<std::uint8_t> mask(cloud.size());
  pointsInCuboidMask(cloud.x(), cloud.y(), cloud.z(), box, mask);
  return mask;
}

std::size_t countPointsInCuboid(const PointCloud& cloud, const Cuboid& box) {
  const BoxTest test(box);
  const std::span<const float> x = cloud.x();
  const std::span<const float> y = cloud.y();
  const std::span<const float> z = cloud.z();
  std::size_t inside = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    inside += static_cast<std::size_t>(test.inside(x[i], y[i], z[i]));
  }
  return inside;
}

std::vector<std::size_t> pointsInCuboidIndices(const PointCloud& cloud, const Cuboid& box) {
  const BoxTest test(box);
  std::vector<std::size_t> indices;
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    if (test.inside(cloud.x()[i], cloud.y()[i], cloud.z()[i])) {
      indices.push_back(i);
    }
  }
  return indices;
}

}  // namespace fuselabel
