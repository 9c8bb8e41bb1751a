#pragma once
// The geometry behind the three side views of a selected box (top, side,
// front): which LiDAR points lie in a slab around the box, how a view maps the
// box's own frame onto a 2D canvas, which outline edge the mouse is on, and
// the box a drag makes. No GL and no ImGui here, so all of it is unit-tested.
//
// Every view looks at the box in its own frame (x forward, y left, z up):
//   top    from above:      canvas right = +x, canvas up = +y
//   side   from the right:  canvas right = +x, canvas up = +z
//   front  from the front:  canvas right = +y, canvas up = +z
// so the heading points right in the top and side views, and each outline
// edge is one face of the box.

#include <array>
#include <cstddef>
#include <optional>
#include <vector>

#include <Eigen/Core>
#include <Eigen/Geometry>

#include "core/geometry/cuboid.hpp"

namespace fuselabel::gui {

enum class BoxView { Top, Side, Front };

inline constexpr std::array<BoxView, 3> k_boxViews{BoxView::Top, BoxView::Side, BoxView::Front};

[[nodiscard]] const char* toString(BoxView view) noexcept;

/// The box's own axes a view shows: canvas right and canvas up (0 = x, 1 = y, 2 = z).
struct ViewAxes {
  int right = 0;
  int up = 1;
};

[[nodiscard]] ViewAxes viewAxes(BoxView view) noexcept;

/// One face of the box: its axis and which end (+1 front/left/top, -1 rear/right/bottom).
struct BoxFace {
  int axis = 0;
  int side = 1;
  friend bool operator==(const BoxFace&, const BoxFace&) = default;
};

/// "front", "rear", "left", "right", "top", "bottom".
[[nodiscard]] const char* faceName(BoxFace face) noexcept;

/// The four faces a view shows as outline edges: +right, +up, -right, -up.
[[nodiscard]] std::array<BoxFace, 4> viewFaces(BoxView view) noexcept;

/// Points near a box, in the box's own frame.
struct SlabPoints {
  std::vector<Eigen::Vector3f> positions;  ///< box frame, metres
  std::vector<bool> inside;                ///< inside the box itself (not just the slab)
};

/// The points (x, y, z triples in the sensor frame) whose box-frame
/// coordinates are within size / 2 + margin on every axis. `T_parent_sensor`
/// maps the sensor frame into the box's parent frame. At most `maxPoints`
/// (the first ones found) are kept.
[[nodiscard]] SlabPoints slabPoints(const std::vector<float>& sensorXyz,
                                    const Eigen::Matrix4f& T_parent_sensor, const Cuboid& box,
                                    double margin, std::size_t maxPoints = 20000);

/// The slab margin around a box: 15 % of its length, at least 0.4 m (room for
/// the ground and a neighbour's edge without shrinking the box on screen).
[[nodiscard]] double slabMargin(const Cuboid& box);

/// How a view maps box-frame coordinates to canvas pixels (y down).
struct ViewProjection {
  BoxView view = BoxView::Top;
  Eigen::Vector2d centre = Eigen::Vector2d::Zero();  ///< canvas pixel of the box-frame origin
  double pixelsPerMetre = 1.0;

  /// Canvas pixel of a box-frame point (the view's depth axis is dropped).
  [[nodiscard]] Eigen::Vector2d toCanvas(const Eigen::Vector3d& p) const;
  /// Box-frame metres along the view's (right, up) axes of a canvas pixel.
  [[nodiscard]] Eigen::Vector2d toView(const Eigen::Vector2d& pixel) const;
};

/// The projection that fits `size` (plus `margin` on every side) into a
/// canvas at `origin` (top-left pixel) of `extent` pixels, centred.
[[nodiscard]] ViewProjection fitView(BoxView view, const Eigen::Vector3d& size, double margin,
                                     const Eigen::Vector2d& origin, const Eigen::Vector2d& extent);

/// The canvas segment of a face's outline edge for a box of `size` centred
/// at the box-frame origin.
[[nodiscard]] std::array<Eigen::Vector2d, 2> faceEdge(const ViewProjection& projection,
                                                      const Eigen::Vector3d& size, BoxFace face);
/// The same for a box given in the view's frame (a box being dragged, seen in
/// the frame of the box at the press): the edge through the face's centre.
[[nodiscard]] std::array<Eigen::Vector2d, 2> faceEdge(const ViewProjection& projection,
                                                      const Cuboid& boxInView, BoxFace face);

/// Where the rotate handle sits in the top view: beyond the front edge.
[[nodiscard]] Eigen::Vector2d rotateHandle(const ViewProjection& projection,
                                           const Eigen::Vector3d& size);

/// What a press at a canvas pixel grabs.
struct ViewHit {
  enum class Kind { None, Edge, Inside, Rotate };
  Kind kind = Kind::None;
  BoxFace face;  ///< Kind::Edge only
};

/// The nearest outline edge within `tolerancePx`, else the rotate handle
/// (top view), else the inside of the box, else nothing.
[[nodiscard]] ViewHit hitTest(const ViewProjection& projection, const Eigen::Vector3d& size,
                              const Eigen::Vector2d& pixel, double tolerancePx = 6.0);

/// Limits of a drag.
struct DragLimits {
  double minSizeM = 0.05;  ///< a face never comes closer than this to the opposite one
};

/// The box after moving `face` outwards by `metres` (negative: inwards) along
/// the box's own axis: the opposite face stays, so size and centre change together.
[[nodiscard]] Cuboid dragFace(const Cuboid& box, BoxFace face, double metres,
                              const DragLimits& limits = {});

/// The box moved by `metres` along a view's (right, up) axes, in the box's own frame.
[[nodiscard]] Cuboid dragMove(const Cuboid& box, BoxView view, const Eigen::Vector2d& metres);

/// The box turned by `radians` about its own z axis (counter-clockwise from above).
[[nodiscard]] Cuboid dragTurn(const Cuboid& box, double radians);

/// Metres a face moves outwards for a mouse movement of `deltaPx` (canvas pixels, y down).
[[nodiscard]] double faceDragMetres(const ViewProjection& projection, BoxFace face,
                                    const Eigen::Vector2d& deltaPx);

/// The box after a drag in a view, from the box at the press, what was
/// grabbed, and the press and current canvas pixels. The projection is the one
/// at the press: it stays fixed while the mouse is down.
[[nodiscard]] Cuboid dragResult(const Cuboid& start, const ViewProjection& projection,
                                const ViewHit& grabbed, const Eigen::Vector2d& pressPx,
                                const Eigen::Vector2d& currentPx, const DragLimits& limits = {});

}  // namespace fuselabel::gui
