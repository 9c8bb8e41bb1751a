#include "app/gui/render/grid_renderer.hpp"

#include <epoxy/gl.h>

#include <algorithm>
#include <cmath>

namespace fuselabel::render {

Result<GridProgram> GridProgram::create(bool fadeWithDistance) {
  auto program =
      ShaderProgram::fromEmbedded("grid.vert", "grid.frag",
                                  fadeWithDistance ? std::vector<std::string>{"FADE_WITH_DISTANCE"}
                                                   : std::vector<std::string>{});
  if (!program) {
    return program.error();
  }
  GridProgram grid;
  grid.m_program = std::move(program).value();
  grid.m_viewProj = grid.m_program.uniformLocation("u_viewProj");
  grid.m_center = grid.m_program.uniformLocation("u_center");
  grid.m_extent = grid.m_program.uniformLocation("u_extent");
  grid.m_minorColor = grid.m_program.uniformLocation("u_minorColor");
  grid.m_majorColor = grid.m_program.uniformLocation("u_majorColor");
  grid.m_eyeXY = grid.m_program.uniformLocation("u_eyeXY");
  grid.m_fadeDistance = grid.m_program.uniformLocation("u_fadeDistance");
  return grid;
}

Result<GridRenderer> GridRenderer::create() {
  auto fading = GridProgram::create(true);
  if (!fading) {
    return fading.error();
  }
  auto flat = GridProgram::create(false);
  if (!flat) {
    return flat.error();
  }
  GridRenderer renderer;
  renderer.m_fading = std::move(fading).value();
  renderer.m_flat = std::move(flat).value();
  renderer.m_vao = VertexArray::create();
  glBindVertexArray(0);
  return renderer;
}

void GridRenderer::draw(const ViewParams& view, const GridStyle& style) const {
  // Orthographic top-down views have no horizon to fade towards.
  const bool fade = style.fadeWithDistance && !view.orthographic;
  const GridProgram& program = fade ? m_fading : m_flat;
  const float extent = std::max(200.0F, view.viewExtent * 12.0F);
  // Snap the quad to the major spacing so moving the target never shifts lines.
  const Eigen::Vector2f center(std::round(view.target.x() / 10.0F) * 10.0F,
                               std::round(view.target.y() / 10.0F) * 10.0F);

  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LEQUAL);
  glDepthMask(GL_FALSE);
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);

  program.use();
  program.setViewProjection(view.viewProjection());
  program.setCenter(center);
  program.setExtent(extent);
  program.setMinorColor(style.minorColor);
  program.setMajorColor(style.majorColor);
  program.setEyeXY(view.eye.head<2>());
  program.setFadeDistance(std::max(60.0F, view.viewExtent * 6.0F));
  m_vao.bind();
  glDrawArrays(GL_TRIANGLES, 0, 6);
  glBindVertexArray(0);
  glDepthMask(GL_TRUE);
}

}  // namespace fuselabel::render
