#pragma once
// What the annotator is doing, shared by the 3D view, the shortcuts and the
// tool palette: the active tool, the class new labels get, and the shown
// frame's sweep indexed for fitting.

#include <string>

#include "app/gui/scene/box_creation.hpp"
#include "app/gui/scene/class_palette.hpp"

namespace fuselabel::gui {

enum class EditTool {
  Select,    ///< clicks select, drags move the camera
  DrawBox,   ///< a left drag on the ground draws a new box's footprint
  DrawLane,  ///< clicks add lane vertices on the ground; Enter finishes
};

[[nodiscard]] const char* toString(EditTool tool) noexcept;

struct EditState {
  EditTool tool = EditTool::Select;
  ClassPalette palette;
  FrameSweepIndex sweep;
  /// What the last tool action did or why it did nothing (status bar).
  std::string message;
};

}  // namespace fuselabel::gui
