#pragma once
// "View" panel: camera numbers (editable), display toggles and renderer info.

#include <string>

#include "app/gui/panels/panel.hpp"
#include "app/gui/panels/viewport_panel.hpp"
#include "app/gui/render/camera_view_renderer.hpp"
#include "app/gui/render/scene_renderer.hpp"
#include "app/gui/scene/accumulated_layer.hpp"
#include "app/gui/scene/viewer_session.hpp"
#include "app/gui/view/orbit_camera.hpp"

namespace fuselabel::gui {

class ViewSettingsPanel final : public Panel {
 public:
  ViewSettingsPanel(OrbitCamera& camera, render::SceneStyle& style,
                    render::CameraOverlayStyle& cameraStyle, PointBudgetSettings& budget,
                    AccumulationSettings& accumulation, const ViewerSession& session,
                    std::string rendererDescription);

 protected:
  void drawContents() override;

 private:
  void drawCamera();
  void drawDisplay();
  void drawPoints();
  void drawCameras();

  OrbitCamera& m_camera;
  render::SceneStyle& m_style;
  render::CameraOverlayStyle& m_cameraStyle;
  PointBudgetSettings& m_budget;
  AccumulationSettings& m_accumulation;
  const ViewerSession& m_session;
  std::string m_rendererDescription;
};

}  // namespace fuselabel::gui
