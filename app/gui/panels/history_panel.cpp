#include "app/gui/panels/history_panel.hpp"

#include <imgui.h>

#include <string>

#include "app/gui/layout.hpp"

namespace fuselabel::gui {

HistoryPanel::HistoryPanel(LabelSession& labels)
    : Panel("History", layout::viewSettings(true)), m_labels(labels) {
  setVisible(false);  // View > History; the settings hold this spot by default
}

void HistoryPanel::drawContents() {
  const CommandStack* stack = m_labels.history();
  if (stack == nullptr) {
    ImGui::TextDisabled("No labels loaded.");
    return;
  }
  const std::vector<HistoryEntry> entries = stack->history();
  ImGui::Text("%zu steps, %zu applied", entries.size(), stack->position());
  ImGui::SameLine();
  ImGui::TextDisabled("(%.1f MB kept)", static_cast<double>(stack->memoryBytes()) / 1e6);
  if (ImGui::Button("Undo") && m_labels.canUndo()) {
    m_labels.undo();
  }
  ImGui::SameLine();
  if (ImGui::Button("Redo") && m_labels.canRedo()) {
    m_labels.redo();
  }
  ImGui::Separator();
  std::optional<std::size_t> target;  // the position a click asks for
  if (ImGui::BeginChild("##steps")) {
    // Position 0 (nothing applied) is a row of its own so every step can be undone.
    if (ImGui::Selectable("(as loaded)", stack->position() == 0)) {
      target = 0;
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const bool current = i + 1 == stack->position();
      if (!entries[i].applied) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      }
      const std::string label = std::to_string(i + 1) + "  " + entries[i].description;
      if (ImGui::Selectable(label.c_str(), current)) {
        target = i + 1;
      }
      if (!entries[i].applied) {
        ImGui::PopStyleColor();
      }
    }
    if (entries.size() != m_lastCount) {
      m_lastCount = entries.size();
      ImGui::SetScrollHereY(1.0F);
    }
  }
  ImGui::EndChild();
  if (target) {
    while (stack->position() > *target && m_labels.undo()) {
    }
    while (stack->position() < *target && m_labels.redo()) {
    }
  }
}

}  // namespace fuselabel::gui
