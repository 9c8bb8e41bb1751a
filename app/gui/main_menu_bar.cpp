#include "app/gui/main_menu_bar.hpp"

#include <imgui.h>

#include <utility>

#include "app/gui/panels/panel.hpp"
#include "app/gui/view/orbit_camera.hpp"

namespace fuselabel::gui {

MainMenuBar::MainMenuBar(OrbitCamera& camera, const std::vector<std::unique_ptr<Panel>>& panels,
                         std::function<void()> quit)
    : m_camera(camera), m_panels(panels), m_quit(std::move(quit)) {}

void MainMenuBar::draw() {
  if (ImGui::BeginMainMenuBar()) {
    if (ImGui::BeginMenu("File")) {
      if (ImGui::MenuItem("Quit", "Ctrl+Q")) {
        m_quit();
      }
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
      const bool bev = m_camera.state().mode == ViewMode::BirdsEye;
      if (ImGui::MenuItem("Perspective", nullptr, !bev)) {
        m_camera.setMode(ViewMode::Perspective);
      }
      if (ImGui::MenuItem("Bird's-eye view", "B", bev)) {
        m_camera.toggleBirdsEye();
      }
      if (ImGui::MenuItem("Reset view", "R")) {
        m_camera.reset();
      }
      ImGui::Separator();
      for (const auto& panel : m_panels) {
        bool visible = panel->visible();
        if (ImGui::MenuItem(panel->title().c_str(), nullptr, &visible)) {
          panel->setVisible(visible);
        }
      }
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
      m_openControls = ImGui::MenuItem("Controls");
      m_openAbout = ImGui::MenuItem("About fuselabel");
      ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
  }
}

void MainMenuBar::drawHelpPopups() {
  // Popups must be opened outside the menu's ID stack.
  if (std::exchange(m_openControls, false)) {
    ImGui::OpenPopup("Controls");
  }
  if (std::exchange(m_openAbout, false)) {
    ImGui::OpenPopup("About fuselabel");
  }
  if (ImGui::BeginPopupModal("Controls", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("3D view");
    ImGui::BulletText("Left drag: orbit around the target");
    ImGui::BulletText("Right or middle drag: pan");
    ImGui::BulletText("Mouse wheel: zoom");
    ImGui::BulletText("B: toggle bird's-eye view (top-down, orthographic)");
    ImGui::BulletText("R: reset the view");
    ImGui::Separator();
    ImGui::Text("Timeline");
    ImGui::BulletText("Space: play / pause at the sensor rate");
    ImGui::BulletText("Right or D: next frame, Left or A: previous frame");
    ImGui::BulletText("Home / End: first / last frame");
    ImGui::Separator();
    ImGui::Text("Cameras");
    ImGui::BulletText("Double-click a camera image (or Enlarge) to show it large");
    ImGui::BulletText("Ctrl+Q: quit");
    if (ImGui::Button("Close")) {
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (ImGui::BeginPopupModal("About fuselabel", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("fuselabel: 3D labeling of autonomous-driving scenes");
    ImGui::TextDisabled("Dear ImGui %s", ImGui::GetVersion());
    if (ImGui::Button("Close")) {
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

}  // namespace fuselabel::gui
