#pragma once
// "View" panel: camera numbers (editable), display toggles and renderer info.

#include <string>

#include "app/gui/panels/panel.hpp"
#include "app/gui/render/scene_renderer.hpp"
#include "app/gui/view/orbit_camera.hpp"

namespace fuselabel::gui {

class ViewSettingsPanel final : public Panel {
 public:
  ViewSettingsPanel(OrbitCamera& camera, render::SceneStyle& style, std::string rendererDescription);

 protected:
  void drawContents() override;

 private:
  void drawCamera();
  void drawDisplay();

  OrbitCamera& m_camera;
  render::SceneStyle& m_style;
  std::string m_rendererDescription;
};

}  // namespace fuselabel::gui
