#pragma once
// A click, as opposed to the end of a drag: the views orbit and pan on drags
// and select on clicks with the same button.

#include <imgui.h>

namespace fuselabel::gui {

/// True in the frame `button` is released after moving less than ImGui's drag threshold.
[[nodiscard]] inline bool releasedWithoutDrag(ImGuiMouseButton button) {
  const ImGuiIO& io = ImGui::GetIO();
  return ImGui::IsMouseReleased(button) &&
         io.MouseDragMaxDistanceSqr[button] < io.MouseDragThreshold * io.MouseDragThreshold;
}

}  // namespace fuselabel::gui
