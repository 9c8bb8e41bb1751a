#include "app/gui/shortcuts.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include "app/gui/scene/viewer_session.hpp"
#include "app/gui/view/orbit_camera.hpp"

namespace fuselabel::gui {

ShortcutActions handleShortcuts(std::span<const KeyPress> presses, OrbitCamera& camera,
                                ViewerSession& session) {
  ShortcutActions actions;
  if (ImGui::GetIO().WantTextInput) {
    return actions;  // the keys are text for a field
  }
  for (const KeyPress& press : presses) {
    const bool plain = !press.ctrl && !press.alt && !press.super;
    if (press.ctrl && press.key == GLFW_KEY_Q) {
      actions.quit = true;
    }
    if (!plain) {
      continue;
    }
    switch (press.key) {
      case GLFW_KEY_B:
        camera.toggleBirdsEye();
        break;
      case GLFW_KEY_R:
        camera.reset();
        break;
      case GLFW_KEY_SPACE:
        session.togglePlay();
        break;
      case GLFW_KEY_RIGHT:
      case GLFW_KEY_D:
        session.step(1);
        break;
      case GLFW_KEY_LEFT:
      case GLFW_KEY_A:
        session.step(-1);
        break;
      case GLFW_KEY_HOME:
        session.first();
        break;
      case GLFW_KEY_END:
        session.last();
        break;
      default:
        break;
    }
  }
  return actions;
}

}  // namespace fuselabel::gui
