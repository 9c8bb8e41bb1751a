#include "app/gui/view/orbit_camera.hpp"

#include <Eigen/Geometry>

#include <algorithm>
#include <cmath>

namespace fuselabel::gui {
namespace {

constexpr float k_radiansPerPixel = 0.006F;
constexpr float k_zoomPerStep = 0.88F;
constexpr float k_pi = 3.14159265358979F;
// BEV eye height above the target; far enough for anything a scene holds.
constexpr float k_bevEyeHeight = 1000.0F;

float wrapAngle(float a) noexcept {
  a = std::fmod(a + k_pi, 2.0F * k_pi);
  if (a < 0.0F) {
    a += 2.0F * k_pi;
  }
  return a - k_pi;
}

}  // namespace

std::string_view toString(ViewMode mode) noexcept {
  return mode == ViewMode::BirdsEye ? "bev" : "perspective";
}

OrbitState OrbitCamera::defaultState() noexcept {
  OrbitState s;
  s.mode = ViewMode::Perspective;
  s.yaw = 0.55F;    // eye behind and to the right of the ego, so x and y both read
  s.pitch = 0.52F;  // ~30 degrees above the ground
  s.distance = 24.0F;
  s.target =
      Eigen::Vector3f(4.0F, 0.0F, 0.0F);  // a little ahead: the scene lies in front of the ego
  return s;
}

void OrbitCamera::reset() noexcept {
  const ViewMode mode = m_state.mode;
  m_state = defaultState();
  m_state.mode = mode;  // reset frames the scene; it does not leave BEV
}

void OrbitCamera::toggleBirdsEye() noexcept {
  m_state.mode = m_state.mode == ViewMode::BirdsEye ? ViewMode::Perspective : ViewMode::BirdsEye;
}

void OrbitCamera::setState(const OrbitState& state) noexcept {
  m_state = state;
  m_state.pitch = std::clamp(m_state.pitch, k_minPitch, k_maxPitch);
  m_state.distance = std::clamp(m_state.distance, k_minDistance, k_maxDistance);
  m_state.yaw = wrapAngle(m_state.yaw);
}

void OrbitCamera::orbit(float dxPx, float dyPx) noexcept {
  // Dragging right swings the eye to the left so the scene follows the cursor.
  m_state.yaw = wrapAngle(m_state.yaw - dxPx * k_radiansPerPixel);
  if (m_state.mode == ViewMode::Perspective) {
    m_state.pitch = std::clamp(m_state.pitch + dyPx * k_radiansPerPixel, k_minPitch, k_maxPitch);
  }
}

void OrbitCamera::pan(float dxPx, float dyPx, float viewportHeightPx) noexcept {
  Eigen::Vector3f forward;
  Eigen::Vector3f right;
  Eigen::Vector3f up;
  basis(forward, right, up);
  // Metres per pixel at the target's depth; the BEV half-height is defined to match.
  const float metresPerPixel =
      2.0F * m_state.distance * std::tan(0.5F * k_fovY) / std::max(viewportHeightPx, 1.0F);
  m_state.target += (-dxPx * right + dyPx * up) * metresPerPixel;
}

void OrbitCamera::zoom(float steps) noexcept {
  m_state.distance =
      std::clamp(m_state.distance * std::pow(k_zoomPerStep, steps), k_minDistance, k_maxDistance);
}

void OrbitCamera::basis(Eigen::Vector3f& forward, Eigen::Vector3f& right,
                        Eigen::Vector3f& up) const noexcept {
  const float cy = std::cos(m_state.yaw);
  const float sy = std::sin(m_state.yaw);
  if (m_state.mode == ViewMode::BirdsEye) {
    forward = Eigen::Vector3f(0.0F, 0.0F, -1.0F);
    up = Eigen::Vector3f(cy, sy, 0.0F);  // yaw 0: ego forward (+x) points up the screen
  } else {
    const float cp = std::cos(m_state.pitch);
    const float sp = std::sin(m_state.pitch);
    forward = Eigen::Vector3f(cy * cp, sy * cp, -sp);
    up = Eigen::Vector3f(cy * sp, sy * sp, cp);
  }
  right = forward.cross(up).normalized();
}

Eigen::Vector3f OrbitCamera::eye() const noexcept {
  Eigen::Vector3f forward;
  Eigen::Vector3f right;
  Eigen::Vector3f up;
  basis(forward, right, up);
  const float back = m_state.mode == ViewMode::BirdsEye ? k_bevEyeHeight : m_state.distance;
  return m_state.target - forward * back;
}

render::ViewParams OrbitCamera::viewParams(int viewportWidth, int viewportHeight) const {
  Eigen::Vector3f forward;
  Eigen::Vector3f right;
  Eigen::Vector3f up;
  basis(forward, right, up);
  render::ViewParams params;
  params.viewportWidth = std::max(viewportWidth, 1);
  params.viewportHeight = std::max(viewportHeight, 1);
  const float aspect =
      static_cast<float>(params.viewportWidth) / static_cast<float>(params.viewportHeight);
  params.eye = eye();
  params.target = m_state.target;
  params.viewExtent = m_state.distance;
  params.view = lookAt(params.eye, m_state.target, up);
  if (m_state.mode == ViewMode::BirdsEye) {
    // Same metres-per-pixel at the target as the perspective view, so toggling keeps the scale.
    const float halfHeight = m_state.distance * std::tan(0.5F * k_fovY);
    params.projection = orthographic(halfHeight * aspect, halfHeight, 1.0F, 2.0F * k_bevEyeHeight);
    params.orthographic = true;
  } else {
    const float zNear = std::clamp(m_state.distance * 0.01F, 0.02F, 1.0F);
    params.projection =
        perspective(k_fovY, aspect, zNear, std::max(2000.0F, m_state.distance * 20.0F));
  }
  return params;
}

Eigen::Matrix4f lookAt(const Eigen::Vector3f& eye, const Eigen::Vector3f& target,
                       const Eigen::Vector3f& up) {
  const Eigen::Vector3f f = (target - eye).normalized();
  const Eigen::Vector3f s = f.cross(up).normalized();
  const Eigen::Vector3f u = s.cross(f);
  Eigen::Matrix4f m = Eigen::Matrix4f::Identity();
  m.block<1, 3>(0, 0) = s.transpose();
  m.block<1, 3>(1, 0) = u.transpose();
  m.block<1, 3>(2, 0) = -f.transpose();
  m(0, 3) = -s.dot(eye);
  m(1, 3) = -u.dot(eye);
  m(2, 3) = f.dot(eye);
  return m;
}

Eigen::Matrix4f perspective(float fovY, float aspect, float zNear, float zFar) {
  const float t = 1.0F / std::tan(0.5F * fovY);
  Eigen::Matrix4f m = Eigen::Matrix4f::Zero();
  m(0, 0) = t / aspect;
  m(1, 1) = t;
  m(2, 2) = (zFar + zNear) / (zNear - zFar);
  m(2, 3) = 2.0F * zFar * zNear / (zNear - zFar);
  m(3, 2) = -1.0F;
  return m;
}

Eigen::Matrix4f orthographic(float halfWidth, float halfHeight, float zNear, float zFar) {
  Eigen::Matrix4f m = Eigen::Matrix4f::Identity();
  m(0, 0) = 1.0F / halfWidth;
  m(1, 1) = 1.0F / halfHeight;
  m(2, 2) = -2.0F / (zFar - zNear);
  m(2, 3) = -(zFar + zNear) / (zFar - zNear);
  return m;
}

}  // namespace fuselabel::gui
