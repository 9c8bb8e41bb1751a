#pragma once
// The 3D view's editing tools: new boxes (one click on an object, key C over
// it, or a footprint dragged on the ground with the box tool) and lane
// polylines (clicks on the ground with the lane tool; vertices of the
// selected lane dragged, inserted with Ctrl+click on a segment, deleted with
// Alt+click); the selected box dragged on the ground by its middle or turned
// by the handle ahead of its front face. Everything lands on the ground the shown sweep's points
// describe, and every change goes through the labels' undo stack.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>
#include <Eigen/Core>

#include "app/gui/render/point_batch.hpp"
#include "app/gui/render/view_params.hpp"
#include "app/gui/scene/edit_state.hpp"
#include "app/gui/scene/label_session.hpp"
#include "app/gui/scene/viewer_session.hpp"

namespace fuselabel::gui {

/// Where the 3D view is on screen this frame and how it looks at the scene.
struct ViewGeometry {
  ImVec2 origin;              ///< view rectangle, window pixels
  ImVec2 size;                ///< view rectangle, window pixels
  render::ViewParams params;  ///< the camera in window units; view frame = the shown frame's ego
  ImVec2 mouse;               ///< cursor, window pixels
  bool hovered = false;       ///< the cursor is over the view
  const render::PointBatch* points = nullptr;  ///< what the view shows
  std::uint64_t pointsVersion = 0;
};

class ViewportTools {
 public:
  ViewportTools(EditState& edit, LabelSession& labels, const ViewerSession& session)
      : m_edit(edit), m_labels(labels), m_session(session) {}

  /// Runs the active tool on this frame's mouse. True when the tool took the
  /// mouse (a drag that must not also orbit the camera, or a click that must
  /// not also select).
  bool handleMouse(const ViewGeometry& view);
  /// The footprint being dragged, the lane being drawn, the selected lane's vertices.
  void draw(ImDrawList& draw, const ViewGeometry& view) const;

  /// The tool buttons and the class of new labels, on the 3D view's toolbar.
  void drawToolbar();
  /// One line on what the mouse does with the active tool.
  [[nodiscard]] const char* mouseHint() const;

  /// Key C: a new object's box fitted to the object under the cursor (the
  /// view's last frame); Shift+C (`forSelected`): the selected track's box in
  /// this frame instead, a keyframe its fill then runs through.
  void createBoxAtCursor(bool forSelected = false);
  /// With the lane tool: a vertex where the ray (the shown frame's ego
  /// frame; a click in a camera image) meets the ground. False when the lane
  /// tool is not active (the click is then the camera's to use).
  bool addLaneVertexOnEgoRay(const Eigen::Vector3d& origin, const Eigen::Vector3d& direction);

  /// Enter with the lane tool: the clicked vertices become a lane (closed
  /// when `closed`). False when no lane is being drawn.
  bool finishLane(bool closed);
  /// Backspace with the lane tool: drops the last clicked vertex. False when none.
  bool dropLastVertex();
  /// The ground under the cursor (world) while it is over the 3D view: where
  /// a review pin goes.
  [[nodiscard]] std::optional<Eigen::Vector3d> groundUnderCursor();

  /// Esc: drops what the tool is drawing; false when it drew nothing.
  bool cancel();
  /// A lane is being drawn (Enter, Backspace and Esc go to the tool).
  [[nodiscard]] bool drawingLane() const noexcept { return !m_laneVertices.empty(); }
  /// The lane's vertices clicked so far (world).
  [[nodiscard]] const std::vector<Eigen::Vector3d>& laneVertices() const noexcept {
    return m_laneVertices;
  }

 private:
  [[nodiscard]] std::optional<std::size_t> frame() const;
  /// The shown frame's indexed sweep (waits for the worker when needed).
  [[nodiscard]] const IndexedSweep* sweep();
  /// The ground under a window pixel (world), if the ray meets it.
  [[nodiscard]] std::optional<Eigen::Vector3d> groundUnder(const ViewGeometry& view,
                                                           const ImVec2& pixel);
  /// Where a world ray meets the ground the sweep describes, if it does.
  [[nodiscard]] std::optional<Eigen::Vector3d> groundOnRay(const Eigen::Vector3d& origin,
                                                           const Eigen::Vector3d& direction);
  /// World point → window pixel.
  [[nodiscard]] std::optional<Eigen::Vector2d> toScreen(const ViewGeometry& view,
                                                        const Eigen::Vector3d& world) const;
  void createBoxAt(const ViewGeometry& view, const ImVec2& pixel, bool forSelected);
  void finishBoxDrag(const ViewGeometry& view);
  /// The selected lane's instance shown in this frame (its own or the
  /// sequence-wide one) and the frame it is stored at.
  [[nodiscard]] std::optional<std::pair<const Polyline*, FrameIndex>> selectedLane() const;
  /// Vertex editing of the selected lane; true when it took the mouse.
  bool editSelectedLane(const ViewGeometry& view);
  /// The selected box in this frame (world), if it has one.
  [[nodiscard]] std::optional<Cuboid> selectedBox() const;
  /// The turn handle of `box`: a point ahead of its front face (world).
  [[nodiscard]] static Eigen::Vector3d turnHandle(const Cuboid& box);
  /// Dragging the selected box on the ground (press inside its footprint) or
  /// turning it (press on the handle ahead of it); true when it took the mouse.
  bool editSelectedBox(const ViewGeometry& view);
  void addTrack(Track track, const std::string& what);
  /// Review pins and rejection comments of the shown frame's boxes.
  void drawReviewNotes(ImDrawList& draw, const ViewGeometry& view) const;

  EditState& m_edit;
  LabelSession& m_labels;
  const ViewerSession& m_session;
  ViewGeometry m_last{};
  // Box tool drag: start on the ground, heading (world).
  std::optional<Eigen::Vector3d> m_dragStart;
  Eigen::Vector3d m_dragEnd = Eigen::Vector3d::Zero();
  double m_dragYaw = 0.0;
  // Lane tool.
  std::vector<Eigen::Vector3d> m_laneVertices;
  std::optional<Eigen::Vector3d> m_laneCursor;
  // Vertex drag of the selected lane.
  std::optional<std::size_t> m_draggedVertex;
  // Drag of the selected box: what is dragged and where the press was.
  enum class BoxDrag { None, Move, Turn };
  BoxDrag m_boxDrag = BoxDrag::None;
  Eigen::Vector3d m_boxGrab = Eigen::Vector3d::Zero();  // press point minus box centre (world)
};

}  // namespace fuselabel::gui
