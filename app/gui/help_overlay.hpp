#pragma once
// The keyboard help (F1 or ?): every action with the keys bound to it now,
// grouped as the annotator thinks of them, and where to rebind them.

#include <string>

#include "app/gui/keymap.hpp"

namespace fuselabel::gui {

/// Draws the help window while `open`; its close button clears `open`.
void drawHelpOverlay(bool& open, const Keymap& keymap, const std::string& keymapFile);

}  // namespace fuselabel::gui
