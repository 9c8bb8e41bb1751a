#include "app/gui/render/point_renderer.hpp"

#include <epoxy/gl.h>

#include <algorithm>
#include <limits>
#include <span>
#include <string>

namespace fuselabel::render {
namespace {

const char* defineFor(PointColorMode mode) {
  switch (mode) {
    case PointColorMode::Intensity:
      return "COLOR_INTENSITY";
    case PointColorMode::Height:
      return "COLOR_HEIGHT";
    case PointColorMode::Range:
      return "COLOR_RANGE";
    case PointColorMode::Ring:
      return "COLOR_RING";
    case PointColorMode::Time:
      return "COLOR_TIME";
    case PointColorMode::Camera:
      return "COLOR_CAMERA";
  }
  return "COLOR_INTENSITY";
}

std::size_t indexOf(PointColorMode mode) {
  return static_cast<std::size_t>(mode);
}

// Larger points look like blobs when square; below this they are too small to tell.
constexpr float k_roundFromPx = 3.5F;

}  // namespace

Result<PointProgram> PointProgram::create(PointColorMode mode, bool round) {
  std::vector<std::string> defines{defineFor(mode)};
  if (round) {
    defines.emplace_back("ROUND_POINTS");
  }
  auto program = ShaderProgram::fromEmbedded("points.vert", "points.frag", defines);
  if (!program) {
    return program.error();
  }
  PointProgram p;
  p.m_program = std::move(program).value();
  p.m_viewProj = p.m_program.uniformLocation("u_viewProj");
  p.m_model = p.m_program.uniformLocation("u_model");
  p.m_pointSize = p.m_program.uniformLocation("u_pointSize");
  p.m_heightBand = p.m_program.uniformLocation("u_heightBand");
  p.m_valueRange = p.m_program.uniformLocation("u_valueRange");
  return p;
}

Result<BarePointProgram> BarePointProgram::create() {
  auto program = ShaderProgram::fromEmbedded("points_bare.vert", "points_bare.frag");
  if (!program) {
    return program.error();
  }
  BarePointProgram p;
  p.m_program = std::move(program).value();
  p.m_mvp = p.m_program.uniformLocation("u_mvp");
  p.m_pointSize = p.m_program.uniformLocation("u_pointSize");
  return p;
}

Result<PointRenderer> PointRenderer::create() {
  PointRenderer r;
  for (const PointColorMode mode : k_pointColorModes) {
    auto square = PointProgram::create(mode, false);
    if (!square) {
      return square.error();
    }
    auto round = PointProgram::create(mode, true);
    if (!round) {
      return round.error();
    }
    r.m_square[indexOf(mode)] = std::move(square).value();
    r.m_round[indexOf(mode)] = std::move(round).value();
  }
  auto bare = BarePointProgram::create();
  if (!bare) {
    return bare.error();
  }
  r.m_bare = std::move(bare).value();
  r.m_positions = Buffer::create(BufferTarget::Array);
  for (Buffer& channel : r.m_channels) {
    channel = Buffer::create(BufferTarget::Array);
  }
  for (std::size_t i = 0; i < r.m_vaos.size(); ++i) {
    r.m_vaos[i] = VertexArray::create();
    r.m_vaos[i].setAttribute(r.m_positions, {0, 3, 3 * sizeof(float), 0, 0});
    if (i < r.m_channels.size()) {
      r.m_vaos[i].setAttribute(r.m_channels[i], {1, 1, sizeof(float), 0, 0});
    }
  }
  glBindVertexArray(0);
  return r;
}

bool PointRenderer::update(std::shared_ptr<const PointBatch> batch, std::uint64_t version) {
  if (version == m_version && batch == m_batch) {
    return false;
  }
  m_batch = std::move(batch);
  m_version = version;
  m_count = m_batch ? m_batch->size() : 0;
  if (!m_batch) {
    return true;
  }
  // StaticDraw: written once per frame change, drawn many times.
  m_positions.setData(std::as_bytes(std::span(m_batch->positions)), BufferUsage::StaticDraw);
  m_channels[Intensity].setData(std::as_bytes(std::span(m_batch->intensity)),
                                BufferUsage::StaticDraw);
  if (m_batch->hasRing()) {
    m_channels[Ring].setData(std::as_bytes(std::span(m_batch->ring)), BufferUsage::StaticDraw);
  }
  if (m_batch->hasTime()) {
    m_channels[Time].setData(std::as_bytes(std::span(m_batch->time)), BufferUsage::StaticDraw);
  }
  if (m_batch->hasCameraRgb()) {
    m_channels[CameraRgb].setData(std::as_bytes(std::span(m_batch->cameraRgb)),
                                  BufferUsage::StaticDraw);
  }
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  return true;
}

bool PointRenderer::supports(PointColorMode mode) const noexcept {
  switch (mode) {
    case PointColorMode::Ring:
      return m_batch && m_batch->hasRing();
    case PointColorMode::Time:
      return m_batch && m_batch->hasTime();
    case PointColorMode::Camera:
      return m_batch && m_batch->hasCameraRgb();
    default:
      return true;
  }
}

void PointRenderer::draw(const ViewParams& view, const PointStyle& style, std::size_t first,
                         std::size_t count) const {
  if (!m_batch || first >= m_count || count == 0) {
    return;
  }
  count = std::min(count, m_count - first);
  PointColorMode mode = style.colorMode;
  if (!supports(mode)) {
    mode = PointColorMode::Intensity;
  }
  const bool round = style.pointSizePx >= k_roundFromPx;
  const PointProgram& program = round ? m_round[indexOf(mode)] : m_square[indexOf(mode)];
  Channel channel = PositionOnly;
  Eigen::Vector2f valueRange(0.0F, 1.0F);
  switch (mode) {
    case PointColorMode::Intensity:
      channel = Intensity;
      break;
    case PointColorMode::Height:
      valueRange = {style.heightColorMinM, style.heightColorMaxM};
      break;
    case PointColorMode::Range:
      valueRange = {0.0F, style.rangeColorMaxM};
      break;
    case PointColorMode::Ring:
      channel = Ring;
      break;
    case PointColorMode::Time:
      channel = Time;
      valueRange = {m_batch->timeMin, m_batch->timeMax};
      break;
    case PointColorMode::Camera:
      channel = CameraRgb;
      break;
  }
  const float inf = std::numeric_limits<float>::infinity();
  const Eigen::Vector2f band = style.clipHeight
                                   ? Eigen::Vector2f(style.minHeightM, style.maxHeightM)
                                   : Eigen::Vector2f(-inf, inf);
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LESS);
  glDepthMask(GL_TRUE);
  glDisable(GL_BLEND);
  glEnable(GL_PROGRAM_POINT_SIZE);
  program.use();
  program.setViewProjection(view.viewProjection());
  program.setModel(m_batch->T_world_sensor);
  program.setPointSize(style.pointSizePx);
  program.setHeightBand(band);
  program.setValueRange(valueRange);
  m_vaos[channel].bind();
  glDrawArrays(GL_POINTS, static_cast<GLint>(first), static_cast<GLsizei>(count));
  glBindVertexArray(0);
}

void PointRenderer::drawBare(const ViewParams& view, float pointSizePx, std::size_t count) const {
  if (!m_batch || count == 0) {
    return;
  }
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LESS);
  glDepthMask(GL_TRUE);
  glDisable(GL_BLEND);
  glEnable(GL_PROGRAM_POINT_SIZE);
  m_bare.use();
  m_bare.setMvp(view.viewProjection() * m_batch->T_world_sensor);
  m_bare.setPointSize(pointSizePx);
  m_vaos[PositionOnly].bind();
  glDrawArrays(GL_POINTS, 0, static_cast<GLsizei>(std::min(count, m_count)));
  glBindVertexArray(0);
}

}  // namespace fuselabel::render
