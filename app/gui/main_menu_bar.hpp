#pragma once
// The main menu bar: File (quit), View (mode, reset, panels), Help.

#include <functional>
#include <memory>
#include <vector>

namespace fuselabel::gui {

class OrbitCamera;
class Panel;

class MainMenuBar {
 public:
  MainMenuBar(OrbitCamera& camera, const std::vector<std::unique_ptr<Panel>>& panels,
              std::function<void()> quit);
  void draw();
  /// The Controls and About windows the Help menu opened. Modal, so the
  /// frame draws them after every other window (Application::drawPrompts).
  void drawHelpPopups();

 private:
  OrbitCamera& m_camera;
  const std::vector<std::unique_ptr<Panel>>& m_panels;
  std::function<void()> m_quit;
  bool m_openControls = false;
  bool m_openAbout = false;
};

}  // namespace fuselabel::gui
