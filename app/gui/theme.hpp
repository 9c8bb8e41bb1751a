#pragma once
// The look of the tool: a dark, low-contrast theme so the 3D view and the
// label colours stand out, and a proportional font when one is installed.

namespace fuselabel::gui {

/// Sets ImGui's style colours and metrics (needs an ImGui context).
void applyTheme();
/// Loads DejaVu Sans if present, else keeps ImGui's built-in font.
void loadFonts();

}  // namespace fuselabel::gui
