#include "app/gui/session_prompts.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include "app/gui/scene/label_session.hpp"

namespace fuselabel::gui {

namespace {

bool pressed(std::span<const KeyPress> presses, int key) {
  for (const KeyPress& p : presses) {
    if (p.key == key && !p.ctrl && !p.alt && !p.super) {
      return true;
    }
  }
  return false;
}

void centreNextWindow() {
  const ImGuiViewport* screen = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(screen->WorkPos.x + screen->WorkSize.x * 0.5F,
                                 screen->WorkPos.y + screen->WorkSize.y * 0.4F),
                          ImGuiCond_Always, ImVec2(0.5F, 0.5F));
}

}  // namespace

std::string drawRecoveryPrompt(LabelSession& labels, std::span<const KeyPress> presses) {
  if (!labels.recoveryPending()) {
    return {};
  }
  constexpr const char* kTitle = "Recover unsaved work?";
  if (!ImGui::IsPopupOpen(kTitle)) {
    ImGui::OpenPopup(kTitle);
  }
  centreNextWindow();
  bool recoverNow = pressed(presses, GLFW_KEY_R);
  bool discardNow = pressed(presses, GLFW_KEY_D);
  if (ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("An earlier session edited %s and ended without saving.",
                labels.savePath().filename().string().c_str());
    ImGui::TextDisabled("Its edits are in %s.", journalPathFor(labels.savePath()).string().c_str());
    ImGui::Spacing();
    recoverNow = ImGui::Button("Recover the edits (R)") || recoverNow;
    ImGui::SameLine();
    discardNow = ImGui::Button("Discard them (D)") || discardNow;
    if (recoverNow || discardNow) {
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (recoverNow) {
    auto recovered = labels.recoverFromJournal();
    return recovered ? "recovered the unsaved edits; Ctrl+S saves them"
                     : "recovery failed: " + recovered.error().message;
  }
  if (discardNow) {
    auto discarded = labels.discardJournal();
    return discarded ? "discarded the earlier session's edits" : discarded.error().message;
  }
  return {};
}

QuitChoice drawQuitPrompt(const LabelSession& labels, std::span<const KeyPress> presses) {
  constexpr const char* kTitle = "Unsaved changes";
  if (!ImGui::IsPopupOpen(kTitle)) {
    ImGui::OpenPopup(kTitle);
  }
  centreNextWindow();
  QuitChoice choice = QuitChoice::Undecided;
  if (pressed(presses, GLFW_KEY_S) || pressed(presses, GLFW_KEY_ENTER)) {
    choice = QuitChoice::SaveAndQuit;
  } else if (pressed(presses, GLFW_KEY_Q)) {
    choice = QuitChoice::QuitWithoutSaving;
  } else if (pressed(presses, GLFW_KEY_ESCAPE)) {
    choice = QuitChoice::Cancel;
  }
  if (ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("%s has unsaved changes.", labels.savePath().filename().string().c_str());
    ImGui::Spacing();
    if (ImGui::Button("Save and quit (S)")) {
      choice = QuitChoice::SaveAndQuit;
    }
    ImGui::SameLine();
    if (ImGui::Button("Quit without saving (Q)")) {
      choice = QuitChoice::QuitWithoutSaving;
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel (Esc)")) {
      choice = QuitChoice::Cancel;
    }
    if (choice != QuitChoice::Undecided) {
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  return choice;
}

}  // namespace fuselabel::gui
