#include "app/gui/scene/edit_state.hpp"

namespace fuselabel::gui {

const char* toString(EditTool tool) noexcept {
  switch (tool) {
    case EditTool::Select:
      return "select";
    case EditTool::DrawBox:
      return "box";
    case EditTool::DrawLane:
      return "lane";
  }
  return "select";
}

}  // namespace fuselabel::gui
