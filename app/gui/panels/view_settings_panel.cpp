#include "app/gui/panels/view_settings_panel.hpp"

#include <utility>

namespace fuselabel::gui {
namespace {

constexpr float k_degPerRad = 57.2957795F;

}  // namespace

ViewSettingsPanel::ViewSettingsPanel(OrbitCamera& camera, render::SceneStyle& style, std::string rendererDescription)
    : Panel("View", PanelPlacement{0.78F, 0.0F, 0.22F, 1.0F}),
      m_camera(camera),
      m_style(style),
      m_rendererDescription(std::move(rendererDescription)) {}

void ViewSettingsPanel::drawContents() {
  drawCamera();
  ImGui::Spacing();
  drawDisplay();
  ImGui::Spacing();
  if (ImGui::CollapsingHeader("Renderer")) {
    ImGui::TextWrapped("%s", m_rendererDescription.c_str());
  }
}

void ViewSettingsPanel::drawCamera() {
  if (!ImGui::CollapsingHeader("Camera", ImGuiTreeNodeFlags_DefaultOpen)) {
    return;
  }
  OrbitState state = m_camera.state();
  int mode = state.mode == ViewMode::BirdsEye ? 1 : 0;
  bool changed = ImGui::RadioButton("Perspective", &mode, 0);
  ImGui::SameLine();
  changed |= ImGui::RadioButton("Bird's-eye", &mode, 1);
  state.mode = mode == 1 ? ViewMode::BirdsEye : ViewMode::Perspective;

  float yawDeg = state.yaw * k_degPerRad;
  float pitchDeg = state.pitch * k_degPerRad;
  ImGui::PushItemWidth(-70.0F);
  changed |= ImGui::DragFloat("Yaw", &yawDeg, 0.5F, -180.0F, 180.0F, "%.1f deg");
  ImGui::BeginDisabled(state.mode == ViewMode::BirdsEye);
  changed |= ImGui::DragFloat("Pitch", &pitchDeg, 0.5F, OrbitCamera::k_minPitch * k_degPerRad,
                              OrbitCamera::k_maxPitch * k_degPerRad, "%.1f deg");
  ImGui::EndDisabled();
  changed |= ImGui::DragFloat("Distance", &state.distance, 0.1F, OrbitCamera::k_minDistance,
                              OrbitCamera::k_maxDistance, "%.2f m", ImGuiSliderFlags_Logarithmic);
  changed |= ImGui::DragFloat3("Target", state.target.data(), 0.05F, 0.0F, 0.0F, "%.2f");
  ImGui::PopItemWidth();
  if (changed) {
    state.yaw = yawDeg / k_degPerRad;
    state.pitch = pitchDeg / k_degPerRad;
    m_camera.setState(state);
  }
  if (ImGui::Button("Reset view", ImVec2(-1.0F, 0.0F))) {
    m_camera.reset();
  }
}

void ViewSettingsPanel::drawDisplay() {
  if (!ImGui::CollapsingHeader("Display", ImGuiTreeNodeFlags_DefaultOpen)) {
    return;
  }
  ImGui::Checkbox("Ground grid (1 m / 10 m)", &m_style.showGrid);
  ImGui::BeginDisabled(!m_style.showGrid);
  ImGui::Checkbox("Fade grid with distance", &m_style.grid.fadeWithDistance);
  ImGui::EndDisabled();
  ImGui::Checkbox("Ego axes", &m_style.showAxes);
  ImGui::PushItemWidth(-70.0F);
  ImGui::BeginDisabled(!m_style.showAxes);
  ImGui::SliderFloat("Length", &m_style.axisLengthM, 0.5F, 20.0F, "%.1f m");
  ImGui::EndDisabled();
  ImGui::ColorEdit3("Background", m_style.background.data(), ImGuiColorEditFlags_NoInputs);
  ImGui::PopItemWidth();
  ImGui::Spacing();
  ImGui::TextDisabled("Axes: x forward (red), y left (green),");
  ImGui::TextDisabled("z up (blue), ISO 8855 ego frame.");
}

}  // namespace fuselabel::gui
