#include "app/gui/status_bar.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // BeginViewportSideBar: a bar that shrinks the work area

#include "app/gui/view/orbit_camera.hpp"

namespace fuselabel::gui {

void StatusBar::draw(const std::string& message) {
  constexpr ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar;
  const float height = ImGui::GetFrameHeight();
  if (ImGui::BeginViewportSideBar("##status_bar", ImGui::GetMainViewport(), ImGuiDir_Down, height, flags)) {
    if (ImGui::BeginMenuBar()) {
      const ImGuiIO& io = ImGui::GetIO();
      const OrbitState& s = m_camera.state();
      ImGui::Text("%5.1f FPS", static_cast<double>(io.Framerate));
      ImGui::Separator();
      ImGui::Text("%s", s.mode == ViewMode::BirdsEye ? "Bird's-eye" : "Perspective");
      ImGui::Separator();
      ImGui::TextDisabled("yaw %.1f  pitch %.1f  dist %.1f m  target (%.1f, %.1f, %.1f)",
                          static_cast<double>(s.yaw * 57.2957795F), static_cast<double>(s.pitch * 57.2957795F),
                          static_cast<double>(s.distance), static_cast<double>(s.target.x()),
                          static_cast<double>(s.target.y()), static_cast<double>(s.target.z()));
      if (!message.empty()) {
        ImGui::Separator();
        ImGui::TextColored(ImVec4(1.0F, 0.55F, 0.45F, 1.0F), "%s", message.c_str());
      }
      ImGui::EndMenuBar();
    }
  }
  ImGui::End();
}

}  // namespace fuselabel::gui
