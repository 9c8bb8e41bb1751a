#pragma once
// Window-wide keyboard shortcuts. Ignored while a text field has focus.

#include <span>

#include "app/gui/platform/glfw_window.hpp"

namespace fuselabel::gui {

class LabelSession;
class OrbitCamera;
class ViewerSession;

struct ShortcutActions {
  bool quit = false;  ///< Ctrl+Q
};

/// Applies view shortcuts (B: bird's-eye toggle, R: reset view) to `camera`,
/// timeline shortcuts (Space play/pause, Left/Right and A/D step, Home/End
/// first/last) to `session`, selection shortcuts (Tab / Shift+Tab cycle the
/// boxes of the frame, Esc clears) to `labels`, and reports the ones the
/// caller has to act on.
[[nodiscard]] ShortcutActions handleShortcuts(std::span<const KeyPress> presses,
                                              OrbitCamera& camera, ViewerSession& session,
                                              LabelSession& labels);

}  // namespace fuselabel::gui
