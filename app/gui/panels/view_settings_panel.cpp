#include "app/gui/panels/view_settings_panel.hpp"

#include "app/gui/layout.hpp"

#include <utility>

namespace fuselabel::gui {
namespace {

constexpr float k_degPerRad = 57.2957795F;

}  // namespace

ViewSettingsPanel::ViewSettingsPanel(OrbitCamera& camera, render::SceneStyle& style,
                                     render::CameraOverlayStyle& cameraStyle,
                                     PointBudgetSettings& budget,
                                     AccumulationSettings& accumulation,
                                     const ViewerSession& session, std::string rendererDescription)
    : Panel("View", layout::viewSettings(false)),
      m_camera(camera),
      m_style(style),
      m_cameraStyle(cameraStyle),
      m_budget(budget),
      m_accumulation(accumulation),
      m_session(session),
      m_rendererDescription(std::move(rendererDescription)) {}

void ViewSettingsPanel::drawContents() {
  drawPoints();
  ImGui::Spacing();
  drawCameras();
  ImGui::Spacing();
  drawCamera();
  ImGui::Spacing();
  drawDisplay();
  ImGui::Spacing();
  if (ImGui::CollapsingHeader("Renderer")) {
    ImGui::TextWrapped("%s", m_rendererDescription.c_str());
  }
}

void ViewSettingsPanel::drawPoints() {
  if (!ImGui::CollapsingHeader("Points", ImGuiTreeNodeFlags_DefaultOpen)) {
    return;
  }
  render::PointStyle& p = m_style.points;
  const auto& shown = m_session.shown();
  const bool hasRing = shown && shown->points && shown->points->hasRing();
  const bool hasTime = shown && shown->points && shown->points->hasTime();
  const bool hasCamera = shown && shown->points && shown->points->hasCameraRgb();
  ImGui::Checkbox("Show LiDAR points", &m_style.showPoints);
  ImGui::PushItemWidth(-80.0F);
  const std::string current(render::toString(p.colorMode));
  if (ImGui::BeginCombo("Colour", current.c_str())) {
    for (const render::PointColorMode mode : render::k_pointColorModes) {
      const bool available = (mode != render::PointColorMode::Ring || hasRing) &&
                             (mode != render::PointColorMode::Time || hasTime) &&
                             (mode != render::PointColorMode::Camera || hasCamera);
      const std::string name(render::toString(mode));
      const std::string label = available ? name : name + " (not in this sweep)";
      if (ImGui::Selectable(label.c_str(), mode == p.colorMode,
                            available ? 0 : ImGuiSelectableFlags_Disabled)) {
        p.colorMode = mode;
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SliderFloat("Size", &p.pointSizePx, 1.0F, 8.0F, "%.1f px");
  if (p.colorMode == render::PointColorMode::Height) {
    ImGui::DragFloatRange2("Ramp", &p.heightColorMinM, &p.heightColorMaxM, 0.05F, -10.0F, 20.0F,
                           "%.1f m", "%.1f m");
  } else if (p.colorMode == render::PointColorMode::Range) {
    ImGui::SliderFloat("Ramp to", &p.rangeColorMaxM, 5.0F, 200.0F, "%.0f m");
  }
  ImGui::Checkbox("Accumulate sweeps", &m_accumulation.enabled);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Merge the sweeps around this frame in the world (ego motion removed): lanes, curbs "
        "and parked cars get dense");
  }
  ImGui::BeginDisabled(!m_accumulation.enabled);
  ImGui::SliderInt("Before", &m_accumulation.before, 0, 50, "%d sweeps");
  ImGui::SliderInt("After", &m_accumulation.after, 0, 50, "%d sweeps");
  ImGui::EndDisabled();
  ImGui::Checkbox("Height band", &p.clipHeight);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Hide points below / above these heights (ego z), e.g. the ground or the sky");
  }
  ImGui::BeginDisabled(!p.clipHeight);
  ImGui::DragFloatRange2("Keep z", &p.minHeightM, &p.maxHeightM, 0.05F, -10.0F, 30.0F, "%.2f m",
                         "%.2f m");
  ImGui::EndDisabled();
  ImGui::Checkbox("Point budget while moving", &m_budget.enabled);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "While the view moves, draw a uniform subsample that fits the frame time;\n"
        "the image fills in to full density over the next frames once it stops.");
  }
  ImGui::BeginDisabled(!m_budget.enabled);
  ImGui::SliderFloat("Frame", &m_budget.targetMs, 5.0F, 200.0F, "%.0f ms");
  ImGui::EndDisabled();
  ImGui::PopItemWidth();
  if (shown && shown->points) {
    const auto& b = *shown->points;
    ImGui::TextDisabled("%zu points%s%s", b.size(), b.hasRing() ? ", ring" : "",
                        b.hasTime() ? ", time" : "");
  }
}

void ViewSettingsPanel::drawCameras() {
  if (!ImGui::CollapsingHeader("Camera overlays", ImGuiTreeNodeFlags_DefaultOpen)) {
    return;
  }
  ImGui::Checkbox("Projected points", &m_cameraStyle.showPoints);
  ImGui::PushItemWidth(-80.0F);
  ImGui::BeginDisabled(!m_cameraStyle.showPoints);
  ImGui::SliderFloat("Dot size", &m_cameraStyle.pointSizePx, 1.0F, 8.0F, "%.1f px");
  ImGui::SliderFloat("Far", &m_cameraStyle.maxDepthM, 10.0F, 150.0F, "%.0f m");
  ImGui::EndDisabled();
  ImGui::SliderFloat("Dim image", &m_cameraStyle.dimImage, 0.0F, 0.9F, "%.2f");
  ImGui::PopItemWidth();
  ImGui::TextDisabled("Depth: near red, far blue.");
}

void ViewSettingsPanel::drawCamera() {
  if (!ImGui::CollapsingHeader("3D camera", ImGuiTreeNodeFlags_DefaultOpen)) {
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
  ImGui::Checkbox("Range rings", &m_style.showRangeRings);
  ImGui::BeginDisabled(!m_style.showRangeRings);
  ImGui::SliderFloat("Every", &m_style.ringSpacingM, 5.0F, 50.0F, "%.0f m");
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
