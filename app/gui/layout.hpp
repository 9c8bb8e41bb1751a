#pragma once
// The first-run layout, as fractions of the area between the menu and status
// bars: the 3D view top-left with the box views right of it, the camera strip
// under them, the timeline at the bottom, the object list, inspector and
// settings stacked on the right. Later runs restore the ini file.

#include <algorithm>
#include <cstddef>

#include "app/gui/panels/panel.hpp"

namespace fuselabel::gui::layout {

inline constexpr float k_sideColumnX = 0.78F;   ///< settings column starts here
inline constexpr float k_stripTop = 0.575F;     ///< camera strip starts here
inline constexpr float k_timelineTop = 0.905F;  ///< timeline starts here

/// The box views (top, side, front of the selected box) start here, right of
/// the 3D view and above the strip.
inline constexpr float k_boxViewsX = 0.56F;

/// The 3D view: full height without a dataset, above the strip and left of
/// the box views with one.
[[nodiscard]] inline PanelPlacement viewport(bool withDataset, float stripTop = k_stripTop) {
  return withDataset ? PanelPlacement{0.0F, 0.0F, k_boxViewsX, stripTop}
                     : PanelPlacement{0.0F, 0.0F, k_sideColumnX, 1.0F};
}

/// The box views: between the 3D view and the right column, above the strip.
[[nodiscard]] inline PanelPlacement boxViews(float stripTop = k_stripTop) {
  return {k_boxViewsX, 0.0F, k_sideColumnX - k_boxViewsX, stripTop};
}

[[nodiscard]] inline PanelPlacement timeline() {
  return {0.0F, k_timelineTop, k_sideColumnX, 1.0F - k_timelineTop};
}

/// Camera `index` of `count` in the strip: one row up to 3 cameras, two rows
/// beyond. The strip starts at `stripTop` (see cameraStripTop()).
[[nodiscard]] inline PanelPlacement camera(std::size_t index, std::size_t count,
                                           float stripTop = k_stripTop) {
  const std::size_t rows = count > 3 ? 2 : 1;
  const std::size_t columns = (count + rows - 1) / rows;
  const float width = k_sideColumnX / static_cast<float>(columns);
  const float height = (k_timelineTop - stripTop) / static_cast<float>(rows);
  return {width * static_cast<float>(index % columns),
          stripTop + height * static_cast<float>(index / columns), width, height};
}

/// Where the camera strip starts so its images fill the panels' width: from
/// the cameras' image aspect (width / height), the area's size in pixels and
/// the height of a panel's title and toolbar. Kept between a quarter and a
/// little over half of the area, so the 3D view always has room.
[[nodiscard]] inline float cameraStripTop(std::size_t count, float aspect, float areaWidth,
                                          float areaHeight, float chromePx) {
  if (count == 0 || aspect <= 0.0F || areaHeight <= 0.0F) {
    return k_stripTop;
  }
  const std::size_t rows = count > 3 ? 2 : 1;
  const std::size_t columns = (count + rows - 1) / rows;
  const float cellWidth = k_sideColumnX * areaWidth / static_cast<float>(columns);
  const float rowHeight = cellWidth / aspect + chromePx;
  const float strip = static_cast<float>(rows) * rowHeight / areaHeight;
  const float clamped = std::clamp(strip, 0.25F, 0.56F);
  return k_timelineTop - clamped;
}

/// The right column, top to bottom: object list, inspector, view settings.
inline constexpr float k_inspectorTop = 0.40F;
inline constexpr float k_settingsTop = 0.70F;

[[nodiscard]] inline PanelPlacement objectList() {
  return {k_sideColumnX, 0.0F, 1.0F - k_sideColumnX, k_inspectorTop};
}

[[nodiscard]] inline PanelPlacement inspector() {
  return {k_sideColumnX, k_inspectorTop, 1.0F - k_sideColumnX, k_settingsTop - k_inspectorTop};
}

/// View settings: the whole column without labels, its bottom part with them.
[[nodiscard]] inline PanelPlacement viewSettings(bool withLabels) {
  const float top = withLabels ? k_settingsTop : 0.0F;
  return {k_sideColumnX, top, 1.0F - k_sideColumnX, 1.0F - top};
}

/// Where an enlarged camera panel goes: over the 3D view and the strip.
[[nodiscard]] inline PanelPlacement enlargedCamera() {
  return {0.0F, 0.0F, k_sideColumnX, k_timelineTop};
}

}  // namespace fuselabel::gui::layout
