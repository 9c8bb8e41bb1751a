#include "app/gui/render/line_renderer.hpp"

#include <cmath>

#include <epoxy/gl.h>

#include <cstddef>
#include <vector>

namespace fuselabel::render {

namespace {

// Eigen's fixed-size vectors are over-aligned, so segments are repacked into
// plain floats matching the instance attributes of lines.vert.
struct PackedSegment {
  float start[3];
  float end[3];
  float color[4];
  float widthPx;
};
static_assert(sizeof(PackedSegment) == 11 * sizeof(float));

}  // namespace

Result<LineProgram> LineProgram::create() {
  auto program = ShaderProgram::fromEmbedded("lines.vert", "lines.frag");
  if (!program) {
    return program.error();
  }
  LineProgram lines;
  lines.m_program = std::move(program).value();
  lines.m_viewProj = lines.m_program.uniformLocation("u_viewProj");
  lines.m_viewportSize = lines.m_program.uniformLocation("u_viewportSize");
  return lines;
}

Result<LineBatch> LineBatch::create() {
  auto program = LineProgram::create();
  if (!program) {
    return program.error();
  }
  LineBatch batch;
  batch.m_program = std::move(program).value();
  batch.m_vao = VertexArray::create();
  batch.m_instances = Buffer::create(BufferTarget::Array);
  constexpr std::size_t stride = sizeof(PackedSegment);
  batch.m_vao.setAttribute(batch.m_instances, {0, 3, stride, offsetof(PackedSegment, start), 1});
  batch.m_vao.setAttribute(batch.m_instances, {1, 3, stride, offsetof(PackedSegment, end), 1});
  batch.m_vao.setAttribute(batch.m_instances, {2, 4, stride, offsetof(PackedSegment, color), 1});
  batch.m_vao.setAttribute(batch.m_instances, {3, 1, stride, offsetof(PackedSegment, widthPx), 1});
  glBindVertexArray(0);
  return batch;
}

void LineBatch::setSegments(std::span<const LineSegment> segments) {
  m_segments.assign(segments.begin(), segments.end());
  m_dirty = true;
}

void LineBatch::draw(const ViewParams& view, bool onTop) {
  if (m_segments.empty()) {
    return;
  }
  if (m_dirty) {
    std::vector<PackedSegment> packed(m_segments.size());
    for (std::size_t i = 0; i < m_segments.size(); ++i) {
      const LineSegment& s = m_segments[i];
      PackedSegment& p = packed[i];
      for (int k = 0; k < 3; ++k) {
        p.start[k] = s.start[k];
        p.end[k] = s.end[k];
      }
      for (int k = 0; k < 4; ++k) {
        p.color[k] = s.color[k];
      }
      p.widthPx = s.widthPx;
    }
    m_instances.setData(std::as_bytes(std::span(packed)), BufferUsage::DynamicDraw);
    m_dirty = false;
  }
  if (onTop) {
    glDisable(GL_DEPTH_TEST);
  } else {
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    glDepthMask(GL_TRUE);
  }
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  m_program.use();
  m_program.setViewProjection(view.viewProjection());
  m_program.setViewportSize(Eigen::Vector2f(static_cast<float>(view.viewportWidth),
                                            static_cast<float>(view.viewportHeight)));
  m_vao.bind();
  glDrawArraysInstanced(GL_TRIANGLES, 0, 6, static_cast<GLsizei>(m_segments.size()));
  glBindVertexArray(0);
}

std::vector<LineSegment> rangeRingSegments(float spacingM, float maxM) {
  std::vector<LineSegment> out;
  if (!(spacingM > 0.0F) || !(maxM >= spacingM)) {
    return out;
  }
  constexpr int kSides = 128;
  const Eigen::Vector4f colour(0.95F, 0.78F, 0.35F, 0.55F);
  for (float r = spacingM; r <= maxM + 1e-3F; r += spacingM) {
    for (int i = 0; i < kSides; ++i) {
      const float a0 = 6.2831853F * static_cast<float>(i) / kSides;
      const float a1 = 6.2831853F * static_cast<float>(i + 1) / kSides;
      out.push_back({Eigen::Vector3f(r * std::cos(a0), r * std::sin(a0), 0.0F),
                     Eigen::Vector3f(r * std::cos(a1), r * std::sin(a1), 0.0F), colour, 1.5F});
    }
  }
  return out;
}

std::vector<LineSegment> axesSegments(float lengthM, float widthPx) {
  const Eigen::Vector3f origin = Eigen::Vector3f::Zero();
  return {
      {origin, Eigen::Vector3f(lengthM, 0.0F, 0.0F), Eigen::Vector4f(0.93F, 0.26F, 0.26F, 1.0F),
       widthPx},
      {origin, Eigen::Vector3f(0.0F, lengthM, 0.0F), Eigen::Vector4f(0.36F, 0.82F, 0.30F, 1.0F),
       widthPx},
      {origin, Eigen::Vector3f(0.0F, 0.0F, lengthM), Eigen::Vector4f(0.29F, 0.52F, 0.98F, 1.0F),
       widthPx},
  };
}

}  // namespace fuselabel::render
