#pragma once
// A batch of thick, anti-aliased 3D line segments (axes today; cuboid edges,
// lane polylines and trajectories later). The CPU list is uploaded only when
// it changes.

#include <span>
#include <vector>

#include <Eigen/Core>

#include "app/gui/render/gl_buffer.hpp"
#include "app/gui/render/gl_vertex_array.hpp"
#include "app/gui/render/shader_program.hpp"
#include "app/gui/render/view_params.hpp"
#include "core/util/result.hpp"

namespace fuselabel::render {

/// One segment; laid out exactly as the instance attributes of lines.vert.
struct LineSegment {
  Eigen::Vector3f start;
  Eigen::Vector3f end;
  Eigen::Vector4f color;  ///< linear RGBA, 0..1
  float widthPx = 2.0F;
};

/// lines.vert/lines.frag with its uniform locations looked up once.
class LineProgram {
 public:
  [[nodiscard]] static Result<LineProgram> create();

  void use() const { m_program.use(); }
  void setViewProjection(const Eigen::Matrix4f& m) const { ShaderProgram::set(m_viewProj, m); }
  void setViewportSize(const Eigen::Vector2f& v) const { ShaderProgram::set(m_viewportSize, v); }

 private:
  ShaderProgram m_program;
  int m_viewProj = -1;
  int m_viewportSize = -1;
};

class LineBatch {
 public:
  [[nodiscard]] static Result<LineBatch> create();

  /// Replaces the segments; uploaded to the GPU on the next draw.
  void setSegments(std::span<const LineSegment> segments);
  /// Draws the segments; `onTop` ignores depth, so they stay visible through points.
  void draw(const ViewParams& view, bool onTop = false);
  [[nodiscard]] std::size_t size() const noexcept { return m_segments.size(); }

 private:
  LineProgram m_program;
  Buffer m_instances;
  VertexArray m_vao;
  std::vector<LineSegment> m_segments;
  bool m_dirty = true;
};

/// Circles on the ground plane (z = 0) around the ego at every multiple of
/// `spacingM` up to `maxM`, for reading ranges at a glance.
[[nodiscard]] std::vector<LineSegment> rangeRingSegments(float spacingM, float maxM);

/// The ego-frame axes at the origin: x red (forward), y green (left), z blue (up).
[[nodiscard]] std::vector<LineSegment> axesSegments(float lengthM, float widthPx);

}  // namespace fuselabel::render
