#pragma once
// Between the 3D view's frame and window pixels: where a point lands on
// screen, and which ray a pixel looks along (for placing things on the ground
// under the mouse). `origin` and `size` are the view's rectangle in window
// pixels; the matrices are the view's (render/view_params.hpp).

#include <cmath>
#include <optional>

#include <imgui.h>
#include <Eigen/Core>
#include <Eigen/LU>

namespace fuselabel::gui {

/// View-frame point → window pixel, or nothing behind the eye.
[[nodiscard]] inline std::optional<Eigen::Vector2d> toWindow(const Eigen::Matrix4f& viewProj,
                                                             const Eigen::Vector3d& p,
                                                             const ImVec2& origin,
                                                             const ImVec2& size) {
  const Eigen::Vector4f clip =
      viewProj * Eigen::Vector4f(static_cast<float>(p.x()), static_cast<float>(p.y()),
                                 static_cast<float>(p.z()), 1.0F);
  if (clip.w() < 1e-3F) {
    return std::nullopt;
  }
  const float x = clip.x() / clip.w();
  const float y = clip.y() / clip.w();
  return Eigen::Vector2d(origin.x + (x * 0.5F + 0.5F) * size.x,
                         origin.y + (0.5F - y * 0.5F) * size.y);
}

/// A ray from the eye through a pixel, in the view's frame.
struct ViewRay {
  Eigen::Vector3d origin;
  Eigen::Vector3d direction;  ///< unit
};

/// The ray through window pixel `pixel` (perspective or orthographic).
[[nodiscard]] inline ViewRay rayThrough(const Eigen::Matrix4f& viewProj, const ImVec2& pixel,
                                        const ImVec2& origin, const ImVec2& size) {
  const double x = 2.0 * static_cast<double>((pixel.x - origin.x) / size.x) - 1.0;
  const double y = 1.0 - 2.0 * static_cast<double>((pixel.y - origin.y) / size.y);
  const Eigen::Matrix4d inverse = viewProj.cast<double>().inverse();
  const auto unproject = [&](double z) {
    const Eigen::Vector4d h = inverse * Eigen::Vector4d(x, y, z, 1.0);
    return Eigen::Vector3d(h.head<3>() / h.w());
  };
  const Eigen::Vector3d nearPoint = unproject(-1.0);
  const Eigen::Vector3d farPoint = unproject(1.0);
  return {nearPoint, (farPoint - nearPoint).normalized()};
}

/// Where `ray` meets the horizontal plane z = `height`, or nothing when it
/// runs parallel to it or away from it.
[[nodiscard]] inline std::optional<Eigen::Vector3d> hitHeight(const ViewRay& ray, double height) {
  if (std::abs(ray.direction.z()) < 1e-9) {
    return std::nullopt;
  }
  const double t = (height - ray.origin.z()) / ray.direction.z();
  if (t <= 0.0) {
    return std::nullopt;
  }
  return ray.origin + t * ray.direction;
}

}  // namespace fuselabel::gui
