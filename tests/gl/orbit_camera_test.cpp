// Camera maths of the 3D view, without GL.

#include <gtest/gtest.h>

#include <Eigen/Geometry>

#include "app/gui/view/orbit_camera.hpp"

namespace fuselabel::gui {
namespace {

// Projects a world point to normalised device coordinates.
Eigen::Vector3f toNdc(const render::ViewParams& view, const Eigen::Vector3f& p) {
  const Eigen::Vector4f clip = view.viewProjection() * p.homogeneous();
  return clip.head<3>() / clip.w();
}

TEST(OrbitCamera, DefaultLooksAtTargetFromBehindAndAbove) {
  const OrbitCamera camera;
  const Eigen::Vector3f eye = camera.eye();
  const Eigen::Vector3f target = camera.state().target;
  EXPECT_LT(eye.x(), target.x()) << "eye behind the ego (negative x)";
  EXPECT_GT(eye.z(), 1.0F) << "eye above the ground";
  EXPECT_NEAR((eye - target).norm(), camera.state().distance, 1e-3F);
  const render::ViewParams view = camera.viewParams(800, 600);
  const Eigen::Vector3f centre = toNdc(view, target);
  EXPECT_NEAR(centre.x(), 0.0F, 1e-4F);
  EXPECT_NEAR(centre.y(), 0.0F, 1e-4F);
  EXPECT_GT(centre.z(), -1.0F);
  EXPECT_LT(centre.z(), 1.0F);
}

TEST(OrbitCamera, UpIsUpOnScreen) {
  const OrbitCamera camera;
  const render::ViewParams view = camera.viewParams(800, 600);
  const Eigen::Vector3f above = toNdc(view, camera.state().target + Eigen::Vector3f(0, 0, 1));
  EXPECT_GT(above.y(), 0.0F);
}

TEST(OrbitCamera, OrbitChangesYawAndClampsPitch) {
  OrbitCamera camera;
  const float yaw = camera.state().yaw;
  camera.orbit(100.0F, 0.0F);
  EXPECT_NE(camera.state().yaw, yaw);
  camera.orbit(0.0F, 1e6F);
  EXPECT_FLOAT_EQ(camera.state().pitch, OrbitCamera::k_maxPitch);
  camera.orbit(0.0F, -1e6F);
  EXPECT_FLOAT_EQ(camera.state().pitch, OrbitCamera::k_minPitch);
}

TEST(OrbitCamera, ZoomIsClampedAndInvertible) {
  OrbitCamera camera;
  const float d = camera.state().distance;
  camera.zoom(3.0F);
  EXPECT_LT(camera.state().distance, d);
  camera.zoom(-3.0F);
  EXPECT_NEAR(camera.state().distance, d, 1e-3F);
  camera.zoom(1000.0F);
  EXPECT_FLOAT_EQ(camera.state().distance, OrbitCamera::k_minDistance);
}

TEST(OrbitCamera, PanMovesTargetWithTheCursor) {
  OrbitCamera camera;
  OrbitState s = camera.state();
  s.mode = ViewMode::BirdsEye;
  s.yaw = 0.0F;
  camera.setState(s);
  // Dragging right by half the viewport moves the scene right, so the target goes to -screen-x = +y
  // (left).
  camera.pan(100.0F, 0.0F, 200.0F);
  EXPECT_GT(camera.state().target.y(), s.target.y());
  EXPECT_NEAR(camera.state().target.x(), s.target.x(), 1e-4F);
}

TEST(OrbitCamera, BirdsEyeIsOrthographicTopDownWithForwardUp) {
  OrbitCamera camera;
  camera.toggleBirdsEye();
  EXPECT_EQ(camera.state().mode, ViewMode::BirdsEye);
  OrbitState s = camera.state();
  s.yaw = 0.0F;
  s.target = Eigen::Vector3f::Zero();
  camera.setState(s);
  const render::ViewParams view = camera.viewParams(400, 400);
  EXPECT_TRUE(view.orthographic);
  EXPECT_GT(toNdc(view, Eigen::Vector3f(5, 0, 0)).y(), 0.0F) << "+x (forward) points up";
  EXPECT_LT(toNdc(view, Eigen::Vector3f(0, 5, 0)).x(), 0.0F) << "+y (left) points left";
  camera.toggleBirdsEye();
  EXPECT_EQ(camera.state().mode, ViewMode::Perspective);
}

TEST(OrbitCamera, ResetKeepsTheModeButRestoresTheFraming) {
  OrbitCamera camera;
  camera.toggleBirdsEye();
  camera.orbit(300.0F, 50.0F);
  camera.reset();
  OrbitState expected = OrbitCamera::defaultState();
  expected.mode = ViewMode::BirdsEye;
  EXPECT_EQ(camera.state(), expected);
}

}  // namespace
}  // namespace fuselabel::gui
