// The keymap: default keys reach their actions (Shift makes a nudge coarse
// without a binding of its own), chords read and print back, and keys.json
// rebinds, swaps and reports its mistakes by file and entry.

#include "app/gui/keymap.hpp"

#include <gtest/gtest.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace fuselabel::gui {
namespace {

KeyPress press(int key, bool ctrl = false, bool shift = false) {
  KeyPress p;
  p.key = key;
  p.ctrl = ctrl;
  p.shift = shift;
  return p;
}

TEST(Keymap, DefaultsReachTheirActions) {
  const Keymap keymap;
  bool coarse = true;
  EXPECT_EQ(keymap.lookup(press(GLFW_KEY_I), &coarse), Action::MoveForward);
  EXPECT_FALSE(coarse);
  EXPECT_EQ(keymap.lookup(press(GLFW_KEY_I, false, true), &coarse), Action::MoveForward);
  EXPECT_TRUE(coarse) << "Shift+I has no binding of its own: a coarse step";
  EXPECT_EQ(keymap.lookup(press(GLFW_KEY_TAB, false, true), &coarse), Action::PreviousObject);
  EXPECT_FALSE(coarse) << "Shift+Tab is bound exactly";
  EXPECT_EQ(keymap.lookup(press(GLFW_KEY_Z, true)), Action::Undo);
  EXPECT_EQ(keymap.lookup(press(GLFW_KEY_Z, true, true)), Action::Redo);
  EXPECT_EQ(keymap.lookup(press(GLFW_KEY_Y, true)), Action::Redo);
  EXPECT_EQ(keymap.lookup(press(GLFW_KEY_A)), Action::PreviousFrame);
  EXPECT_EQ(keymap.lookup(press(GLFW_KEY_3)), Action::Palette3);
  EXPECT_EQ(keymap.lookup(press(GLFW_KEY_3, false, true)), Action::SetClass3);
  EXPECT_EQ(keymap.lookup(press(GLFW_KEY_F1)), Action::Help);
  EXPECT_FALSE(keymap.lookup(press(GLFW_KEY_F12)).has_value());
  EXPECT_EQ(keymap.keysText(Action::NextFrame), "Right / D");
}

TEST(Keymap, EveryActionHasHelpAndNoKeyServesTwoActions) {
  const Keymap keymap;
  ASSERT_EQ(actionInfos().size(), static_cast<std::size_t>(Action::Count));
  std::vector<std::pair<KeyChord, Action>> seen;
  for (const ActionInfo& info : actionInfos()) {
    EXPECT_FALSE(keymap.keysOf(info.action).empty()) << info.name << " has no default key";
    for (const KeyChord& chord : keymap.keysOf(info.action)) {
      for (const auto& [other, action] : seen) {
        EXPECT_FALSE(other == chord)
            << toString(chord) << " serves " << info.name << " and " << static_cast<int>(action);
      }
      seen.emplace_back(chord, info.action);
    }
  }
}

TEST(Keymap, ChordsReadAndPrintBack) {
  for (const char* text : {"Ctrl+Shift+Z", "F1", "Shift+/", "PageUp", "]", "Alt+Backspace", "7"}) {
    auto chord = parseKeyChord(text);
    ASSERT_TRUE(chord) << text << ": " << chord.error().message;
    EXPECT_EQ(toString(*chord), text);
  }
  auto lower = parseKeyChord("ctrl+s");
  ASSERT_TRUE(lower);
  EXPECT_EQ(toString(*lower), "Ctrl+S");
  auto plus = parseKeyChord("Ctrl+=");
  ASSERT_TRUE(plus);
  EXPECT_EQ(plus->key, GLFW_KEY_EQUAL);
  EXPECT_FALSE(parseKeyChord("Hyper+K"));
  EXPECT_FALSE(parseKeyChord("Ctrl+NoSuchKey"));
}

TEST(Keymap, FileRebindsSwapsAndSetsThePalette) {
  auto keymap = Keymap::parse(
      R"({"bindings": {"box_tool": "B", "birds_eye": ["N", "F2"]},
          "palette": ["car", "truck"]})",
      "keys.json");
  ASSERT_TRUE(keymap) << keymap.error().message;
  EXPECT_EQ(keymap->lookup(press(GLFW_KEY_B)), Action::BoxTool);
  EXPECT_EQ(keymap->lookup(press(GLFW_KEY_N)), Action::ToggleBirdsEye);
  EXPECT_EQ(keymap->lookup(press(GLFW_KEY_F2)), Action::ToggleBirdsEye);
  EXPECT_EQ(keymap->lookup(press(GLFW_KEY_I)), Action::MoveForward) << "others keep defaults";
  EXPECT_EQ(keymap->paletteClasses(), (std::vector<std::string>{"car", "truck"}));
}

TEST(Keymap, MistakesNameTheFileAndTheEntry) {
  auto clash = Keymap::parse(R"({"bindings": {"box_tool": "I"}})", "/home/a/keys.json");
  ASSERT_FALSE(clash);
  EXPECT_NE(clash.error().message.find("/home/a/keys.json"), std::string::npos);
  EXPECT_NE(clash.error().message.find("box_tool"), std::string::npos);
  EXPECT_NE(clash.error().message.find("move_forward"), std::string::npos) << clash.error().message;
  auto unknown = Keymap::parse(R"({"bindings": {"teleport": "T"}})", "keys.json");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("teleport"), std::string::npos);
  auto badKey = Keymap::parse(R"({"bindings": {"undo": "Ctrl+Zed"}})", "keys.json");
  ASSERT_FALSE(badKey);
  EXPECT_NE(badKey.error().message.find("bindings.undo"), std::string::npos);
  EXPECT_FALSE(Keymap::parse("{not json", "keys.json"));
  EXPECT_FALSE(Keymap::parse(R"({"colours": {}})", "keys.json"));
}

}  // namespace
}  // namespace fuselabel::gui
