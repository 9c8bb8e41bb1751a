#pragma once
// The status bar along the bottom: frame rate, view mode, camera, messages.

#include <string>

namespace fuselabel::gui {

class OrbitCamera;

class StatusBar {
 public:
  explicit StatusBar(const OrbitCamera& camera) : m_camera(camera) {}

  /// Draws the bar; `message` (e.g. the last error) is shown on the right when not empty.
  void draw(const std::string& message);

 private:
  const OrbitCamera& m_camera;
};

}  // namespace fuselabel::gui
