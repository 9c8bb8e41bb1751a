#pragma once
// The 3D view's camera: orbits a target point on a sphere (yaw about world z,
// pitch above the ground), or looks straight down in bird's-eye view (BEV,
// orthographic). Angles in radians, distances in metres, world is ISO 8855
// (x forward, y left, z up). Pure CPU so it is unit-tested without GL.

#include <string_view>

#include <Eigen/Core>

#include "app/gui/render/view_params.hpp"

namespace fuselabel::gui {

enum class ViewMode { Perspective, BirdsEye };

[[nodiscard]] std::string_view toString(ViewMode mode) noexcept;

/// The camera's persistent state; compared to decide whether anything changed.
struct OrbitState {
  ViewMode mode = ViewMode::Perspective;
  float yaw = 0.0F;       ///< 0: eye behind the target (on -x), looking forward (+x)
  float pitch = 0.0F;     ///< elevation of the eye above the target's ground plane
  float distance = 1.0F;  ///< eye to target (perspective); half view height scale (BEV)
  Eigen::Vector3f target = Eigen::Vector3f::Zero();

  bool operator==(const OrbitState&) const = default;
};

class OrbitCamera {
 public:
  static constexpr float k_fovY = 0.7854F;  // 45 degrees
  static constexpr float k_minDistance = 0.5F;
  static constexpr float k_maxDistance = 3000.0F;
  static constexpr float k_minPitch = -0.17F;  // a little below the horizon
  static constexpr float k_maxPitch = 1.55F;   // just short of straight down

  OrbitCamera() { reset(); }

  /// The default view: behind-right of the ego and above it, looking at the origin.
  [[nodiscard]] static OrbitState defaultState() noexcept;

  void reset() noexcept;
  void setMode(ViewMode mode) noexcept { m_state.mode = mode; }
  void toggleBirdsEye() noexcept;
  void setState(const OrbitState& state) noexcept;

  /// Mouse drag of (dx, dy) pixels: turns the view (yaw; pitch in perspective only).
  void orbit(float dxPx, float dyPx) noexcept;
  /// Mouse drag of (dx, dy) pixels in a viewport `viewportHeightPx` tall: moves the
  /// target so the point under the cursor follows it (in the view plane).
  void pan(float dxPx, float dyPx, float viewportHeightPx) noexcept;
  /// Wheel `steps` (positive = towards the target).
  void zoom(float steps) noexcept;

  [[nodiscard]] const OrbitState& state() const noexcept { return m_state; }
  [[nodiscard]] Eigen::Vector3f eye() const noexcept;
  [[nodiscard]] render::ViewParams viewParams(int viewportWidth, int viewportHeight) const;

 private:
  /// Unit vectors of the view, world frame.
  void basis(Eigen::Vector3f& forward, Eigen::Vector3f& right, Eigen::Vector3f& up) const noexcept;

  OrbitState m_state;
};

/// Right-handed look-at view matrix (camera looks down its -z).
[[nodiscard]] Eigen::Matrix4f lookAt(const Eigen::Vector3f& eye, const Eigen::Vector3f& target,
                                     const Eigen::Vector3f& up);
/// GL perspective projection (depth -1..1).
[[nodiscard]] Eigen::Matrix4f perspective(float fovY, float aspect, float zNear, float zFar);
/// GL orthographic projection (depth -1..1).
[[nodiscard]] Eigen::Matrix4f orthographic(float halfWidth, float halfHeight, float zNear,
                                           float zFar);

}  // namespace fuselabel::gui
