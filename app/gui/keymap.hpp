#pragma once
// Every keyboard action of the GUI by name, with its default keys, and the
// user's rebinding of them from keys.json in the config folder:
//
//   { "bindings": { "box_tool": ["N"], "undo": ["Ctrl+Z", "Alt+Backspace"] },
//     "palette": ["car", "truck", "pedestrian"] }
//
// Binding an action replaces its default keys; the help overlay (F1) lists
// what is in force. A key bound to two actions, an unknown action or key
// name is an error naming the file and the entry, and the defaults stay.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/gui/platform/glfw_window.hpp"
#include "core/util/result.hpp"

namespace fuselabel::gui {

enum class Action {
  // View and timeline.
  ToggleBirdsEye,
  ResetView,
  Play,
  NextFrame,
  PreviousFrame,
  FirstFrame,
  LastFrame,
  // Selection and files.
  NextObject,
  PreviousObject,
  Cancel,
  Save,
  Quit,
  Undo,
  Redo,
  Help,
  // Creating.
  BoxAtCursor,
  BoxForSelected,  ///< the selected track's box in this frame, fitted to the object under the
                   ///< cursor
  BoxTool,
  LaneTool,
  Confirm,        ///< Enter: finish the lane, or accept the proposals
  ConfirmClosed,  ///< Shift+Enter: finish the lane closed
  Reject,         ///< Backspace: drop the last lane vertex, or reject the proposals
  Palette0,       ///< Palette0 + n is key n: the class of new labels
  Palette1,
  Palette2,
  Palette3,
  Palette4,
  Palette5,
  Palette6,
  Palette7,
  Palette8,
  Palette9,
  SetClass1,  ///< SetClass1 + n - 1: the selected object's class from palette entry n
  SetClass2,
  SetClass3,
  SetClass4,
  SetClass5,
  SetClass6,
  SetClass7,
  SetClass8,
  SetClass9,
  // Editing the selected box (Shift: coarse step).
  Delete,
  FitToPoints,
  SnapToGround,
  MoveForward,
  MoveBackward,
  MoveLeft,
  MoveRight,
  MoveUp,
  MoveDown,
  TurnLeft,
  TurnRight,
  Longer,
  Shorter,
  Wider,
  Narrower,
  Taller,
  Lower,
  FlipHeading,
  // Tracks (the Track panel; handleTrackShortcuts in shortcuts.cpp).
  FillTrack,
  FillAllTracks,
  PropagateTrack,
  CopyToNextFrame,
  DeleteTrackFromHere,
  SplitTrack,
  GoToSuggestedKey,
  // Review mode (the Review panel; handleReviewShortcuts in shortcuts.cpp).
  ReviewNext,
  ReviewPrevious,
  ReviewAccept,
  ReviewReject,
  ReviewFixed,
  ReviewPin,
  Count,
};

/// One key with its modifiers.
struct KeyChord {
  int key = 0;  ///< GLFW_KEY_*
  bool ctrl = false;
  bool shift = false;
  bool alt = false;
  friend bool operator==(const KeyChord&, const KeyChord&) = default;
};

/// "Ctrl+Shift+Z" → chord; an error names what is not understood.
[[nodiscard]] Result<KeyChord> parseKeyChord(std::string_view text);
/// Chord → "Ctrl+Shift+Z".
[[nodiscard]] std::string toString(const KeyChord& chord);

/// What the help overlay says about an action.
struct ActionInfo {
  Action action;
  const char* name;         ///< in keys.json ("box_tool")
  const char* group;        ///< heading in the help overlay
  const char* description;  ///< one line
};

/// Every action in help order.
[[nodiscard]] const std::vector<ActionInfo>& actionInfos();

class Keymap {
 public:
  /// The defaults.
  Keymap();
  /// The defaults with `path`'s bindings on top; the error names the file.
  [[nodiscard]] static Result<Keymap> load(const std::filesystem::path& path);
  /// Same from JSON text (`sourceName` names it in errors).
  [[nodiscard]] static Result<Keymap> parse(std::string_view json, const std::string& sourceName);

  /// The action `press` triggers. A press with Shift also matches an action
  /// bound without it when nothing is bound with it; `coarse` then says so
  /// (box nudges step further with Shift).
  [[nodiscard]] std::optional<Action> lookup(const KeyPress& press, bool* coarse = nullptr) const;
  /// Keys bound to `action`.
  [[nodiscard]] const std::vector<KeyChord>& keysOf(Action action) const;
  /// "C" or "Right / D": for help text and tooltips.
  [[nodiscard]] std::string keysText(Action action) const;
  /// Palette classes from the file, if it named them.
  [[nodiscard]] const std::vector<std::string>& paletteClasses() const noexcept {
    return m_palette;
  }

 private:
  std::vector<std::vector<KeyChord>> m_keys;  // index = Action
  std::vector<std::string> m_palette;
};

/// The keymap file's place: keys.json in the user's config folder.
[[nodiscard]] Result<std::filesystem::path> keymapPath();

}  // namespace fuselabel::gui
