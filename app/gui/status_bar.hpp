#pragma once
// The status bar along the bottom: dataset, frame, time, points, FPS, memory,
// and the last message.

#include <chrono>
#include <cstdint>
#include <string>

#include "app/gui/render/scene_renderer.hpp"

namespace fuselabel::gui {

class OrbitCamera;
class ViewerSession;

class StatusBar {
 public:
  StatusBar(const OrbitCamera& camera, const ViewerSession& session)
      : m_camera(camera), m_session(session) {}

  /// Draws the bar; `message` (e.g. the last error) is shown on the right when not empty.
  void draw(const std::string& message, const render::SceneRenderStats& stats);

 private:
  const OrbitCamera& m_camera;
  const ViewerSession& m_session;
  std::uint64_t m_rssBytes = 0;
  std::chrono::steady_clock::time_point m_rssReadAt{};
};

}  // namespace fuselabel::gui
