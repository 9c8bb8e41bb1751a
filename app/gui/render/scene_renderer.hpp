#pragma once
// Draws the whole 3D scene for one view into a RenderTarget. Today: grid and
// axes; later issues add point clouds, cuboids and lanes here, in draw order.

#include <array>

#include "app/gui/render/grid_renderer.hpp"
#include "app/gui/render/line_renderer.hpp"
#include "app/gui/render/render_target.hpp"
#include "app/gui/render/view_params.hpp"
#include "core/util/result.hpp"

namespace fuselabel::render {

struct SceneStyle {
  std::array<float, 4> background{0.105F, 0.113F, 0.129F, 1.0F};
  GridStyle grid;
  bool showGrid = true;
  bool showAxes = true;
  float axisLengthM = 3.0F;
  float axisWidthPx = 3.0F;
};

class SceneRenderer {
 public:
  /// Compiles every program; the error names the shader file. Needs a context.
  [[nodiscard]] static Result<SceneRenderer> create();

  /// Renders into `target` (already sized to view.viewportWidth/Height) and resolves it.
  void render(RenderTarget& target, const ViewParams& view, const SceneStyle& style);

 private:
  GridRenderer m_grid;
  LineBatch m_axes;
  float m_axisLength = 0.0F;
  float m_axisWidth = 0.0F;
};

}  // namespace fuselabel::render
