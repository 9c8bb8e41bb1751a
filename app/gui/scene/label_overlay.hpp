#pragma once
// The label overlay of one frame: cuboids as coloured wireframes with a
// heading cross on the front face, and lane polylines (dashed classes drawn
// dashed), in the 3D view (world lines the GPU projects) and in each camera
// (image pixels, through the lens model); and which label a click lands on.
// The selected label is drawn brighter and thicker in every view; proposals
// (pre-labels not yet accepted) are drawn faint until a person accepts them.

#include <vector>

#include <Eigen/Core>
#include <Eigen/Geometry>

#include "app/gui/render/line_renderer.hpp"
#include "app/gui/scene/label_session.hpp"
#include "calib/projection/wireframe_projection.hpp"

namespace fuselabel::gui {

/// Line widths of the overlay (pixels).
struct OverlayStyle {
  float edgeWidthPx = 2.0F;
  float selectedWidthPx = 4.0F;
  float headingWidthPx = 1.5F;
  float laneWidthPx = 2.5F;
  float dashLengthM = 1.5F;  ///< dash and gap of dashed lane classes
};

/// One label as a view sees it: its drawn pieces, faces (boxes) and distance.
struct ProjectedLabel {
  ObjectId id;
  Rgb colour;
  bool dashed = false;      ///< every other piece is a gap
  bool proposal = false;    ///< a machine proposal waiting for a person: drawn faint
  ProjectedCuboid outline;  ///< lanes: segments only, no faces
  double distance = 0.0;    ///< from the viewer to the label (m), for picking the nearest
};

/// The 3D view's overlay, in the ego frame.
[[nodiscard]] std::vector<render::LineSegment> overlaySegments3d(
    const std::vector<FrameBox>& boxes, const std::vector<FrameLane>& lanes, ObjectId selected,
    const OverlayStyle& style = {});

/// Each label through `project` (ego point → pixel); `viewer` is the eye in
/// ego coordinates. Labels with nothing visible are left out.
[[nodiscard]] std::vector<ProjectedLabel> projectLabels(const std::vector<FrameBox>& boxes,
                                                        const std::vector<FrameLane>& lanes,
                                                        const PointProjector& project,
                                                        const Eigen::Vector3d& viewer,
                                                        int samplesPerEdge,
                                                        const OverlayStyle& style = {});

/// A camera's overlay in image pixels (x = u, y = v).
[[nodiscard]] std::vector<render::LineSegment> overlaySegmentsInImage(
    const std::vector<ProjectedLabel>& projected, ObjectId selected,
    const OverlayStyle& style = {});

/// The nearest label under `pixel`: a box whose faces contain it, or a lane
/// passing within `lanePickPx`; no object when none.
[[nodiscard]] ObjectId pickLabel(const std::vector<ProjectedLabel>& projected,
                                 const Eigen::Vector2f& pixel, float lanePickPx = 6.0F);

/// Linear RGBA of a class colour; brighter when selected, faint for a proposal.
[[nodiscard]] Eigen::Vector4f overlayColour(const Rgb& colour, bool selected,
                                            bool proposal = false);

}  // namespace fuselabel::gui
