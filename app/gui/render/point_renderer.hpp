#pragma once
// LiDAR points in the 3D view: a versioned GPU mirror of a PointBatch.
//
// update() uploads only when the batch's version changes (a frame change),
// never per draw. Each channel has its own buffer and each colour mode its own
// vertex array, so a draw fetches the position plus at most one float per
// point, and switching the colour mode uploads nothing.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "app/gui/render/gl_buffer.hpp"
#include "app/gui/render/gl_vertex_array.hpp"
#include "app/gui/render/point_batch.hpp"
#include "app/gui/render/point_style.hpp"
#include "app/gui/render/shader_program.hpp"
#include "app/gui/render/view_params.hpp"
#include "core/util/result.hpp"

namespace fuselabel::render {

/// points.vert/points.frag for one colour mode, uniform locations looked up once.
class PointProgram {
 public:
  [[nodiscard]] static Result<PointProgram> create(PointColorMode mode, bool round);

  void use() const { m_program.use(); }
  void setViewProjection(const Eigen::Matrix4f& m) const { ShaderProgram::set(m_viewProj, m); }
  void setModel(const Eigen::Matrix4f& m) const { ShaderProgram::set(m_model, m); }
  void setPointSize(float v) const { ShaderProgram::set(m_pointSize, v); }
  void setHeightBand(const Eigen::Vector2f& v) const { ShaderProgram::set(m_heightBand, v); }
  void setValueRange(const Eigen::Vector2f& v) const { ShaderProgram::set(m_valueRange, v); }

 private:
  ShaderProgram m_program;
  int m_viewProj = -1;
  int m_model = -1;
  int m_pointSize = -1;
  int m_heightBand = -1;
  int m_valueRange = -1;
};

/// points_bare.vert/.frag: the benchmark's lower bound.
class BarePointProgram {
 public:
  [[nodiscard]] static Result<BarePointProgram> create();
  void use() const { m_program.use(); }
  void setMvp(const Eigen::Matrix4f& m) const { ShaderProgram::set(m_mvp, m); }
  void setPointSize(float v) const { ShaderProgram::set(m_pointSize, v); }

 private:
  ShaderProgram m_program;
  int m_mvp = -1;
  int m_pointSize = -1;
};

class PointRenderer {
 public:
  /// Compiles every colour-mode variant; needs a current context.
  [[nodiscard]] static Result<PointRenderer> create();

  /// Mirrors `batch` on the GPU when `version` differs from the uploaded one
  /// (nullptr clears). Returns true when it uploaded.
  bool update(std::shared_ptr<const PointBatch> batch, std::uint64_t version);

  /// Draws points [first, first + count) of the batch (clamped to its size)
  /// into the bound framebuffer with depth testing.
  void draw(const ViewParams& view, const PointStyle& style, std::size_t first,
            std::size_t count) const;

  /// The minimal draw of the same buffer, for `--bench-render`.
  void drawBare(const ViewParams& view, float pointSizePx, std::size_t count) const;

  [[nodiscard]] std::size_t size() const noexcept { return m_count; }
  [[nodiscard]] std::uint64_t version() const noexcept { return m_version; }
  [[nodiscard]] const std::shared_ptr<const PointBatch>& batch() const noexcept { return m_batch; }
  /// Whether `mode` can be shown for the uploaded batch (ring/time need the channel).
  [[nodiscard]] bool supports(PointColorMode mode) const noexcept;

 private:
  enum Channel { Intensity = 0, Ring = 1, Time = 2, CameraRgb = 3, PositionOnly = 4 };

  std::array<PointProgram, k_pointColorModes.size()> m_square;
  std::array<PointProgram, k_pointColorModes.size()> m_round;
  BarePointProgram m_bare;
  Buffer m_positions;
  std::array<Buffer, PositionOnly> m_channels;       // intensity, ring, time, camera colour
  std::array<VertexArray, PositionOnly + 1> m_vaos;  // by Channel
  std::shared_ptr<const PointBatch> m_batch;
  std::uint64_t m_version = 0;
  std::size_t m_count = 0;
};

}  // namespace fuselabel::render
