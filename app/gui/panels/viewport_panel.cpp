#include "app/gui/panels/viewport_panel.hpp"

#include "app/gui/panels/mouse_click.hpp"
#include "app/gui/view/screen_projection.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>

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

ViewportPanel::ViewportPanel(OrbitCamera& camera, render::SceneRenderer& renderer,
                             const render::SceneStyle& style, const ViewerSession& session,
                             LabelSession& labels, const AccumulatedLayer& accumulated,
                             const PointBudgetSettings& budget, EditState& edit)
    : Panel("3D View", PanelPlacement{0.0F, 0.0F, 0.78F, 1.0F}),
      m_camera(camera),
      m_renderer(renderer),
      m_style(style),
      m_session(session),
      m_labels(labels),
      m_accumulated(accumulated),
      m_budget(budget),
      m_tools(edit, labels, session) {}

std::optional<PickedPoint> pickPoint(const render::PointBatch& batch, std::uint64_t version,
                                     const render::ViewParams& view, const ImVec2& origin,
                                     const ImVec2& size, const ImVec2& pixel, float radiusPx) {
  const Eigen::Matrix4f T = view.viewProjection() * batch.T_world_sensor;
  const float r2 = radiusPx * radiusPx;
  std::optional<PickedPoint> best;
  float bestD2 = r2;
  float bestDepth = std::numeric_limits<float>::max();
  const std::size_t n = batch.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Eigen::Vector4f p(batch.positions[3 * i], batch.positions[3 * i + 1],
                            batch.positions[3 * i + 2], 1.0F);
    const Eigen::Vector4f clip = T * p;
    if (clip.w() < 1e-3F) {
      continue;
    }
    const float x = origin.x + (clip.x() / clip.w() * 0.5F + 0.5F) * size.x;
    const float y = origin.y + (0.5F - clip.y() / clip.w() * 0.5F) * size.y;
    const float d2 = (x - pixel.x) * (x - pixel.x) + (y - pixel.y) * (y - pixel.y);
    // Within a pixel of the best, the nearer point wins: the one in front.
    if (d2 < bestD2 - 1.0F || (d2 <= bestD2 + 1.0F && d2 <= r2 && clip.w() < bestDepth)) {
      bestD2 = std::min(d2, bestD2);
      bestDepth = clip.w();
      PickedPoint picked;
      picked.pointsVersion = version;
      picked.sweepIndex =
          i < batch.sourceIndex.size() ? batch.sourceIndex[i] : static_cast<std::uint32_t>(i);
      picked.position = (batch.T_world_sensor * p).head<3>();
      picked.intensity = i < batch.intensity.size() ? batch.intensity[i] : 0.0F;
      best = picked;
    }
  }
  return best;
}

void ViewportPanel::drawPickedPoint(const ImVec2& origin, const ImVec2& size,
                                    const render::ViewParams& view) const {
  if (!m_pickedPoint || m_pickedPoint->pointsVersion != m_renderer.points().version()) {
    return;
  }
  const PickedPoint& p = *m_pickedPoint;
  const auto at = toWindow(view.viewProjection(), p.position.cast<double>(), origin, size);
  if (!at) {
    return;
  }
  const ImVec2 c(static_cast<float>(at->x()), static_cast<float>(at->y()));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddCircle(c, 6.0F, IM_COL32(255, 255, 255, 255), 16, 2.0F);
  char text[160];
  std::snprintf(text, sizeof text, "point %u\n%.2f  %.2f  %.2f m\nrange %.2f m  intensity %.2f",
                p.sweepIndex, static_cast<double>(p.position.x()),
                static_cast<double>(p.position.y()), static_cast<double>(p.position.z()),
                static_cast<double>(p.position.head<2>().norm()), static_cast<double>(p.intensity));
  const ImVec2 textSize = ImGui::CalcTextSize(text);
  const ImVec2 min(c.x + 10.0F, c.y + 8.0F);
  draw->AddRectFilled(min, ImVec2(min.x + textSize.x + 12.0F, min.y + textSize.y + 8.0F),
                      IM_COL32(20, 22, 25, 220), 3.0F);
  draw->AddText(ImVec2(min.x + 6.0F, min.y + 4.0F), IM_COL32(230, 232, 236, 255), text);
}

void ViewportPanel::syncBoxes() {
  const auto& shown = m_session.shown();
  const std::uint64_t frameVersion = shown ? shown->version : 0;
  const std::uint64_t predictionVersion = m_predictions ? m_predictions->version() : 0;
  if (frameVersion == m_boxesFrameVersion && m_labels.version() == m_boxesLabelVersion &&
      predictionVersion == m_boxesPredictionVersion) {
    return;
  }
  m_boxesFrameVersion = frameVersion;
  m_boxesLabelVersion = m_labels.version();
  m_boxesPredictionVersion = predictionVersion;
  ++m_boxesVersion;
  if (!shown) {
    m_renderer.setBoxes({}, m_boxesVersion);
    return;
  }
  auto segments = overlaySegments3d(m_labels.boxesAt(shown->index), m_labels.lanesAt(shown->index),
                                    m_labels.selected());
  if (m_predictions != nullptr && m_predictions->shown()) {
    appendPredictionSegments(*m_predictions, m_labels, shown->index, segments);
  }
  m_renderer.setBoxes(segments, m_boxesVersion);
}

void ViewportPanel::pickAt(const ImVec2& mouse, const ImVec2& origin, const ImVec2& size,
                           const render::ViewParams& view) {
  const auto& shown = m_session.shown();
  if (!shown) {
    return;
  }
  const Eigen::Matrix4f viewProj = view.viewProjection();
  const auto projected = projectLabels(
      m_labels.boxesAt(shown->index), m_labels.lanesAt(shown->index),
      [&](const Eigen::Vector3d& p) { return toWindow(viewProj, p, origin, size); },
      view.eye.cast<double>(), 1);
  const ObjectId hit = pickLabel(projected, Eigen::Vector2f(mouse.x, mouse.y));
  m_labels.select(hit);
  m_pickedPoint.reset();
  // No label there: the LiDAR point under the cursor, if any.
  const auto& batch = m_accumulated.batch() ? m_accumulated.batch() : shown->points;
  if (hit.value == 0 && batch) {
    m_pickedPoint =
        pickPoint(*batch, m_renderer.points().version(), view, origin, size, mouse, 6.0F);
  }
}

void ViewportPanel::drawSelectedTag(const ImVec2& origin, const ImVec2& size,
                                    const render::ViewParams& view) {
  const auto& shown = m_session.shown();
  const Object* object = m_labels.document().object(m_labels.selected());
  if (!shown || object == nullptr) {
    return;
  }
  // boxesAt() is cached for this frame by syncBoxes(), so this is a lookup.
  const auto& boxes = m_labels.boxesAt(shown->index);
  const auto it = std::find_if(boxes.begin(), boxes.end(),
                               [&](const FrameBox& b) { return b.id == object->id; });
  if (it == boxes.end()) {
    return;
  }
  const Eigen::Vector3d top = it->box.center + Eigen::Vector3d(0.0, 0.0, 0.5 * it->box.size.z());
  const auto at = toWindow(view.viewProjection(), top, origin, size);
  if (!at) {
    return;
  }
  const std::string text = object->className + " " + std::to_string(object->number);
  const ImVec2 textSize = ImGui::CalcTextSize(text.c_str());
  const ImVec2 min(static_cast<float>(at->x()) - textSize.x * 0.5F - 4.0F,
                   static_cast<float>(at->y()) - textSize.y - 12.0F);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const Eigen::Vector4f c = overlayColour(it->colour, true);
  draw->AddRectFilled(min, ImVec2(min.x + textSize.x + 8.0F, min.y + textSize.y + 4.0F),
                      IM_COL32(20, 22, 25, 210), 3.0F);
  draw->AddText(ImVec2(min.x + 4.0F, min.y + 2.0F),
                ImGui::ColorConvertFloat4ToU32(ImVec4(c.x(), c.y(), c.z(), 1.0F)), text.c_str());
}

void ViewportPanel::updateBudget(double renderMs) {
  // Learn the cost per point from frames that drew enough points to measure.
  if (m_stats.pointsDrawn >= 20'000 && renderMs > 0.0) {
    const double sample = renderMs / static_cast<double>(m_stats.pointsDrawn);
    m_msPerPoint = 0.7 * m_msPerPoint + 0.3 * sample;
  }
  if (!m_budget.enabled) {
    m_budgetPoints = render::SceneRenderer::k_unlimited;
    return;
  }
  const double points = static_cast<double>(m_budget.targetMs) / std::max(m_msPerPoint, 1e-9);
  m_budgetPoints = std::max(m_budget.minPoints, static_cast<std::size_t>(points));
}

ImGuiWindowFlags ViewportPanel::windowFlags() const {
  return ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
         ImGuiWindowFlags_NoCollapse;
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
    ImGui::SetTooltip(
        "Orthographic top-down view, turned as the orbit was; left drag turns it (B toggles)");
  }
  ImGui::SameLine();
  if (ImGui::Button("Reset view")) {
    m_camera.reset();
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Back to the default camera (R)");
  }
  ImGui::SameLine(0.0F, 16.0F);
  m_tools.drawToolbar();
  ImGui::SameLine();
  const char* hint = m_tools.mouseHint();
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
    } else if (ImGui::IsMouseDown(ImGuiMouseButton_Right) ||
               ImGui::IsMouseDown(ImGuiMouseButton_Middle)) {
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
  const bool hovered = ImGui::IsItemHovered();
  // In window units: the view's pixels may be denser (HiDPI), the mouse is not.
  const render::ViewParams windowView =
      m_camera.viewParams(static_cast<int>(size.x), static_cast<int>(size.y));
  const auto& shownNow = m_session.shown();
  const std::shared_ptr<const render::PointBatch>& shownBatch =
      m_accumulated.batch()
          ? m_accumulated.batch()
          : (shownNow ? shownNow->points : std::shared_ptr<const render::PointBatch>());
  const ViewGeometry geometry{origin,
                              size,
                              windowView,
                              ImGui::GetIO().MousePos,
                              hovered,
                              shownBatch.get(),
                              m_renderer.points().version()};
  // A tool that takes the mouse (a footprint drag, a vertex drag, a click
  // that makes a box) keeps it from orbiting the camera or selecting.
  const bool toolTookMouse = m_tools.handleMouse(geometry);
  if (!toolTookMouse) {
    handleMouse(hovered, ImGui::IsItemActive(), size.y);
  }
  const bool clicked = !toolTookMouse && hovered && releasedWithoutDrag(ImGuiMouseButton_Left);

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
  const auto& shown = m_session.shown();
  if (m_accumulated.batch()) {
    m_renderer.setPoints(m_accumulated.batch(), m_accumulated.version());
  } else {
    m_renderer.setPoints(shown ? shown->points : nullptr, shown ? shown->version : 0);
  }
  if (clicked) {
    pickAt(ImGui::GetIO().MousePos, origin, size, windowView);
  }
  syncBoxes();
  if (m_budgetPoints == 0) {
    updateBudget(0.0);
  }
  const auto start = std::chrono::steady_clock::now();
  m_stats = m_renderer.render(m_target, view, m_style, m_budgetPoints);
  const double renderMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (m_stats.drew) {
    updateBudget(renderMs);
  }

  ImDrawList* draw = ImGui::GetWindowDrawList();
  // GL textures start at the bottom row; flip v so the image is upright.
  draw->AddImage(toImGuiTexture(m_target.colorTexture().id()), origin,
                 ImVec2(origin.x + size.x, origin.y + size.y), ImVec2(0.0F, 1.0F),
                 ImVec2(1.0F, 0.0F));
  drawGridLabels(origin, size, view);
  drawOverlay(origin, size, view);
  drawSelectedTag(origin, size, view);
  drawPickedPoint(origin, size, view);
  m_tools.draw(*draw, geometry);
  drawDatasetMessages(origin, size);
}

void ViewportPanel::drawGridLabels(const ImVec2& origin, const ImVec2& size,
                                   const render::ViewParams& view) const {
  if (!m_style.showGrid) {
    return;
  }
  const Eigen::Matrix4f viewProj = view.viewProjection();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  // Every 10 m along +x, -x, +y and -y; a label is skipped when it would
  // crowd the previous one on screen (far away in perspective).
  const std::array<Eigen::Vector3d, 4> directions{
      Eigen::Vector3d::UnitX(), -Eigen::Vector3d::UnitX(), Eigen::Vector3d::UnitY(),
      -Eigen::Vector3d::UnitY()};
  for (const Eigen::Vector3d& direction : directions) {
    std::optional<Eigen::Vector2d> previous =
        toWindow(viewProj, Eigen::Vector3d::Zero(), origin, size);
    for (int metres = 10; metres <= 100; metres += 10) {
      const auto at = toWindow(viewProj, direction * metres, origin, size);
      if (!at) {
        continue;
      }
      const auto x = static_cast<float>(at->x());
      const auto y = static_cast<float>(at->y());
      if (x < origin.x || y < origin.y || x > origin.x + size.x || y > origin.y + size.y) {
        continue;
      }
      if (previous && (*at - *previous).norm() < 48.0) {
        continue;
      }
      previous = at;
      const std::string text = std::to_string(metres) + " m";
      draw->AddText(ImVec2(x + 3.0F, y + 1.0F), IM_COL32(200, 205, 214, 170), text.c_str());
    }
  }
}

void ViewportPanel::drawDatasetMessages(const ImVec2& origin, const ImVec2& size) const {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const auto card = [&](const std::string& title, const std::string& text, ImU32 titleColor) {
    const float wrap = std::min(size.x - 80.0F, 720.0F);
    const ImVec2 titleSize = ImGui::CalcTextSize(title.c_str());
    const ImVec2 textSize = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
    const float w = std::max(titleSize.x, textSize.x) + 32.0F;
    const float h = titleSize.y + textSize.y + 34.0F;
    const ImVec2 min(origin.x + (size.x - w) * 0.5F, origin.y + (size.y - h) * 0.5F);
    draw->AddRectFilled(min, ImVec2(min.x + w, min.y + h), IM_COL32(24, 26, 30, 235), 5.0F);
    draw->AddRect(min, ImVec2(min.x + w, min.y + h), titleColor, 5.0F);
    draw->AddText(ImVec2(min.x + 16.0F, min.y + 12.0F), titleColor, title.c_str());
    draw->AddText(nullptr, 0.0F, ImVec2(min.x + 16.0F, min.y + 22.0F + titleSize.y),
                  IM_COL32(215, 218, 224, 255), text.c_str(), nullptr, wrap);
  };
  switch (m_session.state()) {
    case DatasetState::Failed:
      card("Could not open the dataset", m_session.openError(), IM_COL32(240, 110, 95, 255));
      return;
    case DatasetState::Opening:
      card("Opening dataset", m_session.path().string(), IM_COL32(230, 200, 120, 255));
      return;
    case DatasetState::None:
      return;
    case DatasetState::Open:
      break;
  }
  if (m_session.currentError()) {
    card("Frame " + m_session.frameId(m_session.currentFrame()) + " could not be loaded",
         *m_session.currentError(), IM_COL32(240, 110, 95, 255));
  }
  // Top-right badge: what is on screen.
  std::string badge;
  if (!m_session.currentLoaded()) {
    badge = "loading " + m_session.frameId(m_session.currentFrame()) + " ...";
  } else if (m_accumulated.building() || (m_accumulated.batch() && !m_accumulated.current())) {
    badge = "accumulating sweeps ...";
  } else if (!m_accumulated.error().empty()) {
    badge = "accumulation failed: " + m_accumulated.error();
  } else if (m_stats.pointsTotal > 0 && !m_stats.complete()) {
    badge = "refining " + std::to_string(m_stats.pointsShown * 100 / m_stats.pointsTotal) + "%";
  }
  if (!badge.empty()) {
    const ImVec2 textSize = ImGui::CalcTextSize(badge.c_str());
    const ImVec2 max(origin.x + size.x - 10.0F, origin.y + 10.0F + textSize.y + 8.0F);
    const ImVec2 min(max.x - textSize.x - 16.0F, origin.y + 10.0F);
    draw->AddRectFilled(min, max, IM_COL32(20, 22, 25, 190), 3.0F);
    draw->AddText(ImVec2(min.x + 8.0F, min.y + 4.0F), IM_COL32(230, 200, 120, 255), badge.c_str());
  }
}

void ViewportPanel::drawOverlay(const ImVec2& origin, const ImVec2& size,
                                const render::ViewParams& view) const {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  // Mode badge, top-left.
  const bool bev = m_camera.state().mode == ViewMode::BirdsEye;
  const char* label = bev ? "Bird's-eye (ortho)" : "Perspective";
  const ImVec2 textSize = ImGui::CalcTextSize(label);
  const ImVec2 badgeMin(origin.x + 10.0F, origin.y + 10.0F);
  draw->AddRectFilled(badgeMin,
                      ImVec2(badgeMin.x + textSize.x + 16.0F, badgeMin.y + textSize.y + 8.0F),
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
  std::sort(axes.begin(), axes.end(),
            [](const Axis& a, const Axis& b) { return a.depth < b.depth; });
  for (const Axis& axis : axes) {
    const Eigen::Vector3f d = rotation * axis.dir;
    const ImVec2 tip(center.x + d.x() * radius, center.y - d.y() * radius);
    draw->AddLine(center, tip, axis.color, 2.5F);
    draw->AddCircleFilled(tip, 7.0F, axis.color, 16);
    const ImVec2 nameSize = ImGui::CalcTextSize(axis.name);
    draw->AddText(ImVec2(tip.x - nameSize.x * 0.5F, tip.y - nameSize.y * 0.5F),
                  IM_COL32(15, 15, 18, 255), axis.name);
  }
}

}  // namespace fuselabel::gui
