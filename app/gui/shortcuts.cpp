#include "app/gui/shortcuts.hpp"

#include <imgui.h>

#include <algorithm>
#include <vector>

#include "app/gui/panels/viewport_tools.hpp"
#include "app/gui/scene/box_nudge.hpp"
#include "app/gui/scene/edit_state.hpp"
#include "app/gui/scene/label_session.hpp"
#include "app/gui/scene/review_session.hpp"
#include "app/gui/scene/track_tools.hpp"
#include "app/gui/scene/viewer_session.hpp"
#include "app/gui/view/orbit_camera.hpp"
#include "core/annotation/commands/instance_commands.hpp"
#include "core/annotation/commands/object_commands.hpp"

namespace fuselabel::gui {

namespace {

// The next (or previous) label of the shown frame after the selected one, wrapping.
void cycleSelection(const ViewerSession& session, LabelSession& labels, bool backwards) {
  if (!session.shown()) {
    return;
  }
  std::vector<ObjectId> ids;
  for (const FrameBox& b : labels.boxesAt(session.shown()->index)) {
    ids.push_back(b.id);
  }
  for (const FrameLane& l : labels.lanesAt(session.shown()->index)) {
    ids.push_back(l.id);
  }
  if (ids.empty()) {
    return;
  }
  std::sort(ids.begin(), ids.end(), [](ObjectId a, ObjectId b) { return a.value < b.value; });
  const auto current = std::find(ids.begin(), ids.end(), labels.selected());
  const auto n = static_cast<std::ptrdiff_t>(ids.size());
  std::ptrdiff_t index = 0;
  if (current != ids.end()) {
    index = (current - ids.begin() + (backwards ? n - 1 : 1)) % n;
  } else if (backwards) {
    index = n - 1;
  }
  labels.select(ids[static_cast<std::size_t>(index)]);
}

std::optional<Nudge> nudgeFor(Action action) {
  switch (action) {
    case Action::MoveForward:
      return Nudge::Forward;
    case Action::MoveBackward:
      return Nudge::Backward;
    case Action::MoveLeft:
      return Nudge::Left;
    case Action::MoveRight:
      return Nudge::Right;
    case Action::MoveUp:
      return Nudge::Up;
    case Action::MoveDown:
      return Nudge::Down;
    case Action::TurnLeft:
      return Nudge::TurnLeft;
    case Action::TurnRight:
      return Nudge::TurnRight;
    case Action::Longer:
      return Nudge::Longer;
    case Action::Shorter:
      return Nudge::Shorter;
    case Action::Wider:
      return Nudge::Wider;
    case Action::Narrower:
      return Nudge::Narrower;
    case Action::Taller:
      return Nudge::Taller;
    case Action::Lower:
      return Nudge::Lower;
    case Action::FlipHeading:
      return Nudge::FlipHeading;
    default:
      return std::nullopt;
  }
}

bool isBoxEdit(Action action) {
  return nudgeFor(action).has_value() || action == Action::Delete ||
         action == Action::FitToPoints || action == Action::SnapToGround;
}

// The selected object's box in the shown frame after `action` (world), or why there is none.
Result<Cuboid> editedBox(const ShortcutTargets& t, Action action, bool coarse, const Cuboid& box,
                         std::size_t frame) {
  if (const auto nudge = nudgeFor(action)) {
    return nudged(box, *nudge, coarse);
  }
  t.edit.sweep.request(t.labels.sequence(), t.labels.context(), frame);
  const IndexedSweep* sweep = t.edit.sweep.wait(frame);
  if (sweep == nullptr) {
    return Error{"no points in this frame: " + t.edit.sweep.error()};
  }
  if (action == Action::SnapToGround) {
    return snappedToGround(*sweep, box);
  }
  const Object* object = t.labels.document().object(t.labels.selected());
  return fittedToPoints(*sweep, box, object != nullptr ? object->className : std::string(),
                        defaultLabelSchema());
}

// Applies a box edit to the selected object in the shown frame; returns a
// message when nothing could be done.
std::string editSelected(const ShortcutTargets& t, Action action, bool coarse) {
  const ObjectId id = t.labels.selected();
  if (id.value == 0 || !t.session.shown()) {
    return "select a box first (click it, or Tab)";
  }
  const std::size_t shown = t.session.shown()->index;
  const auto frame = static_cast<FrameIndex>(shown);
  const Track* track = t.labels.document().track(id);
  const Instance* instance = track != nullptr ? track->at(frame) : nullptr;
  if (instance == nullptr) {
    return "the selected object has no box in this frame";
  }
  if (action == Action::Delete) {
    auto removed = t.labels.apply(std::make_unique<RemoveInstanceCommand>(id, frame));
    return removed ? "" : removed.error().message;
  }
  const auto* box = std::get_if<Cuboid>(&instance->geometry);
  if (box == nullptr) {
    return "the selected label is not a box";
  }
  auto edited = editedBox(t, action, coarse, *box, shown);
  if (!edited) {
    return edited.error().message;
  }
  auto applied = t.labels.apply(std::make_unique<SetGeometryCommand>(id, frame, *edited));
  return applied ? "" : applied.error().message;
}

// Digit keys: the palette class of new labels (lane types with the lane tool).
std::string choosePalette(const ShortcutTargets& t, int digit) {
  ClassPalette& palette = t.edit.palette;
  if (t.edit.tool == EditTool::DrawLane) {
    std::vector<std::string> lanes;
    for (const ClassSpec& spec : defaultLabelSchema().classes) {
      if (spec.geometry == GeometryKind::Polyline) {
        lanes.push_back(spec.name);
      }
    }
    if (digit < 1 || static_cast<std::size_t>(digit) > lanes.size()) {
      return "no lane type on key " + std::to_string(digit);
    }
    palette.chooseLaneClass(lanes[static_cast<std::size_t>(digit - 1)]);
    return "new lanes: " + palette.laneClass();
  }
  if (!palette.choose(digit)) {
    return "no class on key " + std::to_string(digit);
  }
  return "new boxes: " +
         (palette.chosen().empty() ? std::string("class from size") : palette.chosen());
}

std::string setSelectedClass(const ShortcutTargets& t, int digit) {
  const auto& classes = t.edit.palette.classes();
  const ObjectId id = t.labels.selected();
  if (id.value == 0) {
    return "select an object first";
  }
  if (digit < 1 || static_cast<std::size_t>(digit) > classes.size()) {
    return "no class on key " + std::to_string(digit);
  }
  auto changed = t.labels.apply(
      std::make_unique<SetClassCommand>(id, classes[static_cast<std::size_t>(digit - 1)]));
  return changed ? "" : changed.error().message;
}

// Esc: the innermost thing first.
void cancel(const ShortcutTargets& t) {
  if (t.tools != nullptr && t.tools->cancel()) {
    return;
  }
  if (t.edit.tool != EditTool::Select) {
    t.edit.tool = EditTool::Select;
    return;
  }
  t.labels.clearSelection();
}

// Enter / Backspace: the lane being drawn, else the selected track's proposals.
std::string confirmOrReject(const ShortcutTargets& t, Action action) {
  if (t.tools != nullptr && t.tools->drawingLane()) {
    if (action == Action::Reject) {
      t.tools->dropLastVertex();
    } else {
      t.tools->finishLane(action == Action::ConfirmClosed);
    }
    return "";
  }
  if (action == Action::ConfirmClosed) {
    return "";
  }
  // Proposals: Enter accepts the selected track, Backspace rejects it, and
  // the selection moves on to the next track with proposals.
  LabelSession& labels = t.labels;
  ObjectId target = labels.selected();
  if (target.value == 0) {
    target = labels.nextProposal(ObjectId{});
  }
  const ObjectId next = labels.nextProposal(target);
  auto done =
      action == Action::Reject ? labels.rejectProposals(target) : labels.acceptProposals(target);
  if (!done) {
    return done.error().message;
  }
  labels.select(next == target ? ObjectId{} : next);
  return "";
}

void toggleTool(EditState& edit, EditTool tool) {
  edit.tool = edit.tool == tool ? EditTool::Select : tool;
  edit.message = std::string("tool: ") + toString(edit.tool);
}

/// Calls `f` with the action of each press and the press's index, in
/// order, until `f` returns false; presses with Super, unbound ones and all
/// of them while a text field has the keys are skipped.
template <class F>
void forEachAction(std::span<const KeyPress> presses, const Keymap& keymap, F&& f) {
  if (ImGui::GetIO().WantTextInput) {
    return;
  }
  for (std::size_t i = 0; i < presses.size(); ++i) {
    if (presses[i].super) {
      continue;
    }
    if (const std::optional<Action> action = keymap.lookup(presses[i]); action && !f(*action, i)) {
      return;
    }
  }
}

}  // namespace

ShortcutActions handleShortcuts(std::span<const KeyPress> presses, const ShortcutTargets& t) {
  ShortcutActions actions;
  if (ImGui::GetIO().WantTextInput) {
    return actions;  // the keys are text for a field
  }
  for (const KeyPress& press : presses) {
    if (press.super) {
      continue;
    }
    bool coarse = false;
    const std::optional<Action> found = t.keymap.lookup(press, &coarse);
    if (!found) {
      continue;
    }
    const Action action = *found;
    const int index = static_cast<int>(action);
    if (isBoxEdit(action)) {
      actions.message = editSelected(t, action, coarse);
      continue;
    }
    if (index >= static_cast<int>(Action::Palette0) &&
        index <= static_cast<int>(Action::Palette9)) {
      actions.message = choosePalette(t, index - static_cast<int>(Action::Palette0));
      continue;
    }
    if (index >= static_cast<int>(Action::SetClass1) &&
        index <= static_cast<int>(Action::SetClass9)) {
      actions.message = setSelectedClass(t, index - static_cast<int>(Action::SetClass1) + 1);
      continue;
    }
    switch (action) {
      case Action::Quit:
        actions.quit = true;
        break;
      case Action::Save:
        actions.save = true;
        break;
      case Action::Help:
        actions.toggleHelp = true;
        break;
      case Action::Undo:
        t.labels.undo();
        break;
      case Action::Redo:
        t.labels.redo();
        break;
      case Action::Confirm:
      case Action::ConfirmClosed:
      case Action::Reject:
        actions.message = confirmOrReject(t, action);
        break;
      case Action::NextObject:
      case Action::PreviousObject:
        cycleSelection(t.session, t.labels, action == Action::PreviousObject);
        break;
      case Action::Cancel:
        cancel(t);
        break;
      case Action::BoxAtCursor:
      case Action::BoxForSelected:
        if (t.tools != nullptr) {
          t.tools->createBoxAtCursor(action == Action::BoxForSelected);
        }
        break;
      case Action::BoxTool:
        toggleTool(t.edit, EditTool::DrawBox);
        break;
      case Action::LaneTool:
        toggleTool(t.edit, EditTool::DrawLane);
        break;
      case Action::ToggleBirdsEye:
        t.camera.toggleBirdsEye();
        break;
      case Action::ResetView:
        t.camera.reset();
        break;
      case Action::Play:
        t.session.togglePlay();
        break;
      case Action::NextFrame:
        t.session.step(1);
        break;
      case Action::PreviousFrame:
        t.session.step(-1);
        break;
      case Action::FirstFrame:
        t.session.first();
        break;
      case Action::LastFrame:
        t.session.last();
        break;
      default:
        break;
    }
  }
  return actions;
}

ReviewKeys handleReviewShortcuts(std::span<const KeyPress> presses, const Keymap& keymap,
                                 ReviewSession& review,
                                 const std::function<std::optional<Eigen::Vector3d>()>& pinSpot) {
  ReviewKeys keys;
  forEachAction(presses, keymap, [&](Action action, std::size_t index) {
    switch (action) {
      case Action::ReviewNext:
        (void)review.next();
        break;
      case Action::ReviewPrevious:
        (void)review.previous();
        break;
      case Action::ReviewAccept:
        (void)review.accept();
        break;
      case Action::ReviewReject:
        if (review.commentDraft().empty()) {
          (void)review.rejectWithDraft();
          keys.used = true;
          keys.message = review.message();
          keys.commentFrom = index + 1;
          return false;  // what follows is typed into the comment
        }
        (void)review.rejectWithDraft();
        break;
      case Action::ReviewFixed:
        (void)review.markFixed();
        break;
      case Action::ReviewPin:
        if (const std::optional<Eigen::Vector3d> spot = pinSpot()) {
          (void)review.pin(*spot);
        } else {
          keys.used = true;
          keys.message = "pin: point at the spot in the 3D view";
          return true;
        }
        break;
      default:
        return true;
    }
    keys.used = true;
    keys.message = review.message();
    return true;
  });
  return keys;
}

std::string handleTrackShortcuts(std::span<const KeyPress> presses, const Keymap& keymap,
                                 TrackTools& tools) {
  std::string message;
  forEachAction(presses, keymap, [&](Action action, std::size_t /*index*/) {
    switch (action) {
      case Action::FillTrack:
        tools.fillSelected();
        break;
      case Action::FillAllTracks:
        tools.fillAll();
        break;
      case Action::PropagateTrack:
        tools.propagateSelected();
        break;
      case Action::CopyToNextFrame:
        tools.copyToNextFrame();
        break;
      case Action::DeleteTrackFromHere:
        tools.deleteFromHere();
        break;
      case Action::SplitTrack:
        tools.splitHere();
        break;
      case Action::GoToSuggestedKey:
        tools.jumpToSuggested();
        break;
      default:
        return true;
    }
    message = tools.message();
    return true;
  });
  return message;
}

}  // namespace fuselabel::gui
