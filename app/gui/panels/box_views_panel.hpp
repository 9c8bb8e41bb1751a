#pragma once
// Three side views of the selected box in the shown frame: top, side and
// front, each zoomed to fit the box and showing the LiDAR points in a slab
// around it. Each outline edge is one face of the box and can be dragged (the
// opposite face stays); dragging inside moves the box in the view's plane; in
// the top view the handle past the front edge, or a right drag, turns it.
// One drag is one undo step.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/panels/panel.hpp"
#include "app/gui/panels/viewport_panel.hpp"
#include "app/gui/scene/box_views.hpp"
#include "app/gui/scene/label_session.hpp"
#include "app/gui/scene/viewer_session.hpp"

namespace fuselabel::gui {

/// One draggable edge, for --debug-state.
struct BoxViewEdgeState {
  std::string face;  ///< "front", "rear", "left", "right", "top", "bottom"
  float x = 0.0F;    ///< midpoint, window coordinates
  float y = 0.0F;
};

/// One view as drawn, for --debug-state.
struct BoxViewState {
  std::string name;  ///< "top", "side", "front"
  ScreenRect rect;   ///< the canvas, window coordinates
  double pixelsPerMetre = 0.0;
  std::vector<BoxViewEdgeState> edges;
};

/// What the panel shows now.
struct BoxViewsState {
  std::int64_t boxId = 0;  ///< 0: no box shown
  std::size_t slabPoints = 0;
  bool dragging = false;
  std::vector<BoxViewState> views;
};

class BoxViewsPanel final : public Panel {
 public:
  BoxViewsPanel(const ViewerSession& session, LabelSession& labels);

  /// What the panel drew this UI frame (empty when it drew nothing: hidden or collapsed).
  [[nodiscard]] const BoxViewsState& state() const;

 protected:
  void drawContents() override;
  [[nodiscard]] ImGuiWindowFlags windowFlags() const override;

 private:
  struct Drag {
    BoxView view = BoxView::Top;
    ViewHit grabbed;
    ViewProjection projection;  // fixed while the mouse is down
    Eigen::Vector2d pressPx = Eigen::Vector2d::Zero();
    Cuboid start;  // ego frame
    Cuboid last;   // ego frame, last applied
    ObjectId id;
    std::size_t frame = 0;
  };

  void drawView(BoxView view, const FrameBox& box, const Eigen::Vector2d& origin,
                const Eigen::Vector2d& extent, std::size_t frame);
  void handleMouse(BoxView view, const FrameBox& box, const ViewProjection& projection,
                   std::size_t frame);
  void endDrag();
  void updateSlab(const Cuboid& viewBox);

  const ViewerSession& m_session;
  LabelSession& m_labels;
  std::optional<Drag> m_drag;
  std::string m_message;
  BoxViewsState m_state;
  int m_drawnFrame = -1;  // ImGui frame count of the last drawContents()
  // The slab, in the frame of the box it was cut around.
  SlabPoints m_slab;
  Cuboid m_slabBox;
  double m_slabMargin = 0.0;
  std::uint64_t m_slabFrameVersion = 0;
};

}  // namespace fuselabel::gui
