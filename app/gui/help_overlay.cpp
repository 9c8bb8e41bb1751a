#include "app/gui/help_overlay.hpp"

#include <imgui.h>

#include <string_view>

namespace fuselabel::gui {

namespace {

// Palette0..9 and SetClass1..9 are one line each, not nineteen.
bool isDigitRow(Action action) {
  const int i = static_cast<int>(action);
  return (i > static_cast<int>(Action::Palette1) && i <= static_cast<int>(Action::Palette9)) ||
         (i > static_cast<int>(Action::SetClass1) && i <= static_cast<int>(Action::SetClass9));
}

std::string keysFor(const Keymap& keymap, Action action) {
  if (action == Action::Palette1) {
    return keymap.keysText(Action::Palette1) + " .. " + keymap.keysText(Action::Palette9);
  }
  if (action == Action::SetClass1) {
    return keymap.keysText(Action::SetClass1) + " .. " + keymap.keysText(Action::SetClass9);
  }
  return keymap.keysText(action);
}

}  // namespace

void drawHelpOverlay(bool& open, const Keymap& keymap, const std::string& keymapFile) {
  if (!open) {
    return;
  }
  const ImGuiViewport* screen = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(screen->WorkPos.x + screen->WorkSize.x * 0.5F,
                                 screen->WorkPos.y + screen->WorkSize.y * 0.5F),
                          ImGuiCond_Appearing, ImVec2(0.5F, 0.5F));
  ImGui::SetNextWindowSize(ImVec2(640.0F, screen->WorkSize.y * 0.8F), ImGuiCond_Appearing);
  ImGui::SetNextWindowBgAlpha(0.96F);
  if (!ImGui::Begin("Keyboard (F1)", &open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  ImGui::TextWrapped(
      "Mouse in the 3D view: left drag orbits, right/middle drag pans, wheel zooms, click "
      "selects, Ctrl+click on an object makes a fitted box; drag the selected box by its middle "
      "to move it, by the handle ahead of it to turn it. Box tool: drag a footprint. Lane "
      "tool: click vertices. Selected lane: drag a vertex, Ctrl+click a segment inserts one, "
      "Alt+click deletes one.");
  ImGui::Spacing();
  std::string_view group;
  bool tableOpen = false;
  for (const ActionInfo& info : actionInfos()) {
    if (isDigitRow(info.action)) {
      continue;
    }
    if (group != info.group) {
      if (tableOpen) {
        ImGui::EndTable();
      }
      group = info.group;
      ImGui::Spacing();
      ImGui::TextColored(ImVec4(0.6F, 0.8F, 1.0F, 1.0F), "%s", info.group);
      ImGui::Separator();
      tableOpen = ImGui::BeginTable(info.group, 2, ImGuiTableFlags_RowBg);
      if (tableOpen) {
        ImGui::TableSetupColumn("keys", ImGuiTableColumnFlags_WidthFixed, 190.0F);
        ImGui::TableSetupColumn("action", ImGuiTableColumnFlags_WidthStretch);
      }
    }
    if (!tableOpen) {
      continue;
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(ImVec4(1.0F, 0.85F, 0.45F, 1.0F), "%s",
                       keysFor(keymap, info.action).c_str());
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", info.description);
  }
  if (tableOpen) {
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::TextDisabled("Rebind keys in %s (see docs/annotating.md).", keymapFile.c_str());
  ImGui::End();
}

}  // namespace fuselabel::gui
