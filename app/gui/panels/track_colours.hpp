#pragma once
// One colour per instance source, shared by the Track panel's plots and the
// timeline so a filled frame reads the same everywhere.

#include <imgui.h>

#include "app/gui/scene/label_session.hpp"

namespace fuselabel::gui {

/// Colour of a non-key instance by source; keyframes use `keyColour` (the class colour).
[[nodiscard]] inline ImU32 sourceColour(InstanceSource source, ImU32 keyColour) {
  switch (source) {
    case InstanceSource::Keyframe:
      return keyColour;
    case InstanceSource::Interpolated:
      return IM_COL32(205, 208, 215, 255);
    case InstanceSource::Predicted:
      return IM_COL32(245, 170, 70, 255);
    case InstanceSource::Fitted:
      return IM_COL32(110, 215, 120, 255);
    case InstanceSource::Proposal:
      return IM_COL32(200, 130, 235, 255);
  }
  return IM_COL32(200, 204, 212, 255);
}

/// The class colour of `className` as an ImGui colour.
[[nodiscard]] inline ImU32 classColourU32(const std::string& className) {
  const Rgb c = classColour(className);
  return IM_COL32(c.r, c.g, c.b, 255);
}

}  // namespace fuselabel::gui
