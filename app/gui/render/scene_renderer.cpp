#include "app/gui/render/scene_renderer.hpp"

namespace fuselabel::render {

Result<SceneRenderer> SceneRenderer::create() {
  auto grid = GridRenderer::create();
  if (!grid) {
    return grid.error();
  }
  auto axes = LineBatch::create();
  if (!axes) {
    return axes.error();
  }
  SceneRenderer renderer;
  renderer.m_grid = std::move(grid).value();
  renderer.m_axes = std::move(axes).value();
  return renderer;
}

void SceneRenderer::render(RenderTarget& target, const ViewParams& view, const SceneStyle& style) {
  if (style.axisLengthM != m_axisLength || style.axisWidthPx != m_axisWidth) {
    m_axisLength = style.axisLengthM;
    m_axisWidth = style.axisWidthPx;
    const auto segments = axesSegments(m_axisLength, m_axisWidth);
    m_axes.setSegments(segments);
  }
  target.begin(style.background);
  if (style.showGrid) {
    m_grid.draw(view, style.grid);
  }
  if (style.showAxes) {
    m_axes.draw(view);
  }
  target.end();
}

}  // namespace fuselabel::render
