#pragma once
// Window-wide keyboard shortcuts, through the keymap (keymap.hpp: names,
// defaults, the user's keys.json). Ignored while a text field has focus.

#include <functional>
#include <optional>
#include <span>
#include <string>

#include <Eigen/Core>

#include "app/gui/keymap.hpp"
#include "app/gui/platform/glfw_window.hpp"

namespace fuselabel::gui {

class LabelSession;
class ReviewSession;
class OrbitCamera;
class TrackTools;
class ViewerSession;
class ViewportTools;
struct EditState;

/// What the shortcuts act on.
struct ShortcutTargets {
  OrbitCamera& camera;
  ViewerSession& session;
  LabelSession& labels;
  EditState& edit;
  ViewportTools* tools = nullptr;  ///< the 3D view's tools; nullptr without a dataset
  const Keymap& keymap;
};

struct ShortcutActions {
  bool quit = false;        ///< the quit key (the caller asks about unsaved changes)
  bool save = false;        ///< the save key
  bool toggleHelp = false;  ///< F1 / ?
  /// What the last edit key did or why it did nothing, for the status bar.
  std::string message;
};

/// Applies `presses` in order: view, timeline and selection keys directly,
/// edits of the selected label through the labels' undo stack, tool keys
/// through the 3D view's tools; reports the ones the caller acts on.
[[nodiscard]] ShortcutActions handleShortcuts(std::span<const KeyPress> presses,
                                              const ShortcutTargets& targets);

/// What the review keys did.
struct ReviewKeys {
  bool used = false;    ///< a review key was pressed (the Review panel shows)
  std::string message;  ///< for the status bar
  /// The reject key asked for a comment: the presses from this index on
  /// are its first letters (the comment box carries them), not shortcuts.
  std::optional<std::size_t> commentFrom;
};

/// Review mode's actions (keymap.hpp, group "Review"; defaults: . next
/// item, , previous, Y accept, X reject, E fixed, M pin). `pinSpot` gives
/// the world point a pin goes to (the ground under the cursor in the 3D
/// view), nothing when there is none. handleShortcuts() ignores these.
[[nodiscard]] ReviewKeys handleReviewShortcuts(
    std::span<const KeyPress> presses, const Keymap& keymap, ReviewSession& review,
    const std::function<std::optional<Eigen::Vector3d>()>& pinSpot);

/// The Track panel's actions (keymap.hpp, group "Tracks"; defaults: Ctrl+F
/// fill the selected track, Ctrl+Shift+F fill all tracks, Ctrl+P propagate
/// with fit, Ctrl+N copy the box to the next frame, Ctrl+Shift+Delete delete
/// the track from this frame on, Ctrl+E split here, Ctrl+K go to the
/// suggested key). Returns what the last one did, for the status bar.
/// handleShortcuts() ignores these actions, so both see every press.
[[nodiscard]] std::string handleTrackShortcuts(std::span<const KeyPress> presses,
                                               const Keymap& keymap, TrackTools& tools);

}  // namespace fuselabel::gui
