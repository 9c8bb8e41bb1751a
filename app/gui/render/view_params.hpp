#pragma once
// What a renderer needs to know about the camera for one frame. Filled by the
// GUI's camera (or a test's fixed camera); the render layer knows no camera class.

#include <Eigen/Core>

namespace fuselabel::render {

struct ViewParams {
  Eigen::Matrix4f view = Eigen::Matrix4f::Identity();
  Eigen::Matrix4f projection = Eigen::Matrix4f::Identity();
  Eigen::Vector3f eye = Eigen::Vector3f::Zero();     ///< camera position, world
  Eigen::Vector3f target = Eigen::Vector3f::Zero();  ///< point the camera orbits, world
  float viewExtent = 30.0F;  ///< metres the view spans around the target (distance or ortho size)
  bool orthographic = false;
  int viewportWidth = 1;   ///< pixels
  int viewportHeight = 1;  ///< pixels

  [[nodiscard]] Eigen::Matrix4f viewProjection() const { return projection * view; }
};

}  // namespace fuselabel::render
