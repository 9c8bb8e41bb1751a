#include "app/gui/panels/viewport_panel.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace fuselabel::gui {
namespace {

ImTextureID toImGuiTexture(std::uint32_t glName) {
  // ImGui's OpenGL backend stores the GL texture name in the opaque pointer.
  return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(glName));
}

bool toolbarToggle(const char* label, bool selected) {
  if (selected) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  }
  const bool clicked = ImGui::Button(label);
  if (selected) {
    ImGui::PopStyleColor();
  }
  return clicked;
}

}  // namespace

ViewportPanel::ViewportPanel(OrbitCamera& camera, render::SceneRenderer& renderer, const render::SceneStyle& style)
    : Panel("3D View", PanelPlacement{0.0F, 0.0F, 0.78F, 1.0F}), m_camera(camera), m_renderer(renderer), m_style(style) {}

ImGuiWindowFlags ViewportPanel::windowFlags() const {
  return ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoCollapse;
}

void ViewportPanel::drawToolbar() {
  ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + 6.0F, ImGui::GetCursorPosY() + 4.0F));
  const bool bev = m_camera.state().mode == ViewMode::BirdsEye;
  if (toolbarToggle("Perspective", !bev)) {
    m_camera.setMode(ViewMode::Perspective);
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Orbit camera in perspective (B toggles)");
  }
  ImGui::SameLine(0.0F, 2.0F);
  if (toolbarToggle("Bird's-eye", bev)) {
    m_camera.setMode(ViewMode::BirdsEye);
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Orthographic top-down view, ego forward up (B toggles)");
  }
  ImGui::SameLine();
  if (ImGui::Button("Reset view")) {
    m_camera.reset();
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Back to the default camera (R or Home)");
  }
  ImGui::SameLine();
  const char* hint = "Left drag: orbit   Right/middle drag: pan   Wheel: zoom";
  const float hintWidth = ImGui::CalcTextSize(hint).x;
  const float right = ImGui::GetWindowContentRegionMax().x - hintWidth - 10.0F;
  if (right > ImGui::GetCursorPosX()) {
    ImGui::SetCursorPosX(right);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", hint);
  } else {
    ImGui::NewLine();
  }
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2.0F);
}

void ViewportPanel::handleMouse(bool hovered, bool active, float viewHeight) {
  const ImGuiIO& io = ImGui::GetIO();
  if (active) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      m_camera.orbit(io.MouseDelta.x, io.MouseDelta.y);
    } else if (ImGui::IsMouseDown(ImGuiMouseButton_Right) || ImGui::IsMouseDown(ImGuiMouseButton_Middle)) {
      m_camera.pan(io.MouseDelta.x, io.MouseDelta.y, viewHeight);
    }
  }
  if (hovered && io.MouseWheel != 0.0F) {
    m_camera.zoom(io.MouseWheel);
  }
}

void ViewportPanel::drawContents() {
  drawToolbar();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 size(std::max(avail.x, 1.0F), std::max(avail.y, 1.0F));
  m_viewRect = {origin.x, origin.y, size.x, size.y};

  ImGui::InvisibleButton("##view3d", size,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  handleMouse(ImGui::IsItemHovered(), ImGui::IsItemActive(), size.y);

  // Render at the framebuffer's pixel density so HiDPI screens stay sharp.
  const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
  const int width = static_cast<int>(std::lround(size.x * scale.x));
  const int height = static_cast<int>(std::lround(size.y * scale.y));
  if (Result<void> sized = m_target.resize(width, height); !sized) {
    m_error = sized.error().message;
  } else {
    m_error.clear();
  }
  if (!m_error.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(origin.x + 12.0F, origin.y + 12.0F));
    ImGui::TextColored(ImVec4(1.0F, 0.45F, 0.4F, 1.0F), "3D view unavailable: %s", m_error.c_str());
    return;
  }
  const render::ViewParams view = m_camera.viewParams(m_target.width(), m_target.height());
  m_renderer.render(m_target, view, m_style);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  // GL textures start at the bottom row; flip v so the image is upright.
  draw->AddImage(toImGuiTexture(m_target.colorTexture().id()), origin, ImVec2(origin.x + size.x, origin.y + size.y),
                 ImVec2(0.0F, 1.0F), ImVec2(1.0F, 0.0F));
  drawOverlay(origin, size, view);
}

void ViewportPanel::drawOverlay(const ImVec2& origin, const ImVec2& size, const render::ViewParams& view) const {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  // Mode badge, top-left.
  const bool bev = m_camera.state().mode == ViewMode::BirdsEye;
  const char* label = bev ? "Bird's-eye (ortho)" : "Perspective";
  const ImVec2 textSize = ImGui::CalcTextSize(label);
  const ImVec2 badgeMin(origin.x + 10.0F, origin.y + 10.0F);
  draw->AddRectFilled(badgeMin, ImVec2(badgeMin.x + textSize.x + 16.0F, badgeMin.y + textSize.y + 8.0F),
                      IM_COL32(20, 22, 25, 190), 3.0F);
  draw->AddText(ImVec2(badgeMin.x + 8.0F, badgeMin.y + 4.0F), IM_COL32(220, 223, 228, 255), label);

  // Orientation gizmo, bottom-left: world axes as the view rotates them.
  const float radius = 34.0F;
  const ImVec2 center(origin.x + 20.0F + radius, origin.y + size.y - 20.0F - radius);
  draw->AddCircleFilled(center, radius + 10.0F, IM_COL32(20, 22, 25, 150), 32);
  struct Axis {
    Eigen::Vector3f dir;
    ImU32 color;
    const char* name;
    float depth;
  };
  std::array<Axis, 3> axes{{{Eigen::Vector3f::UnitX(), IM_COL32(237, 66, 66, 255), "X", 0.0F},
                            {Eigen::Vector3f::UnitY(), IM_COL32(92, 209, 77, 255), "Y", 0.0F},
                            {Eigen::Vector3f::UnitZ(), IM_COL32(74, 133, 250, 255), "Z", 0.0F}}};
  const Eigen::Matrix3f rotation = view.view.block<3, 3>(0, 0);
  for (Axis& axis : axes) {
    axis.depth = (rotation * axis.dir).z();
  }
  // Far axes first so the near ones are drawn on top.
  std::sort(axes.begin(), axes.end(), [](const Axis& a, const Axis& b) { return a.depth < b.depth; });
  for (const Axis& axis : axes) {
    const Eigen::Vector3f d = rotation * axis.dir;
    const ImVec2 tip(center.x + d.x() * radius, center.y - d.y() * radius);
    draw->AddLine(center, tip, axis.color, 2.5F);
    draw->AddCircleFilled(tip, 7.0F, axis.color, 16);
    const ImVec2 nameSize = ImGui::CalcTextSize(axis.name);
    draw->AddText(ImVec2(tip.x - nameSize.x * 0.5F, tip.y - nameSize.y * 0.5F), IM_COL32(15, 15, 18, 255), axis.name);
  }
}

}  // namespace fuselabel::gui
