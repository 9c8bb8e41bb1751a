#pragma once
// Window-wide keyboard shortcuts. Ignored while a text field has focus.

#include <span>

#include "app/gui/platform/glfw_window.hpp"

namespace fuselabel::gui {

class OrbitCamera;

struct ShortcutActions {
  bool quit = false;  ///< Ctrl+Q
};

/// Applies view shortcuts (B: bird's-eye toggle, R/Home: reset view) to `camera`
/// and reports the ones the caller has to act on.
[[nodiscard]] ShortcutActions handleShortcuts(std::span<const KeyPress> presses, OrbitCamera& camera);

}  // namespace fuselabel::gui
