#pragma once
// The first-run layout, as fractions of the area between the menu and status
// bars: the 3D view top-left, the camera strip under it, the timeline at the
// bottom, the settings column on the right. Later runs restore the ini file.

#include <cstddef>

#include "app/gui/panels/panel.hpp"

namespace fuselabel::gui::layout {

inline constexpr float k_sideColumnX = 0.78F;   ///< settings column starts here
inline constexpr float k_stripTop = 0.575F;     ///< camera strip starts here
inline constexpr float k_timelineTop = 0.905F;  ///< timeline starts here

/// The 3D view: full height without a dataset, above the strip with one.
[[nodiscard]] inline PanelPlacement viewport(bool withDataset) {
  return {0.0F, 0.0F, k_sideColumnX, withDataset ? k_stripTop : 1.0F};
}

[[nodiscard]] inline PanelPlacement timeline() {
  return {0.0F, k_timelineTop, k_sideColumnX, 1.0F - k_timelineTop};
}

/// Camera `index` of `count` in the strip: one row up to 3 cameras, two rows beyond.
[[nodiscard]] inline PanelPlacement camera(std::size_t index, std::size_t count) {
  const std::size_t rows = count > 3 ? 2 : 1;
  const std::size_t columns = (count + rows - 1) / rows;
  const float width = k_sideColumnX / static_cast<float>(columns);
  const float height = (k_timelineTop - k_stripTop) / static_cast<float>(rows);
  return {width * static_cast<float>(index % columns),
          k_stripTop + height * static_cast<float>(index / columns), width, height};
}

/// Where an enlarged camera panel goes: over the 3D view and the strip.
[[nodiscard]] inline PanelPlacement enlargedCamera() {
  return {0.0F, 0.0F, k_sideColumnX, k_timelineTop};
}

}  // namespace fuselabel::gui::layout
