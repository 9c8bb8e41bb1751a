#include "app/gui/panels/viewport_tools.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "app/gui/panels/mouse_click.hpp"
#include "app/gui/panels/viewport_panel.hpp"
#include "app/gui/view/screen_projection.hpp"
#include "calib/projection/wireframe_projection.hpp"
#include "core/annotation/commands/instance_commands.hpp"
#include "core/annotation/commands/object_commands.hpp"

namespace fuselabel::gui {

namespace {

constexpr float kVertexPickPx = 8.0F;   // a vertex handle's reach
constexpr float kSegmentPickPx = 6.0F;  // a lane segment's reach for inserting
constexpr float kPointPickPx = 10.0F;   // one-click: the LiDAR point under the cursor

Eigen::Vector2f toEigen(const ImVec2& v) {
  return {v.x, v.y};
}
ImVec2 toImVec(const Eigen::Vector2d& v) {
  return {static_cast<float>(v.x()), static_cast<float>(v.y())};
}

ImU32 colourOf(const std::string& className, int alpha) {
  const Rgb c = classColour(className);
  return IM_COL32(c.r, c.g, c.b, alpha);
}

}  // namespace

std::optional<std::size_t> ViewportTools::frame() const {
  const auto& shown = m_session.shown();
  if (!shown || m_labels.state() != LabelState::Loaded) {
    return std::nullopt;
  }
  return shown->index;
}

const IndexedSweep* ViewportTools::sweep() {
  const auto f = frame();
  if (!f || !m_labels.sequence()) {
    return nullptr;
  }
  m_edit.sweep.request(m_labels.sequence(), m_labels.context(), *f);
  const IndexedSweep* indexed = m_edit.sweep.wait(*f);
  if (indexed == nullptr && !m_edit.sweep.error().empty()) {
    m_edit.message = "cannot fit to this frame's points: " + m_edit.sweep.error();
  }
  return indexed;
}

std::optional<Eigen::Vector3d> ViewportTools::groundOnRay(const Eigen::Vector3d& origin,
                                                          const Eigen::Vector3d& direction) {
  const auto f = frame();
  if (!f) {
    return std::nullopt;
  }
  const ViewRay ray{origin, direction};
  const IndexedSweep* indexed = sweep();
  // The ground's height depends on where the ray lands, which depends on the
  // height: two rounds settle it on any road a box stands on.
  double height = indexed != nullptr ? indexed->index.sensorOrigin().z() - kAssumedSensorHeight
                                     : m_labels.worldFromEgo(*f).translation().z();
  std::optional<Eigen::Vector3d> hit = hitHeight(ray, height);
  for (int round = 0; round < 2 && hit && indexed != nullptr; ++round) {
    height = groundHeightNear(*indexed, hit->head<2>());
    hit = hitHeight(ray, height);
  }
  return hit;
}

std::optional<Eigen::Vector3d> ViewportTools::groundUnder(const ViewGeometry& view,
                                                          const ImVec2& pixel) {
  const auto f = frame();
  if (!f) {
    return std::nullopt;
  }
  const Eigen::Isometry3d T_world_ego = m_labels.worldFromEgo(*f);
  const ViewRay egoRay = rayThrough(view.params.viewProjection(), pixel, view.origin, view.size);
  return groundOnRay(T_world_ego * egoRay.origin, T_world_ego.linear() * egoRay.direction);
}

std::optional<Eigen::Vector3d> ViewportTools::groundUnderCursor() {
  if (!m_last.hovered) {
    return std::nullopt;
  }
  return groundUnder(m_last, m_last.mouse);
}

bool ViewportTools::addLaneVertexOnEgoRay(const Eigen::Vector3d& origin,
                                          const Eigen::Vector3d& direction) {
  const auto f = frame();
  if (m_edit.tool != EditTool::DrawLane || !f) {
    return false;
  }
  const Eigen::Isometry3d T_world_ego = m_labels.worldFromEgo(*f);
  const auto hit = groundOnRay(T_world_ego * origin, T_world_ego.linear() * direction);
  if (!hit) {
    m_edit.message = "that pixel looks above the horizon: no ground there";
    return true;
  }
  m_laneVertices.push_back(*hit);
  m_edit.message = std::to_string(m_laneVertices.size()) +
                   " vertices: Enter finishes, Shift+Enter closes, Backspace drops one";
  return true;
}

std::optional<Eigen::Vector2d> ViewportTools::toScreen(const ViewGeometry& view,
                                                       const Eigen::Vector3d& world) const {
  const auto f = frame();
  if (!f) {
    return std::nullopt;
  }
  const Eigen::Vector3d ego = m_labels.worldFromEgo(*f).inverse() * world;
  return toWindow(view.params.viewProjection(), ego, view.origin, view.size);
}

void ViewportTools::addTrack(Track track, const std::string& what) {
  const ObjectId id = track.object.id;
  const std::string name = track.object.className + " " + std::to_string(track.object.number);
  auto added = m_labels.apply(std::make_unique<AddObjectCommand>(std::move(track)));
  if (!added) {
    m_edit.message = added.error().message;
    return;
  }
  m_labels.select(id);
  m_edit.message = name + " created" + (what.empty() ? "" : " (" + what + ")");
}

void ViewportTools::createBoxAt(const ViewGeometry& view, const ImVec2& pixel, bool forSelected) {
  const Object* selected = m_labels.document().object(m_labels.selected());
  if (forSelected && selected == nullptr) {
    m_edit.message = "select the track first (Tab, or click it in another frame's view)";
    return;
  }
  const auto f = frame();
  const IndexedSweep* indexed = sweep();
  if (!f || indexed == nullptr) {
    if (m_edit.message.empty()) {
      m_edit.message = "no points to fit a box to in this frame";
    }
    return;
  }
  // The LiDAR point under the cursor, else the ground there: the fit's seed
  // search finds the object's nearest point within a metre.
  std::optional<Eigen::Vector3d> clicked;
  double seedRadius = 1.0;  // m: the click is on a point of the object
  if (view.points != nullptr) {
    if (auto picked = pickPoint(*view.points, view.pointsVersion, view.params, view.origin,
                                view.size, pixel, kPointPickPx)) {
      clicked = m_labels.worldFromEgo(*f) * picked->position.cast<double>();
    }
  }
  if (!clicked) {
    clicked = groundUnder(view, pixel);
    if (clicked) {
      clicked->z() += 0.5;
      seedRadius = 2.5;  // the middle of a truck seen from the side has no points
    }
  }
  if (!clicked) {
    m_edit.message = "nothing under the cursor to fit a box to";
    return;
  }
  const std::string className = forSelected ? selected->className : m_edit.palette.chosen();
  auto box = oneClickBox(*indexed, *clicked, className, defaultLabelSchema(), seedRadius);
  if (!box) {
    m_edit.message = "no box: " + box.error().message;
    return;
  }
  if (forSelected) {
    Instance instance;
    instance.frame = static_cast<FrameIndex>(*f);
    instance.geometry = box->box;
    instance.source = InstanceSource::Keyframe;
    const std::string name = selected->className + " " + std::to_string(selected->number);
    auto put =
        m_labels.apply(std::make_unique<PutInstanceCommand>(selected->id, std::move(instance)));
    m_edit.message =
        put ? name + ": box fitted in this frame (" + std::to_string(box->points) + " points)"
            : put.error().message;
    return;
  }
  std::string what = std::to_string(box->points) + " points";
  if (m_edit.palette.chosen().empty()) {
    what += ", class guessed " + std::to_string(std::lround(100.0 * box->confidence)) + " %";
  }
  addTrack(newBoxTrack(m_labels.document(), *box, static_cast<FrameIndex>(*f)), what);
}

void ViewportTools::createBoxAtCursor(bool forSelected) {
  if (!m_last.hovered) {
    m_edit.message = "point at an object in the 3D view, then press C";
    return;
  }
  createBoxAt(m_last, m_last.mouse, forSelected);
}

void ViewportTools::finishBoxDrag(const ViewGeometry& /*view*/) {
  const auto f = frame();
  const IndexedSweep* indexed = sweep();
  const Eigen::Vector3d start = *m_dragStart;
  m_dragStart.reset();
  if (!f || indexed == nullptr) {
    return;
  }
  auto box = boxFromGroundRectangle(*indexed, start.head<2>(), m_dragEnd.head<2>(), m_dragYaw,
                                    m_edit.palette.chosen(), defaultLabelSchema());
  if (!box) {
    m_edit.message = "no box: " + box.error().message;
    return;
  }
  addTrack(newBoxTrack(m_labels.document(), *box, static_cast<FrameIndex>(*f)),
           std::to_string(box->points) + " points inside");
}

std::optional<std::pair<const Polyline*, FrameIndex>> ViewportTools::selectedLane() const {
  const auto f = frame();
  const Track* track = m_labels.document().track(m_labels.selected());
  if (!f || track == nullptr) {
    return std::nullopt;
  }
  for (const FrameIndex at : {static_cast<FrameIndex>(*f), kStaticFrame}) {
    if (const Instance* instance = track->at(at)) {
      if (const auto* line = std::get_if<Polyline>(&instance->geometry)) {
        return std::make_pair(line, at);
      }
    }
  }
  return std::nullopt;
}

bool ViewportTools::editSelectedLane(const ViewGeometry& view) {
  const auto lane = selectedLane();
  const ObjectId id = m_labels.selected();
  if (m_draggedVertex) {
    const auto endDrag = [this] {
      m_draggedVertex.reset();
      m_labels.endEdit();
      return true;
    };
    if (!lane || *m_draggedVertex >= lane->first->points.size()) {
      return endDrag();
    }
    // As with boxes: the release frame still moves the vertex to where the button went up.
    const bool released = !ImGui::IsMouseDown(ImGuiMouseButton_Left);
    // The vertex slides on the horizontal plane it sits on.
    const auto f = frame();
    const Eigen::Isometry3d T_world_ego = m_labels.worldFromEgo(*f);
    const ViewRay egoRay =
        rayThrough(view.params.viewProjection(), view.mouse, view.origin, view.size);
    const ViewRay ray{T_world_ego * egoRay.origin, T_world_ego.linear() * egoRay.direction};
    if (auto hit = hitHeight(ray, lane->first->points[*m_draggedVertex].z())) {
      auto moved = m_labels.apply(
          std::make_unique<MoveVertexCommand>(id, lane->second, *m_draggedVertex, *hit));
      if (!moved) {
        m_edit.message = moved.error().message;
      }
    }
    return released ? endDrag() : true;
  }
  if (!lane || !view.hovered || !ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    return false;
  }
  const ImGuiIO& io = ImGui::GetIO();
  const Polyline& line = *lane->first;
  std::vector<Eigen::Vector2f> screen;
  std::optional<std::size_t> nearest;
  float nearestPx = kVertexPickPx;
  for (std::size_t i = 0; i < line.points.size(); ++i) {
    const auto at = toScreen(view, line.points[i]);
    screen.push_back(at ? at->cast<float>() : Eigen::Vector2f(-1e6F, -1e6F));
    const float d = (screen.back() - toEigen(view.mouse)).norm();
    if (d < nearestPx) {
      nearestPx = d;
      nearest = i;
    }
  }
  if (nearest && io.KeyAlt) {
    auto deleted =
        m_labels.apply(std::make_unique<DeleteVertexCommand>(id, lane->second, *nearest));
    m_edit.message = deleted ? "vertex deleted" : deleted.error().message;
    return true;
  }
  if (nearest && !io.KeyCtrl) {
    m_draggedVertex = nearest;
    m_labels.beginEdit("Move vertex of " + objectLabel(m_labels.document(), id));
    return true;
  }
  if (io.KeyCtrl && !nearest) {
    // Ctrl+click on a segment inserts a vertex there (on the ground).
    const std::size_t segments = line.points.size() - (line.closed ? 0 : 1);
    for (std::size_t i = 0; i < segments; ++i) {
      const std::size_t j = (i + 1) % line.points.size();
      const std::vector<ImageSegment> segment{{screen[i], screen[j]}};
      if (distanceToSegments(segment, toEigen(view.mouse)) <= kSegmentPickPx) {
        const auto hit = groundUnder(view, view.mouse);
        if (hit) {
          auto inserted =
              m_labels.apply(std::make_unique<InsertVertexCommand>(id, lane->second, i + 1, *hit));
          m_edit.message = inserted ? "vertex inserted" : inserted.error().message;
        }
        return true;
      }
    }
  }
  return false;
}

std::optional<Cuboid> ViewportTools::selectedBox() const {
  const auto f = frame();
  const Track* track = m_labels.document().track(m_labels.selected());
  const Instance* instance =
      f && track != nullptr ? track->at(static_cast<FrameIndex>(*f)) : nullptr;
  if (instance == nullptr) {
    return std::nullopt;
  }
  const auto* box = std::get_if<Cuboid>(&instance->geometry);
  return box != nullptr ? std::optional<Cuboid>(*box) : std::nullopt;
}

Eigen::Vector3d ViewportTools::turnHandle(const Cuboid& box) {
  constexpr double kAhead = 0.8;  // m past the front face: clear of the box's own edges
  const Eigen::Vector3d heading = box.rotation.toRotationMatrix().col(0);
  return box.center + (0.5 * box.size.x() + kAhead) * heading;
}

bool ViewportTools::editSelectedBox(const ViewGeometry& view) {
  const auto f = frame();
  const ObjectId id = m_labels.selected();
  const std::optional<Cuboid> box = selectedBox();
  const auto worldRay = [&] {
    const Eigen::Isometry3d T_world_ego = m_labels.worldFromEgo(*f);
    const ViewRay egoRay =
        rayThrough(view.params.viewProjection(), view.mouse, view.origin, view.size);
    return ViewRay{T_world_ego * egoRay.origin, T_world_ego.linear() * egoRay.direction};
  };
  if (m_boxDrag != BoxDrag::None) {
    const auto endDrag = [this] {
      m_boxDrag = BoxDrag::None;
      m_labels.endEdit();
      return true;
    };
    if (!box) {
      return endDrag();
    }
    // The frame the button goes up still moves the box to where it went up:
    // a quick drag can move and release within one frame.
    const bool released = !ImGui::IsMouseDown(ImGuiMouseButton_Left);
    const auto hit = hitHeight(worldRay(), box->center.z());
    Cuboid moved = *box;
    if (hit && m_boxDrag == BoxDrag::Move) {
      moved.center.head<2>() = (*hit - m_boxGrab).head<2>();
    } else if (hit) {
      const Eigen::Vector3d d = *hit - box->center;
      if (d.head<2>().norm() >= 0.2) {  // nearer the centre it cannot say which way
        moved = Cuboid::fromYaw(box->center, box->size, std::atan2(d.y(), d.x()));
      }
    }
    if ((moved.center - box->center).norm() > 1e-6 || std::abs(moved.yaw() - box->yaw()) > 1e-6) {
      auto applied = m_labels.apply(
          std::make_unique<SetGeometryCommand>(id, static_cast<FrameIndex>(*f), moved));
      if (!applied) {
        m_edit.message = applied.error().message;
      }
    }
    return released ? endDrag() : true;
  }
  const ImGuiIO& io = ImGui::GetIO();
  if (!box || !view.hovered || !ImGui::IsMouseClicked(ImGuiMouseButton_Left) || io.KeyCtrl ||
      io.KeyAlt || m_edit.tool == EditTool::DrawLane) {
    return false;
  }
  const std::string name = objectLabel(m_labels.document(), id);
  if (const auto handle = toScreen(view, turnHandle(*box));
      handle && (handle->cast<float>() - toEigen(view.mouse)).norm() <= kVertexPickPx) {
    m_boxDrag = BoxDrag::Turn;
    m_labels.beginEdit("Turn " + name);
    return true;
  }
  const auto hit = hitHeight(worldRay(), box->center.z());
  if (!hit) {
    return false;
  }
  const Eigen::Vector3d local = box->rotation.conjugate() * (*hit - box->center);
  if (std::abs(local.x()) > 0.5 * box->size.x() || std::abs(local.y()) > 0.5 * box->size.y()) {
    return false;  // outside the footprint: the view orbits as usual
  }
  m_boxDrag = BoxDrag::Move;
  m_boxGrab = *hit - box->center;
  m_labels.beginEdit("Move " + name);
  return true;
}

bool ViewportTools::handleMouse(const ViewGeometry& view) {
  m_last = view;
  if (!frame()) {
    m_dragStart.reset();
    return false;
  }
  if (editSelectedLane(view) || editSelectedBox(view)) {
    return true;
  }
  const ImGuiIO& io = ImGui::GetIO();
  const bool pressed = view.hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left);
  const bool clicked = view.hovered && releasedWithoutDrag(ImGuiMouseButton_Left);
  if (m_edit.tool == EditTool::DrawBox) {
    if (pressed && !io.KeyCtrl) {
      const auto start = groundUnder(view, view.mouse);
      const auto ahead =
          start ? groundUnder(view, ImVec2(view.mouse.x, view.mouse.y - 40.0F)) : std::nullopt;
      if (start && ahead && (*ahead - *start).head<2>().norm() > 1e-6) {
        // The box's heading is "up" on screen: in bird's-eye view, where the
        // ego drives.
        const Eigen::Vector3d up = *ahead - *start;
        m_dragYaw = std::atan2(up.y(), up.x());
        m_dragStart = start;
        m_dragEnd = *start;
      }
      return m_dragStart.has_value();
    }
    if (m_dragStart) {
      const auto f = frame();
      const Eigen::Isometry3d T_world_ego = m_labels.worldFromEgo(*f);
      const ViewRay egoRay =
          rayThrough(view.params.viewProjection(), view.mouse, view.origin, view.size);
      const ViewRay ray{T_world_ego * egoRay.origin, T_world_ego.linear() * egoRay.direction};
      if (auto hit = hitHeight(ray, m_dragStart->z())) {
        m_dragEnd = *hit;
      }
      if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        if (clicked) {
          m_dragStart.reset();  // a click, not a drag: the view selects
          return false;
        }
        finishBoxDrag(view);
      }
      return true;
    }
  }
  if (m_edit.tool == EditTool::DrawLane) {
    m_laneCursor = view.hovered ? groundUnder(view, view.mouse) : std::nullopt;
    if (clicked && !io.KeyCtrl && !io.KeyAlt) {
      if (m_laneCursor) {
        m_laneVertices.push_back(*m_laneCursor);
        m_edit.message = std::to_string(m_laneVertices.size()) +
                         " vertices: Enter finishes, Shift+Enter closes, Backspace drops one";
      }
      return true;
    }
    // The left button places vertices in this tool: it never orbits (right
    // and middle still pan), so a click cannot turn the view under the lane.
    return view.hovered && (ImGui::IsMouseDown(ImGuiMouseButton_Left) ||
                            ImGui::IsMouseReleased(ImGuiMouseButton_Left));
  }
  if (clicked && io.KeyCtrl) {
    createBoxAt(view, view.mouse, false);
    return true;
  }
  return false;
}

bool ViewportTools::finishLane(bool closed) {
  const auto f = frame();
  if (m_laneVertices.empty() || !f) {
    return false;
  }
  if (m_laneVertices.size() < (closed ? 3U : 2U)) {
    m_edit.message = closed ? "a closed lane needs three vertices" : "a lane needs two vertices";
    return true;
  }
  const std::string& className = m_edit.palette.laneClass();
  const ClassSpec* spec = defaultLabelSchema().findClass(className);
  Track track;
  track.object.id = m_labels.document().unusedObjectId();
  track.object.number = m_labels.document().unusedNumber();
  track.object.className = className;
  Instance instance;
  instance.frame =
      spec != nullptr && spec->sequenceWide ? kStaticFrame : static_cast<FrameIndex>(*f);
  Polyline line;
  line.points = std::move(m_laneVertices);
  line.closed = closed;
  instance.geometry = std::move(line);
  track.instances.push_back(std::move(instance));
  m_laneVertices.clear();
  addTrack(std::move(track), "");
  return true;
}

bool ViewportTools::dropLastVertex() {
  if (m_laneVertices.empty()) {
    return false;
  }
  m_laneVertices.pop_back();
  return true;
}

bool ViewportTools::cancel() {
  const bool drew = m_dragStart.has_value() || !m_laneVertices.empty();
  m_dragStart.reset();
  m_laneVertices.clear();
  return drew;
}

void ViewportTools::drawToolbar() {
  const auto toggle = [](const char* label, bool on, const char* tip) {
    if (on) {
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    }
    const bool clicked = ImGui::Button(label);
    if (on) {
      ImGui::PopStyleColor();
    }
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s", tip);
    }
    return clicked;
  };
  if (toggle("Select", m_edit.tool == EditTool::Select,
             "Click selects; Ctrl+click or C over an object makes a fitted box (Esc)")) {
    m_edit.tool = EditTool::Select;
  }
  ImGui::SameLine(0.0F, 2.0F);
  if (toggle("Box", m_edit.tool == EditTool::DrawBox,
             "Drag a footprint on the ground; height snaps to the points (N)")) {
    m_edit.tool = m_edit.tool == EditTool::DrawBox ? EditTool::Select : EditTool::DrawBox;
  }
  ImGui::SameLine(0.0F, 2.0F);
  if (toggle("Lane", m_edit.tool == EditTool::DrawLane,
             "Click vertices on the ground; Enter finishes, Shift+Enter closes (P)")) {
    m_edit.tool = m_edit.tool == EditTool::DrawLane ? EditTool::Select : EditTool::DrawLane;
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(150.0F);
  if (m_edit.tool == EditTool::DrawLane) {
    if (ImGui::BeginCombo("##laneclass", m_edit.palette.laneClass().c_str())) {
      for (const ClassSpec& spec : defaultLabelSchema().classes) {
        if (spec.geometry == GeometryKind::Polyline &&
            ImGui::Selectable(spec.name.c_str(), spec.name == m_edit.palette.laneClass())) {
          m_edit.palette.chooseLaneClass(spec.name);
        }
      }
      ImGui::EndCombo();
    }
  } else {
    const std::string current =
        m_edit.palette.chosen().empty() ? "class from size" : m_edit.palette.chosen();
    if (ImGui::BeginCombo("##boxclass", current.c_str())) {
      if (ImGui::Selectable("0  class from size", m_edit.palette.chosen().empty())) {
        m_edit.palette.choose(0);
      }
      const auto& keyed = m_edit.palette.classes();
      for (std::size_t i = 0; i < keyed.size(); ++i) {
        const std::string label = std::to_string(i + 1) + "  " + keyed[i];
        if (ImGui::Selectable(label.c_str(), keyed[i] == m_edit.palette.chosen())) {
          m_edit.palette.chooseClass(keyed[i]);
        }
      }
      ImGui::Separator();
      for (const ClassSpec& spec : defaultLabelSchema().classes) {
        if (spec.geometry == GeometryKind::Cuboid &&
            std::find(keyed.begin(), keyed.end(), spec.name) == keyed.end() &&
            ImGui::Selectable(spec.name.c_str(), spec.name == m_edit.palette.chosen())) {
          m_edit.palette.chooseClass(spec.name);
        }
      }
      ImGui::EndCombo();
    }
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Class of new labels (keys 0-9)");
  }
}

const char* ViewportTools::mouseHint() const {
  switch (m_edit.tool) {
    case EditTool::DrawBox:
      return "Left drag: new box footprint   Right drag: pan   Esc: select tool";
    case EditTool::DrawLane:
      return "Click: add vertex   Enter: finish   Backspace: undo vertex   Esc: cancel";
    case EditTool::Select:
      break;
  }
  return "Left drag: orbit   Right drag: pan   Ctrl+click: fitted box   F1: keys";
}

void ViewportTools::draw(ImDrawList& draw, const ViewGeometry& view) const {
  if (m_dragStart) {
    const Eigen::Vector2d along(std::cos(m_dragYaw), std::sin(m_dragYaw));
    const Eigen::Vector2d across(-along.y(), along.x());
    const Eigen::Vector2d d = (m_dragEnd - *m_dragStart).head<2>();
    const Eigen::Vector2d a = along * d.dot(along);
    const Eigen::Vector2d b = across * d.dot(across);
    const Eigen::Vector2d s = m_dragStart->head<2>();
    const double z = m_dragStart->z();
    std::vector<ImVec2> corners;
    for (const Eigen::Vector2d& c :
         {s, Eigen::Vector2d(s + a), Eigen::Vector2d(s + a + b), Eigen::Vector2d(s + b)}) {
      if (auto at = toScreen(view, Eigen::Vector3d(c.x(), c.y(), z))) {
        corners.push_back(toImVec(*at));
      }
    }
    const std::string& cls = m_edit.palette.chosen();
    if (corners.size() == 4) {
      draw.AddPolyline(corners.data(), 4, colourOf(cls.empty() ? "car" : cls, 255),
                       ImDrawFlags_Closed, 2.0F);
      char text[64];
      std::snprintf(text, sizeof text, "%.2f x %.2f m", std::abs(d.dot(along)),
                    std::abs(d.dot(across)));
      draw.AddText(ImVec2(view.mouse.x + 12.0F, view.mouse.y + 4.0F), IM_COL32(255, 255, 255, 230),
                   text);
    }
  }
  if (!m_laneVertices.empty()) {
    std::vector<ImVec2> points;
    for (const Eigen::Vector3d& v : m_laneVertices) {
      if (auto at = toScreen(view, v)) {
        points.push_back(toImVec(*at));
      }
    }
    const ImU32 colour = colourOf(m_edit.palette.laneClass(), 255);
    if (points.size() >= 2) {
      draw.AddPolyline(points.data(), static_cast<int>(points.size()), colour, ImDrawFlags_None,
                       2.0F);
    }
    if (m_laneCursor && !points.empty()) {
      if (auto at = toScreen(view, *m_laneCursor)) {
        draw.AddLine(points.back(), toImVec(*at), colourOf(m_edit.palette.laneClass(), 140), 1.5F);
      }
    }
    for (const ImVec2& p : points) {
      draw.AddCircleFilled(p, 4.0F, colour);
    }
  }
  if (const auto box = selectedBox()) {
    const auto front =
        toScreen(view, box->center + 0.5 * box->size.x() * box->rotation.toRotationMatrix().col(0));
    const auto handle = toScreen(view, turnHandle(*box));
    if (front && handle) {
      const bool turning = m_boxDrag == BoxDrag::Turn;
      const ImU32 colour = turning ? IM_COL32(255, 220, 80, 255) : IM_COL32(255, 255, 255, 220);
      draw.AddLine(toImVec(*front), toImVec(*handle), colour, 1.5F);
      draw.AddCircleFilled(toImVec(*handle), 5.0F, colour);
      draw.AddCircle(toImVec(*handle), 5.0F, IM_COL32(0, 0, 0, 200));
    }
  }
  drawReviewNotes(draw, view);
  if (const auto lane = selectedLane()) {
    for (std::size_t i = 0; i < lane->first->points.size(); ++i) {
      if (auto at = toScreen(view, lane->first->points[i])) {
        const ImVec2 p = toImVec(*at);
        const bool active = m_draggedVertex == i;
        draw.AddRectFilled(ImVec2(p.x - 4.0F, p.y - 4.0F), ImVec2(p.x + 4.0F, p.y + 4.0F),
                           active ? IM_COL32(255, 220, 80, 255) : IM_COL32(255, 255, 255, 230));
        draw.AddRect(ImVec2(p.x - 4.0F, p.y - 4.0F), ImVec2(p.x + 4.0F, p.y + 4.0F),
                     IM_COL32(0, 0, 0, 200));
      }
    }
  }
}

void ViewportTools::drawReviewNotes(ImDrawList& draw, const ViewGeometry& view) const {
  const auto f = frame();
  if (!f || m_labels.state() != LabelState::Loaded) {
    return;
  }
  const Document& document = m_labels.document();
  const ImU32 pinColour = IM_COL32(255, 70, 200, 255);
  for (const Track& track : document.tracks()) {
    const Instance* instance = document.instance(track.object.id, static_cast<FrameIndex>(*f));
    if (instance == nullptr) {
      instance = document.instance(track.object.id, kStaticFrame);  // a lane of every frame
    }
    if (instance == nullptr) {
      continue;
    }
    const Review& review = instance->review;
    if (!review.pin && review.state != ReviewState::Rejected) {
      continue;
    }
    // The pin where the reviewer put it, else on top of the rejected box.
    Eigen::Vector3d anchor = Eigen::Vector3d::Zero();
    if (review.pin) {
      anchor = *review.pin;
    } else if (const auto* box = std::get_if<Cuboid>(&instance->geometry)) {
      anchor = box->center + Eigen::Vector3d(0.0, 0.0, 0.5 * box->size.z());
    } else if (const auto* line = std::get_if<Polyline>(&instance->geometry);
               line != nullptr && !line->points.empty()) {
      anchor = line->points.front();
    } else {
      continue;
    }
    const auto at = toScreen(view, anchor);
    if (!at) {
      continue;
    }
    const ImVec2 foot = toImVec(*at);
    const ImVec2 head(foot.x, foot.y - 26.0F);
    draw.AddLine(foot, head, pinColour, 2.0F);
    draw.AddCircleFilled(head, 6.0F, pinColour);
    draw.AddCircle(head, 6.0F, IM_COL32(0, 0, 0, 220));
    std::string text(toString(review.state));
    if (!review.comment.empty()) {
      // Appended piece by piece: a long comment is cut to 45 characters.
      text += ": ";
      if (review.comment.size() > 48) {
        text.append(review.comment, 0, 45);
        text += "...";
      } else {
        text += review.comment;
      }
    }
    draw.AddText(ImVec2(head.x + 9.0F, head.y - 8.0F), IM_COL32(255, 190, 235, 240), text.c_str());
  }
}

}  // namespace fuselabel::gui
