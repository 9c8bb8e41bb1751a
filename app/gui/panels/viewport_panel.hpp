#pragma once
// The 3D view: the scene rendered off-screen and shown as an image, with the
// mouse driving the orbit camera (left drag orbit, right/middle drag pan,
// wheel zoom) and a small toolbar for the view mode.

#include <string>

#include "app/gui/panels/panel.hpp"
#include "app/gui/render/render_target.hpp"
#include "app/gui/render/scene_renderer.hpp"
#include "app/gui/view/orbit_camera.hpp"

namespace fuselabel::gui {

/// Rectangle in window coordinates (pixels from the top-left of the window).
struct ScreenRect {
  float x = 0.0F;
  float y = 0.0F;
  float width = 0.0F;
  float height = 0.0F;
};

class ViewportPanel final : public Panel {
 public:
  ViewportPanel(OrbitCamera& camera, render::SceneRenderer& renderer, const render::SceneStyle& style);

  /// Where the 3D image was drawn last frame (empty before the first frame).
  [[nodiscard]] const ScreenRect& viewRect() const noexcept { return m_viewRect; }
  /// Why the 3D view could not be drawn, or empty.
  [[nodiscard]] const std::string& error() const noexcept { return m_error; }

 protected:
  void drawContents() override;
  [[nodiscard]] ImGuiWindowFlags windowFlags() const override;
  [[nodiscard]] float windowPadding() const override { return 0.0F; }

 private:
  void drawToolbar();
  void handleMouse(bool hovered, bool active, float viewHeight);
  void drawOverlay(const ImVec2& origin, const ImVec2& size, const render::ViewParams& view) const;

  OrbitCamera& m_camera;
  render::SceneRenderer& m_renderer;
  const render::SceneStyle& m_style;
  render::RenderTarget m_target{4};
  ScreenRect m_viewRect;
  std::string m_error;
};

}  // namespace fuselabel::gui
