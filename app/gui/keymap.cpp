#include "app/gui/keymap.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <sstream>
#include <utility>

#include "app/gui/platform/config_paths.hpp"

namespace fuselabel::gui {

namespace {

struct NamedKey {
  const char* name;
  int key;
};

// Names as the help overlay prints them and keys.json spells them.
constexpr std::array kNamedKeys{
    NamedKey{"Space", GLFW_KEY_SPACE},
    NamedKey{"Enter", GLFW_KEY_ENTER},
    NamedKey{"Escape", GLFW_KEY_ESCAPE},
    NamedKey{"Tab", GLFW_KEY_TAB},
    NamedKey{"Backspace", GLFW_KEY_BACKSPACE},
    NamedKey{"Delete", GLFW_KEY_DELETE},
    NamedKey{"Insert", GLFW_KEY_INSERT},
    NamedKey{"Home", GLFW_KEY_HOME},
    NamedKey{"End", GLFW_KEY_END},
    NamedKey{"PageUp", GLFW_KEY_PAGE_UP},
    NamedKey{"PageDown", GLFW_KEY_PAGE_DOWN},
    NamedKey{"Left", GLFW_KEY_LEFT},
    NamedKey{"Right", GLFW_KEY_RIGHT},
    NamedKey{"Up", GLFW_KEY_UP},
    NamedKey{"Down", GLFW_KEY_DOWN},
    NamedKey{"[", GLFW_KEY_LEFT_BRACKET},
    NamedKey{"]", GLFW_KEY_RIGHT_BRACKET},
    NamedKey{";", GLFW_KEY_SEMICOLON},
    NamedKey{"'", GLFW_KEY_APOSTROPHE},
    NamedKey{"=", GLFW_KEY_EQUAL},
    NamedKey{"-", GLFW_KEY_MINUS},
    NamedKey{",", GLFW_KEY_COMMA},
    NamedKey{".", GLFW_KEY_PERIOD},
    NamedKey{"/", GLFW_KEY_SLASH},
    NamedKey{"\\", GLFW_KEY_BACKSLASH},
    NamedKey{"`", GLFW_KEY_GRAVE_ACCENT},
};

std::string keyName(int key) {
  if (key >= GLFW_KEY_A && key <= GLFW_KEY_Z) {
    return std::string(1, static_cast<char>('A' + (key - GLFW_KEY_A)));
  }
  if (key >= GLFW_KEY_0 && key <= GLFW_KEY_9) {
    return std::string(1, static_cast<char>('0' + (key - GLFW_KEY_0)));
  }
  if (key >= GLFW_KEY_F1 && key <= GLFW_KEY_F12) {
    return "F" + std::to_string(key - GLFW_KEY_F1 + 1);
  }
  for (const NamedKey& named : kNamedKeys) {
    if (named.key == key) {
      return named.name;
    }
  }
  return "key " + std::to_string(key);
}

std::optional<int> keyCode(std::string_view name) {
  if (name.size() == 1) {
    const auto c = static_cast<unsigned char>(name[0]);
    if (std::isalpha(c) != 0) {
      return GLFW_KEY_A + (std::toupper(c) - 'A');
    }
    if (std::isdigit(c) != 0) {
      return GLFW_KEY_0 + (c - '0');
    }
  }
  if (name.size() >= 2 && (name[0] == 'F' || name[0] == 'f')) {
    int n = 0;
    for (char c : name.substr(1)) {
      if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
        n = -1;
        break;
      }
      n = n * 10 + (c - '0');
    }
    if (n >= 1 && n <= 12) {
      return GLFW_KEY_F1 + n - 1;
    }
  }
  for (const NamedKey& named : kNamedKeys) {
    std::string_view candidate(named.name);
    if (candidate.size() == name.size() &&
        std::equal(candidate.begin(), candidate.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return named.key;
    }
  }
  return std::nullopt;
}

KeyChord chord(int key, bool ctrl = false, bool shift = false) {
  return {key, ctrl, shift, false};
}

std::vector<ActionInfo> makeInfos() {
  std::vector<ActionInfo> infos{
      {Action::ToggleBirdsEye, "birds_eye", "View", "bird's-eye view on / off"},
      {Action::ResetView, "reset_view", "View", "reset the 3D view"},
      {Action::Help, "help", "View", "this help"},
      {Action::Play, "play", "Timeline", "play / pause"},
      {Action::NextFrame, "next_frame", "Timeline", "next frame"},
      {Action::PreviousFrame, "previous_frame", "Timeline", "previous frame"},
      {Action::FirstFrame, "first_frame", "Timeline", "first frame"},
      {Action::LastFrame, "last_frame", "Timeline", "last frame"},
      {Action::NextObject, "next_object", "Selection", "select the frame's next label"},
      {Action::PreviousObject, "previous_object", "Selection", "select the previous label"},
      {Action::Cancel, "cancel", "Selection",
       "drop what the tool draws, else back to the select tool, else clear the selection"},
      {Action::Save, "save", "File", "save the labels"},
      {Action::Undo, "undo", "File", "undo"},
      {Action::Redo, "redo", "File", "redo"},
      {Action::Quit, "quit", "File", "quit (asks when there are unsaved changes)"},
      {Action::BoxAtCursor, "box_at_cursor", "Create",
       "a fitted box on the object under the cursor (also Ctrl+click)"},
      {Action::BoxForSelected, "box_for_selected", "Create",
       "the selected track's box in this frame, fitted to the object under the cursor"},
      {Action::BoxTool, "box_tool", "Create", "box tool: drag a footprint on the ground"},
      {Action::LaneTool, "lane_tool", "Create", "lane tool: click vertices on the ground"},
      {Action::Confirm, "confirm", "Create",
       "finish the lane; else accept the selected track's proposals"},
      {Action::ConfirmClosed, "confirm_closed", "Create", "finish the lane as a closed polyline"},
      {Action::Reject, "reject", "Create",
       "drop the last lane vertex; else reject the selected track's proposals"},
  };
  for (int d = 0; d <= 9; ++d) {
    static const std::array<const char*, 10> names{
        "palette_0", "palette_1", "palette_2", "palette_3", "palette_4",
        "palette_5", "palette_6", "palette_7", "palette_8", "palette_9"};
    infos.push_back(
        {static_cast<Action>(static_cast<int>(Action::Palette0) + d), names[d], "Create",
         d == 0 ? "new boxes: class guessed from the size"
                : "class n of the palette for new boxes (lane type with the lane tool)"});
  }
  for (int d = 1; d <= 9; ++d) {
    static const std::array<const char*, 9> names{"set_class_1", "set_class_2", "set_class_3",
                                                  "set_class_4", "set_class_5", "set_class_6",
                                                  "set_class_7", "set_class_8", "set_class_9"};
    infos.push_back({static_cast<Action>(static_cast<int>(Action::SetClass1) + d - 1), names[d - 1],
                     "Edit", "the selected object gets palette class n"});
  }
  const std::vector<ActionInfo> edits{
      {Action::Delete, "delete", "Edit", "delete the selected box in this frame"},
      {Action::FitToPoints, "fit_to_points", "Edit", "fit the selected box to its points"},
      {Action::SnapToGround, "snap_to_ground", "Edit", "put the selected box on the ground"},
      {Action::MoveForward, "move_forward", "Edit", "move along the heading (Shift: coarse)"},
      {Action::MoveBackward, "move_backward", "Edit", "move back"},
      {Action::MoveLeft, "move_left", "Edit", "move left"},
      {Action::MoveRight, "move_right", "Edit", "move right"},
      {Action::MoveUp, "move_up", "Edit", "raise"},
      {Action::MoveDown, "move_down", "Edit", "lower"},
      {Action::TurnLeft, "turn_left", "Edit", "turn counter-clockwise"},
      {Action::TurnRight, "turn_right", "Edit", "turn clockwise"},
      {Action::Longer, "longer", "Edit", "longer"},
      {Action::Shorter, "shorter", "Edit", "shorter"},
      {Action::Wider, "wider", "Edit", "wider"},
      {Action::Narrower, "narrower", "Edit", "narrower"},
      {Action::Taller, "taller", "Edit", "taller"},
      {Action::Lower, "lower", "Edit", "less tall"},
      {Action::FlipHeading, "flip_heading", "Edit", "turn the heading 180°"},
      {Action::FillTrack, "fill_track", "Tracks", "fill the selected track between its keys"},
      {Action::FillAllTracks, "fill_all_tracks", "Tracks", "fill every track (in the background)"},
      {Action::PropagateTrack, "propagate_track", "Tracks",
       "propagate the selected track past its last key, fitted to the points"},
      {Action::CopyToNextFrame, "copy_to_next_frame", "Tracks",
       "copy the selected box to the next frame as a key and go there"},
      {Action::DeleteTrackFromHere, "delete_track_from_here", "Tracks",
       "delete the selected track from this frame on"},
      {Action::SplitTrack, "split_track", "Tracks", "split the selected track at this frame"},
      {Action::GoToSuggestedKey, "go_to_suggested_key", "Tracks",
       "go to the frame the fill is least sure of"},
      {Action::ReviewNext, "review_next", "Review",
       "the next item to review: its frame, its object selected"},
      {Action::ReviewPrevious, "review_previous", "Review", "the previous item to review"},
      {Action::ReviewAccept, "review_accept", "Review", "accept the item, go to the next"},
      {Action::ReviewReject, "review_reject", "Review",
       "reject the item: type why in the comment box, Enter"},
      {Action::ReviewFixed, "review_fixed", "Review",
       "mark a rejected item fixed (the annotator, after correcting it)"},
      {Action::ReviewPin, "review_pin", "Review",
       "pin the item's review to the spot under the cursor in the 3D view"},
  };
  infos.insert(infos.end(), edits.begin(), edits.end());
  return infos;
}

std::vector<std::vector<KeyChord>> defaultKeys() {
  std::vector<std::vector<KeyChord>> keys(static_cast<std::size_t>(Action::Count));
  const auto set = [&](Action a, std::vector<KeyChord> chords) {
    keys[static_cast<std::size_t>(a)] = std::move(chords);
  };
  set(Action::ToggleBirdsEye, {chord(GLFW_KEY_B)});
  set(Action::ResetView, {chord(GLFW_KEY_R)});
  set(Action::Help, {chord(GLFW_KEY_F1), chord(GLFW_KEY_SLASH, false, true)});
  set(Action::Play, {chord(GLFW_KEY_SPACE)});
  set(Action::NextFrame, {chord(GLFW_KEY_RIGHT), chord(GLFW_KEY_D)});
  set(Action::PreviousFrame, {chord(GLFW_KEY_LEFT), chord(GLFW_KEY_A)});
  set(Action::FirstFrame, {chord(GLFW_KEY_HOME)});
  set(Action::LastFrame, {chord(GLFW_KEY_END)});
  set(Action::NextObject, {chord(GLFW_KEY_TAB)});
  set(Action::PreviousObject, {chord(GLFW_KEY_TAB, false, true)});
  set(Action::Cancel, {chord(GLFW_KEY_ESCAPE)});
  set(Action::Save, {chord(GLFW_KEY_S, true)});
  set(Action::Quit, {chord(GLFW_KEY_Q, true)});
  set(Action::Undo, {chord(GLFW_KEY_Z, true)});
  set(Action::Redo, {chord(GLFW_KEY_Z, true, true), chord(GLFW_KEY_Y, true)});
  set(Action::BoxAtCursor, {chord(GLFW_KEY_C)});
  set(Action::BoxForSelected, {chord(GLFW_KEY_C, false, true)});
  set(Action::BoxTool, {chord(GLFW_KEY_N)});
  set(Action::LaneTool, {chord(GLFW_KEY_P)});
  set(Action::Confirm, {chord(GLFW_KEY_ENTER), chord(GLFW_KEY_KP_ENTER)});
  set(Action::ConfirmClosed, {chord(GLFW_KEY_ENTER, false, true)});
  set(Action::Reject, {chord(GLFW_KEY_BACKSPACE)});
  for (int d = 0; d <= 9; ++d) {
    set(static_cast<Action>(static_cast<int>(Action::Palette0) + d), {chord(GLFW_KEY_0 + d)});
  }
  for (int d = 1; d <= 9; ++d) {
    set(static_cast<Action>(static_cast<int>(Action::SetClass1) + d - 1),
        {chord(GLFW_KEY_0 + d, false, true)});
  }
  set(Action::Delete, {chord(GLFW_KEY_DELETE)});
  set(Action::FitToPoints, {chord(GLFW_KEY_T)});
  set(Action::SnapToGround, {chord(GLFW_KEY_G)});
  set(Action::MoveForward, {chord(GLFW_KEY_I)});
  set(Action::MoveBackward, {chord(GLFW_KEY_K)});
  set(Action::MoveLeft, {chord(GLFW_KEY_J)});
  set(Action::MoveRight, {chord(GLFW_KEY_L)});
  set(Action::MoveUp, {chord(GLFW_KEY_PAGE_UP)});
  set(Action::MoveDown, {chord(GLFW_KEY_PAGE_DOWN)});
  set(Action::TurnLeft, {chord(GLFW_KEY_U)});
  set(Action::TurnRight, {chord(GLFW_KEY_O)});
  set(Action::Longer, {chord(GLFW_KEY_RIGHT_BRACKET)});
  set(Action::Shorter, {chord(GLFW_KEY_LEFT_BRACKET)});
  set(Action::Wider, {chord(GLFW_KEY_APOSTROPHE)});
  set(Action::Narrower, {chord(GLFW_KEY_SEMICOLON)});
  set(Action::Taller, {chord(GLFW_KEY_EQUAL)});
  set(Action::Lower, {chord(GLFW_KEY_MINUS)});
  set(Action::FlipHeading, {chord(GLFW_KEY_F)});
  set(Action::FillTrack, {chord(GLFW_KEY_F, true)});
  set(Action::FillAllTracks, {chord(GLFW_KEY_F, true, true)});
  set(Action::PropagateTrack, {chord(GLFW_KEY_P, true)});
  set(Action::CopyToNextFrame, {chord(GLFW_KEY_N, true)});
  set(Action::DeleteTrackFromHere, {chord(GLFW_KEY_DELETE, true, true)});
  set(Action::SplitTrack, {chord(GLFW_KEY_E, true)});
  set(Action::GoToSuggestedKey, {chord(GLFW_KEY_K, true)});
  set(Action::ReviewNext, {chord(GLFW_KEY_PERIOD)});
  set(Action::ReviewPrevious, {chord(GLFW_KEY_COMMA)});
  set(Action::ReviewAccept, {chord(GLFW_KEY_Y)});
  set(Action::ReviewReject, {chord(GLFW_KEY_X)});
  set(Action::ReviewFixed, {chord(GLFW_KEY_E)});
  set(Action::ReviewPin, {chord(GLFW_KEY_M)});
  return keys;
}

// The action already holding `chord`, if any.
std::optional<Action> holder(const std::vector<std::vector<KeyChord>>& keys, const KeyChord& c) {
  for (std::size_t a = 0; a < keys.size(); ++a) {
    if (std::find(keys[a].begin(), keys[a].end(), c) != keys[a].end()) {
      return static_cast<Action>(a);
    }
  }
  return std::nullopt;
}

const char* nameOf(Action action) {
  for (const ActionInfo& info : actionInfos()) {
    if (info.action == action) {
      return info.name;
    }
  }
  return "?";
}

}  // namespace

Result<KeyChord> parseKeyChord(std::string_view text) {
  KeyChord out;
  std::string_view rest = text;
  // Modifiers are "Ctrl+", "Shift+", "Alt+"; the key itself may be "+"-free
  // punctuation, so only a '+' followed by more text separates.
  while (true) {
    const std::size_t plus = rest.find('+');
    if (plus == std::string_view::npos || plus + 1 >= rest.size()) {
      break;
    }
    std::string modifier(rest.substr(0, plus));
    std::transform(modifier.begin(), modifier.end(), modifier.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (modifier == "ctrl" || modifier == "control") {
      out.ctrl = true;
    } else if (modifier == "shift") {
      out.shift = true;
    } else if (modifier == "alt") {
      out.alt = true;
    } else {
      return Error{"unknown modifier \"" + std::string(rest.substr(0, plus)) + "\" in \"" +
                   std::string(text) + "\" (Ctrl, Shift, Alt)"};
    }
    rest = rest.substr(plus + 1);
  }
  const std::optional<int> key = keyCode(rest);
  if (!key) {
    return Error{"unknown key \"" + std::string(rest) + "\" in \"" + std::string(text) + "\""};
  }
  out.key = *key;
  return out;
}

std::string toString(const KeyChord& chord) {
  std::string out;
  if (chord.ctrl) {
    out += "Ctrl+";
  }
  if (chord.alt) {
    out += "Alt+";
  }
  if (chord.shift) {
    out += "Shift+";
  }
  return out + keyName(chord.key);
}

const std::vector<ActionInfo>& actionInfos() {
  static const std::vector<ActionInfo> infos = makeInfos();
  return infos;
}

Keymap::Keymap() : m_keys(defaultKeys()) {}

Result<Keymap> Keymap::parse(std::string_view json, const std::string& sourceName) {
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(json);
  } catch (const nlohmann::json::exception& e) {
    return Error{sourceName + ": not JSON: " + e.what()};
  }
  if (!root.is_object()) {
    return Error{sourceName + ": expected an object with \"bindings\" and/or \"palette\""};
  }
  Keymap keymap;
  for (const auto& [key, value] : root.items()) {
    if (key != "bindings" && key != "palette") {
      return Error{sourceName + ": unknown entry \"" + key + "\" (bindings, palette)"};
    }
  }
  if (root.contains("palette")) {
    const auto& palette = root["palette"];
    if (!palette.is_array()) {
      return Error{sourceName + ": \"palette\" must be a list of class names"};
    }
    for (const auto& name : palette) {
      if (!name.is_string()) {
        return Error{sourceName + ": \"palette\" must be a list of class names"};
      }
      keymap.m_palette.push_back(name.get<std::string>());
    }
  }
  if (!root.contains("bindings")) {
    return keymap;
  }
  const auto& bindings = root["bindings"];
  if (!bindings.is_object()) {
    return Error{sourceName + ": \"bindings\" must map action names to keys"};
  }
  // First drop the defaults of every rebound action, then bind: a file may
  // swap two actions' keys.
  std::vector<std::pair<Action, std::vector<KeyChord>>> bound;
  for (const auto& [name, value] : bindings.items()) {
    const auto info = std::find_if(actionInfos().begin(), actionInfos().end(),
                                   [&](const ActionInfo& i) { return name == i.name; });
    if (info == actionInfos().end()) {
      return Error{sourceName + ": bindings: unknown action \"" + name +
                   "\" (the help overlay, F1, lists them)"};
    }
    std::vector<std::string> texts;
    if (value.is_string()) {
      texts.push_back(value.get<std::string>());
    } else if (value.is_array() && std::all_of(value.begin(), value.end(),
                                               [](const auto& v) { return v.is_string(); })) {
      for (const auto& v : value) {
        texts.push_back(v.get<std::string>());
      }
    } else {
      return Error{sourceName + ": bindings." + name + ": expected a key or a list of keys"};
    }
    std::vector<KeyChord> chords;
    for (const std::string& text : texts) {
      auto parsed = parseKeyChord(text);
      if (!parsed) {
        return Error{sourceName + ": bindings." + name + ": " + parsed.error().message};
      }
      chords.push_back(*parsed);
    }
    keymap.m_keys[static_cast<std::size_t>(info->action)].clear();
    bound.emplace_back(info->action, std::move(chords));
  }
  for (auto& [action, chords] : bound) {
    for (const KeyChord& c : chords) {
      if (const auto other = holder(keymap.m_keys, c); other && *other != action) {
        return Error{sourceName + ": " + toString(c) + " is bound to both \"" + nameOf(action) +
                     "\" and \"" + nameOf(*other) + "\""};
      }
    }
    keymap.m_keys[static_cast<std::size_t>(action)] = std::move(chords);
  }
  return keymap;
}

Result<Keymap> Keymap::load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error{path.string() + ": cannot be read"};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path.string());
}

std::optional<Action> Keymap::lookup(const KeyPress& press, bool* coarse) const {
  const KeyChord exact{press.key, press.ctrl, press.shift, press.alt};
  if (coarse != nullptr) {
    *coarse = false;
  }
  if (auto action = holder(m_keys, exact)) {
    return action;
  }
  if (press.shift) {
    KeyChord plain = exact;
    plain.shift = false;
    if (auto action = holder(m_keys, plain)) {
      if (coarse != nullptr) {
        *coarse = true;
      }
      return action;
    }
  }
  return std::nullopt;
}

const std::vector<KeyChord>& Keymap::keysOf(Action action) const {
  return m_keys[static_cast<std::size_t>(action)];
}

std::string Keymap::keysText(Action action) const {
  std::string out;
  for (const KeyChord& c : keysOf(action)) {
    if (c.key == GLFW_KEY_KP_ENTER) {
      continue;  // the keypad twin of Enter: not worth a line
    }
    out += (out.empty() ? "" : " / ") + toString(c);
  }
  return out.empty() ? "(unbound)" : out;
}

Result<std::filesystem::path> keymapPath() {
  auto dir = userConfigDir();
  if (!dir) {
    return dir.error();
  }
  return *dir / "keys.json";
}

}  // namespace fuselabel::gui
