#pragma once
// Draws the whole 3D scene for one view into a RenderTarget: grid, ego axes
// the LiDAR points and the label overlay (cuboids), in draw order.
//
// Point budget and progressive refinement: a call draws at most `pointBudget`
// points. When nothing that affects the image changed since the last call
// (view, style, points, target), the next call does not clear: it adds the
// next `pointBudget` points of the batch on top, until all are shown; after
// that a call draws nothing and the target's texture is reused. Because the
// batch is in random order (see point_batch.hpp) every partial image is a
// uniform subsample, so a moving view stays interactive at any cloud size and
// fills in to full density within a few frames once it stops.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>

#include "app/gui/render/grid_renderer.hpp"
#include "app/gui/render/line_renderer.hpp"
#include "app/gui/render/point_renderer.hpp"
#include "app/gui/render/point_style.hpp"
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
  bool showRangeRings = false;
  float ringSpacingM = 10.0F;  ///< rings at every multiple of this, out to 100 m
  bool showPoints = true;
  PointStyle points;

  bool operator==(const SceneStyle& other) const;
};

/// What one render() call did.
struct SceneRenderStats {
  bool drew = false;            ///< false: nothing changed and the image was already complete
  bool cleared = false;         ///< the image was started over (view, style or data changed)
  std::size_t pointsDrawn = 0;  ///< points drawn by this call
  std::size_t pointsShown = 0;  ///< points in the image now
  std::size_t pointsTotal = 0;  ///< points in the batch
  [[nodiscard]] bool complete() const noexcept { return pointsShown >= pointsTotal; }
};

class SceneRenderer {
 public:
  static constexpr std::size_t k_unlimited = std::numeric_limits<std::size_t>::max();

  /// Compiles every program; the error names the shader file. Needs a context.
  [[nodiscard]] static Result<SceneRenderer> create();

  /// Mirrors `batch` on the GPU when `version` changed (see PointRenderer::update).
  bool setPoints(std::shared_ptr<const PointBatch> batch, std::uint64_t version);

  /// The label overlay (cuboid edges, heading marks), drawn over the points;
  /// replaced when `version` changed.
  void setBoxes(std::span<const LineSegment> segments, std::uint64_t version);

  /// Renders into `target` (already sized to view.viewportWidth/Height) and
  /// resolves it, drawing at most `pointBudget` points (see the file comment).
  SceneRenderStats render(RenderTarget& target, const ViewParams& view, const SceneStyle& style,
                          std::size_t pointBudget = k_unlimited);

  /// Forces the next render() to start over (e.g. a benchmark timing full frames).
  void invalidate() noexcept { m_valid = false; }

  [[nodiscard]] const PointRenderer& points() const noexcept { return m_points; }

 private:
  struct Key {
    Eigen::Matrix4f view;
    Eigen::Matrix4f projection;
    int width = 0;
    int height = 0;
    const RenderTarget* target = nullptr;
    std::uint32_t targetTexture = 0;
    std::uint64_t pointsVersion = 0;
    std::uint64_t boxesVersion = 0;
    SceneStyle style;
  };
  [[nodiscard]] bool sameAsLast(const Key& key) const;

  GridRenderer m_grid;
  LineBatch m_axes;
  LineBatch m_boxes;
  LineBatch m_rings;
  float m_ringSpacing = 0.0F;
  std::uint64_t m_boxesVersion = 0;
  PointRenderer m_points;
  float m_axisLength = 0.0F;
  float m_axisWidth = 0.0F;
  Key m_last;
  bool m_valid = false;
  std::size_t m_shown = 0;
};

}  // namespace fuselabel::render
