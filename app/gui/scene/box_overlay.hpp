#pragma once
// The label overlay of one frame: cuboids as coloured wireframes with a
// heading cross on the front face, in the 3D view (world lines the GPU
// projects) and in each camera (image pixels, through the lens model), and
// which box a click lands on. The selected box is drawn brighter and thicker
// in every view.

#include <vector>

#include <Eigen/Core>
#include <Eigen/Geometry>

#include "app/gui/render/line_renderer.hpp"
#include "app/gui/scene/label_session.hpp"
#include "calib/projection/cuboid_projection.hpp"

namespace fuselabel::gui {

/// Line widths of the overlay (pixels).
struct BoxOverlayStyle {
  float edgeWidthPx = 2.0F;
  float selectedWidthPx = 4.0F;
  float headingWidthPx = 1.5F;
};

/// One box as a view sees it: its outline and how far it is (for picking the nearest).
struct ProjectedBox {
  ObjectId id;
  ProjectedCuboid outline;
  double distance = 0.0;  ///< from the viewer to the box centre (m)
};

/// The 3D view's overlay: every box's edges and heading cross, in the ego frame.
[[nodiscard]] std::vector<render::LineSegment> boxSegments3d(const std::vector<FrameBox>& boxes,
                                                             ObjectId selected,
                                                             const BoxOverlayStyle& style = {});

/// Each box through `project` (ego point → pixel); `viewer` is the eye in ego
/// coordinates. Boxes with nothing visible are left out.
[[nodiscard]] std::vector<ProjectedBox> projectBoxes(const std::vector<FrameBox>& boxes,
                                                     const PointProjector& project,
                                                     const Eigen::Vector3d& viewer,
                                                     int samplesPerEdge);

/// A camera's overlay in image pixels (x = u, y = v).
[[nodiscard]] std::vector<render::LineSegment> boxSegmentsInImage(
    const std::vector<FrameBox>& boxes, const std::vector<ProjectedBox>& projected,
    ObjectId selected, const BoxOverlayStyle& style = {});

/// The nearest box whose projected faces contain `pixel`, or no object.
[[nodiscard]] ObjectId pickBox(const std::vector<ProjectedBox>& projected,
                               const Eigen::Vector2f& pixel);

/// Linear RGBA of a class colour; brighter when selected.
[[nodiscard]] Eigen::Vector4f overlayColour(const Rgb& colour, bool selected);

}  // namespace fuselabel::gui
