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
  if (!ImGui::BeginTabBar("##history")) {
    return;
  }
  if (ImGui::BeginTabItem("Undo steps")) {
    drawSteps(*stack);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("Audit log")) {
    drawAudit();
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

void HistoryPanel::drawAudit() {
  // Newest first: who did what to the labels, and when; saved with them.
  const auto audit = m_labels.document().audit();
  ImGui::TextDisabled("%zu lines, kept in the label file", audit.size());
  if (!ImGui::BeginChild("##audit")) {
    ImGui::EndChild();
    return;
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(audit.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const AuditEntry& entry = audit[audit.size() - 1 - static_cast<std::size_t>(row)];
      ImGui::TextDisabled("%s", entry.time.c_str());
      ImGui::SameLine();
      ImGui::Text(
          "%s %s%s", entry.user.c_str(),
          entry.event == AuditEvent::Edit ? "" : (std::string(toString(entry.event)) + " ").c_str(),
          entry.action.c_str());
    }
  }
  ImGui::EndChild();
}

void HistoryPanel::drawSteps(const CommandStack& constStack) {
  const CommandStack* stack = &constStack;
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
