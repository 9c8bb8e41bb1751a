#pragma once
// Window-wide keyboard shortcuts. Ignored while a text field has focus.

#include <span>
#include <string>

#include "app/gui/platform/glfw_window.hpp"

namespace fuselabel::gui {

class LabelSession;
class OrbitCamera;
class ViewerSession;

struct ShortcutActions {
  bool quit = false;  ///< Ctrl+Q
  bool save = false;  ///< Ctrl+S
  /// What the last edit key did or why it did nothing, for the status bar.
  std::string message;
};

/// Applies view shortcuts (B: bird's-eye toggle, R: reset view) to `camera`,
/// timeline shortcuts (Space play/pause, Left/Right and A/D step, Home/End
/// first/last) to `session`, selection shortcuts (Tab / Shift+Tab cycle the
/// boxes of the frame, Esc clears) to `labels`, and reports the ones the
/// caller has to act on. Edits of the selected box (box_nudge.hpp keys,
/// Delete removes it from this frame) and Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y go
/// through the labels' undo stack.
[[nodiscard]] ShortcutActions handleShortcuts(std::span<const KeyPress> presses,
                                              OrbitCamera& camera, ViewerSession& session,
                                              LabelSession& labels);

}  // namespace fuselabel::gui
