#include "app/gui/panels/panel.hpp"

#include <imgui_internal.h>  // FindWindowSettings: whether the ini file knows a window

namespace fuselabel::gui {

void Panel::placementRect(ImVec2& pos, ImVec2& size) const {
  // The work area only shrinks for the menu and status bars from the second
  // frame on, so the first-run layout reserves one bar height at each end itself.
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float bar = ImGui::GetFrameHeight();
  const ImVec2 topLeft(viewport->Pos.x, viewport->Pos.y + bar);
  const ImVec2 area(viewport->Size.x, viewport->Size.y - 2.0F * bar);
  pos = ImVec2(topLeft.x + m_placement.x * area.x, topLeft.y + m_placement.y * area.y);
  size = ImVec2(m_placement.width * area.x, m_placement.height * area.y);
}

void Panel::placeWindow() {
  ImVec2 pos;
  ImVec2 size;
  placementRect(pos, size);
  const ImGuiCond condition = m_placeAlways ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
  m_placeAlways = false;
  ImGui::SetNextWindowPos(pos, condition);
  ImGui::SetNextWindowSize(size, condition);
}

bool Panel::placementRemembered() const {
  return ImGui::FindWindowSettings(ImHashStr(m_title.c_str())) != nullptr;
}

void Panel::show() {
  if (!m_visible) {
    return;
  }
  placeWindow();
  const float padding = windowPadding();
  if (padding >= 0.0F) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(padding, padding));
  }
  const bool open = ImGui::Begin(m_title.c_str(), &m_visible, windowFlags());
  if (padding >= 0.0F) {
    ImGui::PopStyleVar();
  }
  if (open) {
    drawContents();
  }
  ImGui::End();
}

}  // namespace fuselabel::gui
