#include "app/gui/panels/box_views_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/gui/layout.hpp"
#include "calib/projection/wireframe_projection.hpp"
#include "core/annotation/commands/instance_commands.hpp"

namespace fuselabel::gui {
namespace {

constexpr ImU32 k_background = IM_COL32(24, 26, 31, 255);
constexpr ImU32 k_frameColour = IM_COL32(70, 74, 84, 255);
constexpr ImU32 k_pointOutside = IM_COL32(120, 128, 140, 190);
constexpr ImU32 k_pointInside = IM_COL32(245, 240, 150, 255);
constexpr ImU32 k_textColour = IM_COL32(220, 222, 228, 255);
constexpr ImU32 k_dimText = IM_COL32(150, 154, 164, 255);
constexpr ImU32 k_hotEdge = IM_COL32(255, 255, 255, 255);
constexpr float k_edgeThickness = 2.0F;

ImVec2 toIm(const Eigen::Vector2d& p) {
  return {static_cast<float>(p.x()), static_cast<float>(p.y())};
}

ImU32 classColour32(const FrameBox& box, int alpha = 255) {
  return IM_COL32(box.colour.r, box.colour.g, box.colour.b, alpha);
}

// A "1 m" (or 0.5 m, 2 m ...) scale bar in the canvas's bottom-right corner.
void drawScaleBar(ImDrawList* draw, const ViewProjection& projection, const ImVec2& max) {
  double metres = 1.0;
  while (metres * projection.pixelsPerMetre > 120.0 && metres > 0.1) {
    metres *= 0.5;
  }
  while (metres * projection.pixelsPerMetre < 30.0) {
    metres *= 2.0;
  }
  const auto length = static_cast<float>(metres * projection.pixelsPerMetre);
  const ImVec2 right(max.x - 8.0F, max.y - 8.0F);
  const ImVec2 left(right.x - length, right.y);
  draw->AddLine(left, right, k_textColour, 1.5F);
  draw->AddLine(ImVec2(left.x, left.y - 4.0F), ImVec2(left.x, left.y + 1.0F), k_textColour, 1.5F);
  draw->AddLine(ImVec2(right.x, right.y - 4.0F), ImVec2(right.x, right.y + 1.0F), k_textColour,
                1.5F);
  char text[32];
  std::snprintf(text, sizeof text, metres >= 1.0 ? "%.0f m" : "%.1f m", metres);
  const ImVec2 textSize = ImGui::CalcTextSize(text);
  draw->AddText(ImVec2(right.x - 0.5F * length - 0.5F * textSize.x, right.y - 4.0F - textSize.y),
                k_textColour, text);
}

// The arrow of the heading (+x) from the centre through the front face, or
// in the front view (heading towards the viewer) a dot in a circle.
void drawHeading(ImDrawList* draw, const ViewProjection& projection, const Cuboid& boxInView,
                 ImU32 colour) {
  const Eigen::Isometry3d pose = boxInView.pose();
  const Eigen::Vector2d centre = projection.toCanvas(pose.translation());
  if (projection.view == BoxView::Front) {
    draw->AddCircle(toIm(centre), 7.0F, colour, 16, 1.5F);
    draw->AddCircleFilled(toIm(centre), 2.5F, colour);
    return;
  }
  const Eigen::Vector2d tip =
      projection.toCanvas(pose * Eigen::Vector3d(0.5 * boxInView.size.x(), 0.0, 0.0));
  const Eigen::Vector2d along = tip - centre;
  if (along.norm() < 4.0) {
    return;
  }
  const Eigen::Vector2d u = along.normalized();
  const Eigen::Vector2d n(-u.y(), u.x());
  draw->AddLine(toIm(centre), toIm(tip), colour, 1.5F);
  draw->AddTriangleFilled(toIm(tip), toIm(tip - 9.0 * u + 5.0 * n), toIm(tip - 9.0 * u - 5.0 * n),
                          colour);
}

// The 12 box edges seen in the view (a rotated box in a view fixed during a
// drag shows as a projected wireframe, not a rectangle).
void drawWireframe(ImDrawList* draw, const ViewProjection& projection, const Cuboid& boxInView,
                   ImU32 colour) {
  const auto corners = boxInView.corners();
  for (const auto& e : kCuboidEdges) {
    draw->AddLine(toIm(projection.toCanvas(corners[static_cast<std::size_t>(e[0])])),
                  toIm(projection.toCanvas(corners[static_cast<std::size_t>(e[1])])), colour, 1.0F);
  }
}

ImGuiMouseCursor cursorFor(const ViewHit& hit, BoxView view) {
  switch (hit.kind) {
    case ViewHit::Kind::Edge:
      return hit.face.axis == viewAxes(view).right ? ImGuiMouseCursor_ResizeEW
                                                   : ImGuiMouseCursor_ResizeNS;
    case ViewHit::Kind::Inside:
      return ImGuiMouseCursor_ResizeAll;
    case ViewHit::Kind::Rotate:
      return ImGuiMouseCursor_Hand;
    case ViewHit::Kind::None:
      break;
  }
  return ImGuiMouseCursor_Arrow;
}

const char* verbFor(const ViewHit& hit) {
  switch (hit.kind) {
    case ViewHit::Kind::Edge:
      return "resize";
    case ViewHit::Kind::Rotate:
      return "turn";
    case ViewHit::Kind::Inside:
    case ViewHit::Kind::None:
      break;
  }
  return "move";
}

bool sameBox(const Cuboid& a, const Cuboid& b) {
  return a.center == b.center && a.size == b.size && a.rotation.coeffs() == b.rotation.coeffs();
}

}  // namespace

BoxViewsPanel::BoxViewsPanel(const ViewerSession& session, LabelSession& labels)
    : Panel("Box views", layout::boxViews()), m_session(session), m_labels(labels) {}

ImGuiWindowFlags BoxViewsPanel::windowFlags() const {
  return ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
}

void BoxViewsPanel::endDrag() {
  if (m_drag) {
    m_labels.endEdit();
    m_drag.reset();
  }
}

void BoxViewsPanel::updateSlab(const Cuboid& viewBox) {
  const auto& shown = m_session.shown();
  const std::uint64_t version = shown ? shown->version : 0;
  if (version == m_slabFrameVersion && sameBox(viewBox, m_slabBox)) {
    return;
  }
  m_slabFrameVersion = version;
  m_slabBox = viewBox;
  m_slabMargin = slabMargin(viewBox);
  m_slab = {};
  if (shown && shown->points) {
    m_slab =
        slabPoints(shown->points->positions, shown->points->T_world_sensor, viewBox, m_slabMargin);
  }
}

const BoxViewsState& BoxViewsPanel::state() const {
  static const BoxViewsState k_nothing;
  return m_drawnFrame == ImGui::GetFrameCount() ? m_state : k_nothing;
}

void BoxViewsPanel::drawContents() {
  m_state = {};
  m_drawnFrame = ImGui::GetFrameCount();
  const auto& shown = m_session.shown();
  const FrameBox* box = nullptr;
  if (shown && m_labels.selected().value != 0) {
    for (const FrameBox& candidate : m_labels.boxesAt(shown->index)) {
      if (candidate.id == m_labels.selected()) {
        box = &candidate;
      }
    }
  }
  if (m_drag && (box == nullptr || box->id != m_drag->id || shown->index != m_drag->frame)) {
    endDrag();  // the selection or the frame changed under the mouse
  }
  if (box == nullptr) {
    ImGui::PushTextWrapPos(0.0F);
    ImGui::TextDisabled(
        m_labels.selected().value != 0
            ? "The selected object has no box in this frame."
            : "Select a box (click it, or Tab) to see it from the top, the side and the front.");
    ImGui::PopTextWrapPos();
    return;
  }
  // While a drag is on, every view stays in the frame of the box at the press.
  updateSlab(m_drag ? m_drag->start : box->box);
  m_state.boxId = box->id.value;
  m_state.slabPoints = m_slab.positions.size();
  m_state.dragging = m_drag.has_value();

  ImGui::TextColored(
      ImVec4(box->colour.r / 255.0F, box->colour.g / 255.0F, box->colour.b / 255.0F, 1.0F), "%s %d",
      box->className.c_str(), box->number);
  ImGui::SameLine();
  ImGui::TextDisabled("%.2f x %.2f x %.2f m, %zu points near", box->box.size.x(), box->box.size.y(),
                      box->box.size.z(), m_slab.positions.size());
  if (!m_message.empty()) {
    ImGui::TextColored(ImVec4(1.0F, 0.55F, 0.45F, 1.0F), "%s", m_message.c_str());
  }

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = 4.0F;
  // Side by side in a wide panel, stacked in a tall one.
  const bool columns = avail.x > avail.y;
  const float cellW = columns ? (avail.x - 2.0F * gap) / 3.0F : avail.x;
  const float cellH = columns ? avail.y : (avail.y - 2.0F * gap) / 3.0F;
  if (cellW < 20.0F || cellH < 20.0F) {
    return;
  }
  for (std::size_t i = 0; i < k_boxViews.size(); ++i) {
    const auto k = static_cast<float>(i);
    const Eigen::Vector2d cellOrigin(origin.x + (columns ? k * (cellW + gap) : 0.0F),
                                     origin.y + (columns ? 0.0F : k * (cellH + gap)));
    drawView(k_boxViews[i], *box, cellOrigin, Eigen::Vector2d(cellW, cellH), shown->index);
  }
  if (m_drag && !ImGui::IsMouseDown(ImGuiMouseButton_Left) &&
      !ImGui::IsMouseDown(ImGuiMouseButton_Right)) {
    endDrag();
  }
}

void BoxViewsPanel::drawView(BoxView view, const FrameBox& box, const Eigen::Vector2d& origin,
                             const Eigen::Vector2d& extent, std::size_t frame) {
  const bool dragHere = m_drag && m_drag->view == view;
  // The frame the view is drawn in: the box at the press during a drag.
  const Cuboid& viewBox = m_drag ? m_drag->start : box.box;
  const ViewProjection projection =
      dragHere ? m_drag->projection
               : fitView(view, viewBox.size, m_slabMargin, origin + Eigen::Vector2d(6.0, 20.0),
                         extent - Eigen::Vector2d(12.0, 26.0));

  ImGui::SetCursorScreenPos(toIm(origin));
  ImGui::PushID(static_cast<int>(view));
  ImGui::InvisibleButton("##box_view", toIm(extent),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  handleMouse(view, box, projection, frame);
  ImGui::PopID();

  const ImVec2 min = toIm(origin);
  const ImVec2 max = toIm(origin + extent);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(min, max, true);
  draw->AddRectFilled(min, max, k_background);

  // Points: the ones inside the box last, so they stay on top.
  const ViewAxes axes = viewAxes(view);
  const auto cx = static_cast<float>(projection.centre.x());
  const auto cy = static_cast<float>(projection.centre.y());
  const auto ppm = static_cast<float>(projection.pixelsPerMetre);
  for (const bool inside : {false, true}) {
    const ImU32 colour = inside ? k_pointInside : k_pointOutside;
    const float r = inside ? 1.5F : 1.0F;
    for (std::size_t i = 0; i < m_slab.positions.size(); ++i) {
      if (m_slab.inside[i] != inside) {
        continue;
      }
      const Eigen::Vector3f& p = m_slab.positions[i];
      const ImVec2 c(cx + ppm * p[axes.right], cy - ppm * p[axes.up]);
      draw->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), colour);
    }
  }

  // The box as it is now, seen in the view's frame.
  const Cuboid boxInView = transformed(viewBox.pose().inverse(), box.box);
  const ImU32 colour = classColour32(box);
  if (m_drag) {
    drawWireframe(draw, projection, boxInView, classColour32(box, 110));
  }
  ViewHit hovered;
  if (!m_drag && ImGui::IsItemHovered()) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    hovered = hitTest(projection, viewBox.size, Eigen::Vector2d(mouse.x, mouse.y));
  }
  BoxViewState state;
  state.name = toString(view);
  state.rect = {min.x, min.y, max.x - min.x, max.y - min.y};
  state.pixelsPerMetre = projection.pixelsPerMetre;
  for (const BoxFace face : viewFaces(view)) {
    const auto edge = faceEdge(projection, boxInView, face);
    const bool hot =
        (hovered.kind == ViewHit::Kind::Edge && hovered.face == face) ||
        (dragHere && m_drag->grabbed.kind == ViewHit::Kind::Edge && m_drag->grabbed.face == face);
    draw->AddLine(toIm(edge[0]), toIm(edge[1]), hot ? k_hotEdge : colour,
                  hot ? 2.0F * k_edgeThickness : k_edgeThickness);
    const Eigen::Vector2d mid = 0.5 * (edge[0] + edge[1]);
    state.edges.push_back(
        {faceName(face), static_cast<float>(mid.x()), static_cast<float>(mid.y())});
  }
  drawHeading(draw, projection, boxInView, colour);
  if (view == BoxView::Top) {
    // The rotate handle, past the front edge.
    const Eigen::Vector2d handleAt = rotateHandle(projection, viewBox.size);
    const Eigen::Vector2d frontMid =
        projection.toCanvas(boxInView.pose() * Eigen::Vector3d(0.5 * boxInView.size.x(), 0, 0));
    const bool hot = hovered.kind == ViewHit::Kind::Rotate ||
                     (dragHere && m_drag->grabbed.kind == ViewHit::Kind::Rotate);
    if (!m_drag) {
      draw->AddLine(toIm(frontMid), toIm(handleAt), colour, 1.0F);
      draw->AddCircleFilled(toIm(handleAt), hot ? 6.0F : 4.5F, hot ? k_hotEdge : colour);
    }
  }

  // Labels: the view, what its axes are, the box's extent along them, the scale.
  char title[96];
  std::snprintf(title, sizeof title, "%s", toString(view));
  draw->AddText(ImVec2(min.x + 6.0F, min.y + 3.0F), k_textColour, title);
  static constexpr std::array<const char*, 3> k_axisNote{"heading ->, left ^", "heading ->, up ^",
                                                         "seen from ahead, up ^"};
  draw->AddText(ImVec2(min.x + 6.0F + ImGui::CalcTextSize(title).x + 10.0F, min.y + 3.0F),
                k_dimText, k_axisNote[static_cast<std::size_t>(view)]);
  static constexpr std::array<const char*, 3> k_sizeNames{"L", "W", "H"};
  char extentText[64];
  std::snprintf(extentText, sizeof extentText, "%s %.2f m  %s %.2f m",
                k_sizeNames[static_cast<std::size_t>(axes.right)], box.box.size[axes.right],
                k_sizeNames[static_cast<std::size_t>(axes.up)], box.box.size[axes.up]);
  draw->AddText(ImVec2(min.x + 6.0F, max.y - 6.0F - ImGui::GetTextLineHeight()), k_dimText,
                extentText);
  drawScaleBar(draw, projection, max);
  draw->AddRect(min, max, k_frameColour);
  draw->PopClipRect();
  m_state.views.push_back(std::move(state));
}

void BoxViewsPanel::handleMouse(BoxView view, const FrameBox& box, const ViewProjection& projection,
                                std::size_t frame) {
  const ImGuiIO& io = ImGui::GetIO();
  if (!m_drag && ImGui::IsItemHovered()) {
    ImGui::SetMouseCursor(cursorFor(
        hitTest(projection, box.box.size, Eigen::Vector2d(io.MousePos.x, io.MousePos.y)), view));
  }
  if (ImGui::IsItemActivated() && !m_drag) {
    const bool right = ImGui::IsMouseClicked(ImGuiMouseButton_Right);
    const ImVec2 press = io.MouseClickedPos[right ? ImGuiMouseButton_Right : ImGuiMouseButton_Left];
    const Eigen::Vector2d pressPx(press.x, press.y);
    ViewHit grabbed;
    if (right) {
      // A right drag turns the box in the top view and does nothing elsewhere.
      grabbed.kind = view == BoxView::Top ? ViewHit::Kind::Rotate : ViewHit::Kind::None;
    } else {
      grabbed = hitTest(projection, box.box.size, pressPx);
    }
    if (grabbed.kind != ViewHit::Kind::None) {
      m_drag = Drag{view, grabbed, projection, pressPx, box.box, box.box, box.id, frame};
      m_message.clear();
      m_labels.beginEdit(std::string(verbFor(grabbed)) + " " + box.className + " " +
                         std::to_string(box.number));
    }
  }
  // The frame the button is let go still counts: at a low frame rate the last
  // mouse move and the release often arrive together.
  if (!m_drag || m_drag->view != view || (!ImGui::IsItemActive() && !ImGui::IsItemDeactivated())) {
    return;
  }
  const Cuboid next = dragResult(m_drag->start, m_drag->projection, m_drag->grabbed,
                                 m_drag->pressPx, Eigen::Vector2d(io.MousePos.x, io.MousePos.y));
  if (sameBox(next, m_drag->last)) {
    return;
  }
  m_drag->last = next;
  const Cuboid world = m_labels.worldFromEgo(frame) * next;
  auto applied = m_labels.apply(
      std::make_unique<SetGeometryCommand>(m_drag->id, static_cast<FrameIndex>(frame), world));
  if (!applied) {
    m_message = applied.error().message;
  }
}

}  // namespace fuselabel::gui
