#include "app/gui/shortcuts.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <vector>

#include "app/gui/scene/box_nudge.hpp"
#include "app/gui/scene/label_session.hpp"
#include "app/gui/scene/viewer_session.hpp"
#include "app/gui/view/orbit_camera.hpp"
#include "core/annotation/commands/instance_commands.hpp"

namespace fuselabel::gui {

namespace {

// The next (or previous) box of the shown frame after the selected one, wrapping.
void cycleSelection(const ViewerSession& session, LabelSession& labels, bool backwards) {
  if (!session.shown()) {
    return;
  }
  const std::vector<FrameBox>& boxes = labels.boxesAt(session.shown()->index);
  if (boxes.empty()) {
    return;
  }
  const auto current = std::find_if(boxes.begin(), boxes.end(),
                                    [&](const FrameBox& b) { return b.id == labels.selected(); });
  const auto n = static_cast<std::ptrdiff_t>(boxes.size());
  std::ptrdiff_t index = 0;
  if (current != boxes.end()) {
    index = (current - boxes.begin() + (backwards ? n - 1 : 1)) % n;
  } else if (backwards) {
    index = n - 1;
  }
  labels.select(boxes[static_cast<std::size_t>(index)].id);
}

// Applies a nudge or a delete to the selected object's box in the shown
// frame; returns a message when nothing could be done.
std::string editSelected(const ViewerSession& session, LabelSession& labels,
                         const KeyPress& press) {
  const ObjectId id = labels.selected();
  if (id.value == 0 || !session.shown()) {
    return "select a box first (click it, or Tab)";
  }
  const auto frame = static_cast<FrameIndex>(session.shown()->index);
  const Track* track = labels.document().track(id);
  const Instance* instance = track != nullptr ? track->at(frame) : nullptr;
  if (instance == nullptr) {
    return "the selected object has no box in this frame";
  }
  if (press.key == GLFW_KEY_DELETE) {
    auto removed = labels.apply(std::make_unique<RemoveInstanceCommand>(id, frame));
    return removed ? "" : removed.error().message;
  }
  const auto* box = std::get_if<Cuboid>(&instance->geometry);
  const std::optional<Nudge> nudge = nudgeForKey(press.key);
  if (box == nullptr || !nudge) {
    return "";
  }
  auto edited = labels.apply(
      std::make_unique<SetGeometryCommand>(id, frame, nudged(*box, *nudge, press.shift)));
  return edited ? "" : edited.error().message;
}

}  // namespace

ShortcutActions handleShortcuts(std::span<const KeyPress> presses, OrbitCamera& camera,
                                ViewerSession& session, LabelSession& labels) {
  ShortcutActions actions;
  if (ImGui::GetIO().WantTextInput) {
    return actions;  // the keys are text for a field
  }
  for (const KeyPress& press : presses) {
    const bool plain = !press.ctrl && !press.alt && !press.super;
    if (press.ctrl && press.key == GLFW_KEY_Q) {
      actions.quit = true;
    }
    if (press.ctrl && !press.alt && !press.super) {
      if (press.key == GLFW_KEY_S) {
        actions.save = true;
      } else if (press.key == GLFW_KEY_Z && !press.shift) {
        labels.undo();
      } else if ((press.key == GLFW_KEY_Z && press.shift) || press.key == GLFW_KEY_Y) {
        labels.redo();
      }
      continue;
    }
    if (!press.ctrl && !press.alt && !press.super &&
        (press.key == GLFW_KEY_ENTER || press.key == GLFW_KEY_KP_ENTER ||
         press.key == GLFW_KEY_BACKSPACE)) {
      // Proposals: Enter accepts the selected track, Backspace rejects it,
      // and the selection moves on to the next track with proposals.
      ObjectId target = labels.selected();
      if (target.value == 0) {
        target = labels.nextProposal(ObjectId{});
      }
      const ObjectId next = labels.nextProposal(target);
      auto done = press.key == GLFW_KEY_BACKSPACE ? labels.rejectProposals(target)
                                                  : labels.acceptProposals(target);
      actions.message = done ? "" : done.error().message;
      if (done) {
        labels.select(next == target ? ObjectId{} : next);
      }
      continue;
    }
    if (!press.alt && !press.super &&
        (press.key == GLFW_KEY_DELETE || nudgeForKey(press.key).has_value())) {
      actions.message = editSelected(session, labels, press);
      continue;
    }
    if (press.key == GLFW_KEY_TAB && !press.ctrl && !press.alt && !press.super) {
      cycleSelection(session, labels, press.shift);
      continue;
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
      case GLFW_KEY_ESCAPE:
        labels.clearSelection();
        break;
      default:
        break;
    }
  }
  return actions;
}

}  // namespace fuselabel::gui
