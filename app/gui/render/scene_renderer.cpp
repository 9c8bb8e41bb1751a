#include "app/gui/render/scene_renderer.hpp"

#include <algorithm>

namespace fuselabel::render {

bool SceneStyle::operator==(const SceneStyle& other) const {
  return background == other.background && grid.minorColor == other.grid.minorColor &&
         grid.majorColor == other.grid.majorColor &&
         grid.fadeWithDistance == other.grid.fadeWithDistance && showGrid == other.showGrid &&
         showAxes == other.showAxes && axisLengthM == other.axisLengthM &&
         axisWidthPx == other.axisWidthPx && showRangeRings == other.showRangeRings &&
         ringSpacingM == other.ringSpacingM && showPoints == other.showPoints &&
         points == other.points;
}

Result<SceneRenderer> SceneRenderer::create() {
  auto grid = GridRenderer::create();
  if (!grid) {
    return grid.error();
  }
  auto axes = LineBatch::create();
  if (!axes) {
    return axes.error();
  }
  auto boxes = LineBatch::create();
  if (!boxes) {
    return boxes.error();
  }
  auto rings = LineBatch::create();
  if (!rings) {
    return rings.error();
  }
  auto points = PointRenderer::create();
  if (!points) {
    return points.error();
  }
  SceneRenderer renderer;
  renderer.m_grid = std::move(grid).value();
  renderer.m_axes = std::move(axes).value();
  renderer.m_boxes = std::move(boxes).value();
  renderer.m_rings = std::move(rings).value();
  renderer.m_points = std::move(points).value();
  return renderer;
}

bool SceneRenderer::setPoints(std::shared_ptr<const PointBatch> batch, std::uint64_t version) {
  return m_points.update(std::move(batch), version);
}

void SceneRenderer::setBoxes(std::span<const LineSegment> segments, std::uint64_t version) {
  if (version == m_boxesVersion) {
    return;
  }
  m_boxesVersion = version;
  m_boxes.setSegments(segments);
}

bool SceneRenderer::sameAsLast(const Key& key) const {
  return m_valid && key.view == m_last.view && key.projection == m_last.projection &&
         key.width == m_last.width && key.height == m_last.height && key.target == m_last.target &&
         key.targetTexture == m_last.targetTexture && key.pointsVersion == m_last.pointsVersion &&
         key.boxesVersion == m_last.boxesVersion && key.style == m_last.style;
}

SceneRenderStats SceneRenderer::render(RenderTarget& target, const ViewParams& view,
                                       const SceneStyle& style, std::size_t pointBudget) {
  SceneRenderStats stats;
  const std::size_t total = style.showPoints ? m_points.size() : 0;
  stats.pointsTotal = total;
  pointBudget = std::max<std::size_t>(pointBudget, 1);

  Key key{view.view,          view.projection, target.width(),
          target.height(),    &target,         target.colorTexture().id(),
          m_points.version(), m_boxesVersion,  style};
  if (sameAsLast(key)) {
    if (m_shown >= total) {
      stats.pointsShown = m_shown;
      return stats;  // complete and unchanged: the resolved texture is still right
    }
    // Refinement: the next slice of the random order on top of what is there.
    const std::size_t count = std::min(pointBudget, total - m_shown);
    target.beginKeep();
    m_points.draw(view, style.points, m_shown, count);
    // The new points landed on the boxes; the overlay goes back on top.
    m_boxes.draw(view, true);
    target.end();
    m_shown += count;
    stats.drew = true;
    stats.pointsDrawn = count;
    stats.pointsShown = m_shown;
    return stats;
  }

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
  if (style.showRangeRings) {
    if (style.ringSpacingM != m_ringSpacing) {
      m_ringSpacing = style.ringSpacingM;
      const auto segments = rangeRingSegments(m_ringSpacing, 100.0F);
      m_rings.setSegments(segments);
    }
    m_rings.draw(view);
  }
  const std::size_t count = std::min(pointBudget, total);
  if (count > 0) {
    m_points.draw(view, style.points, 0, count);
  }
  m_boxes.draw(view, true);
  target.end();
  m_last = std::move(key);
  m_valid = true;
  m_shown = count;
  stats.drew = true;
  stats.cleared = true;
  stats.pointsDrawn = count;
  stats.pointsShown = count;
  return stats;
}

}  // namespace fuselabel::render
