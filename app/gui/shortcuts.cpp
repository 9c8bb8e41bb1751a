#include "app/gui/shortcuts.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include "app/gui/view/orbit_camera.hpp"

namespace fuselabel::gui {

ShortcutActions handleShortcuts(std::span<const KeyPress> presses, OrbitCamera& camera) {
  ShortcutActions actions;
  if (ImGui::GetIO().WantTextInput) {
    return actions;  // the keys are text for a field
  }
  for (const KeyPress& press : presses) {
    const bool plain = !press.ctrl && !press.alt && !press.super;
    if (plain && press.key == GLFW_KEY_B) {
      camera.toggleBirdsEye();
    } else if (plain && (press.key == GLFW_KEY_R || press.key == GLFW_KEY_HOME)) {
      camera.reset();
    } else if (press.ctrl && press.key == GLFW_KEY_Q) {
      actions.quit = true;
    }
  }
  return actions;
}

}  // namespace fuselabel::gui
