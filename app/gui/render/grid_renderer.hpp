#pragma once
// Draws the ground grid (1 m minor / 10 m major lines on z = 0).

#include <Eigen/Core>

#include "app/gui/render/gl_vertex_array.hpp"
#include "app/gui/render/shader_program.hpp"
#include "app/gui/render/view_params.hpp"
#include "core/util/result.hpp"

namespace fuselabel::render {

struct GridStyle {
  Eigen::Vector4f minorColor{0.36F, 0.39F, 0.44F, 0.55F};
  Eigen::Vector4f majorColor{0.50F, 0.54F, 0.60F, 0.85F};
  bool fadeWithDistance = true;
};

/// grid.vert/grid.frag with its uniform locations looked up once.
class GridProgram {
 public:
  [[nodiscard]] static Result<GridProgram> create(bool fadeWithDistance);

  void use() const { m_program.use(); }
  void setViewProjection(const Eigen::Matrix4f& m) const { ShaderProgram::set(m_viewProj, m); }
  void setCenter(const Eigen::Vector2f& v) const { ShaderProgram::set(m_center, v); }
  void setExtent(float v) const { ShaderProgram::set(m_extent, v); }
  void setMinorColor(const Eigen::Vector4f& v) const { ShaderProgram::set(m_minorColor, v); }
  void setMajorColor(const Eigen::Vector4f& v) const { ShaderProgram::set(m_majorColor, v); }
  void setEyeXY(const Eigen::Vector2f& v) const { ShaderProgram::set(m_eyeXY, v); }
  void setFadeDistance(float v) const { ShaderProgram::set(m_fadeDistance, v); }

 private:
  ShaderProgram m_program;
  int m_viewProj = -1;
  int m_center = -1;
  int m_extent = -1;
  int m_minorColor = -1;
  int m_majorColor = -1;
  int m_eyeXY = -1;
  int m_fadeDistance = -1;
};

class GridRenderer {
 public:
  /// Builds both program variants; needs a current context.
  [[nodiscard]] static Result<GridRenderer> create();

  /// Draws with blending, depth-tested but not depth-writing, so whatever is
  /// drawn later on the ground plane (axes, boxes) is never hidden by the grid.
  void draw(const ViewParams& view, const GridStyle& style) const;

 private:
  GridProgram m_fading;
  GridProgram m_flat;
  VertexArray m_vao;  // core profile requires a bound VAO even without attributes
};

}  // namespace fuselabel::render
