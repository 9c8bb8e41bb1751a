#include "core/geometry/cuboid.hpp"

#include "core/geometry/transform.hpp"

namespace fuselabel {

Cuboid Cuboid::fromYaw(const Eigen::Vector3d& center, const Eigen::Vector3d& size, double yaw) {
  Cuboid box;
  box.center = center;
  box.size = size;
  box.rotation = Eigen::Quaterniond(Eigen::AngleAxisd(yaw, Eigen::Vector3d::UnitZ()));
  return box;
}

double Cuboid::yaw() const {
  return yawOf(rotation);
}

Eigen::Isometry3d Cuboid::pose() const {
  Eigen::Isometry3d T_parent_box = Eigen::Isometry3d::Identity();
  T_parent_box.linear() = rotation.normalized().toRotationMatrix();
  T_parent_box.translation() = center;
  return T_parent_box;
}

bool Cuboid::isValid() const {
  return center.allFinite() && size.allFinite() && rotation.coeffs().allFinite() &&
         (size.array() > 0.0).all() && rotation.squaredNorm() > 0.0;
}

std::array<Eigen::Vector3d, 8> Cuboid::corners() const {
  // Sign patterns of the picture in cuboid.hpp: bottom face, counter-clockwise
  // from front-right; the top face repeats it at +h/2.
  static constexpr double kSignX[4] = {+1.0, +1.0, -1.0, -1.0};
  static constexpr double kSignY[4] = {-1.0, +1.0, +1.0, -1.0};
  const Eigen::Isometry3d T_parent_box = pose();
  const Eigen::Vector3d half = halfSize();
  std::array<Eigen::Vector3d, 8> out;
  for (std::size_t i = 0; i < 4; ++i) {
    const Eigen::Vector3d bottom(kSignX[i] * half.x(), kSignY[i] * half.y(), -half.z());
    const Eigen::Vector3d top(bottom.x(), bottom.y(), half.z());
    out[i] = T_parent_box * bottom;
    out[i + 4] = T_parent_box * top;
  }
  return out;
}

Cuboid transformed(const Eigen::Isometry3d& T_a_b, const Cuboid& cuboid_b) {
  Cuboid cuboid_a;
  cuboid_a.center = T_a_b * cuboid_b.center;
  cuboid_a.size = cuboid_b.size;
  cuboid_a.rotation = Eigen::Quaterniond(T_a_b.linear()) * cuboid_b.rotation;
  cuboid_a.rotation.normalize();
  return cuboid_a;
}

}  // namespace fuselabel
