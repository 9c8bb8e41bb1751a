#pragma once
// Label wireframes as they appear in an image: a cuboid's edges and heading
// cross, and lane polylines; what camera panels draw and what clicks in them
// are tested against.
//
// Straight 3D edges are not straight in a distorted image, so each edge is
// sampled and every piece projected on its own. Pieces whose ends fail to
// project (behind the camera, outside the lens model's valid field of view)
// are cut where projection starts to fail, found by bisection, so a box that
// reaches behind the camera shows exactly its visible part and never a line
// folded back across the image.
//
// The projector is any function from a 3D point to a pixel, so the same code
// serves the camera models (calib/camera) and the 3D view's perspective.

#include <array>
#include <functional>
#include <optional>
#include <vector>

#include <Eigen/Core>
#include <Eigen/Geometry>

#include "calib/camera/camera_model.hpp"
#include "core/geometry/cuboid.hpp"

namespace fuselabel {

/// Corner index pairs of a cuboid's 12 edges (corners as Cuboid::corners():
/// 0-3 bottom, 4-7 top, counter-clockwise from front-right).
inline constexpr std::array<std::array<int, 2>, 12> kCuboidEdges{{{0, 1},
                                                                  {1, 2},
                                                                  {2, 3},
                                                                  {3, 0},
                                                                  {4, 5},
                                                                  {5, 6},
                                                                  {6, 7},
                                                                  {7, 4},
                                                                  {0, 4},
                                                                  {1, 5},
                                                                  {2, 6},
                                                                  {3, 7}}};
/// The diagonals of the front face (corners 0, 1, 5, 4): the heading cross.
inline constexpr std::array<std::array<int, 2>, 2> kHeadingCross{{{0, 5}, {1, 4}}};

/// 3D point (in the frame the cuboid is given in) → pixel, or nothing when it does not project.
using PointProjector = std::function<std::optional<Eigen::Vector2d>(const Eigen::Vector3d&)>;

/// One drawable piece of an edge, in pixels.
struct ImageSegment {
  Eigen::Vector2f start;
  Eigen::Vector2f end;
  /// Part of the heading mark (the cross on the front face) rather than a box edge.
  bool heading = false;
};

/// A cuboid as seen through a projector.
struct ProjectedCuboid {
  /// Visible pieces of the 12 edges and the 2 diagonals of the front face.
  std::vector<ImageSegment> segments;
  /// Outline (sampled boundary, pixels) of each face whose corners and edges
  /// all project; what a click is tested against.
  std::vector<std::vector<Eigen::Vector2f>> faces;
  /// Whether anything of the box is visible.
  [[nodiscard]] bool empty() const noexcept { return segments.empty(); }
  /// Whether `pixel` lies inside one of the projected faces.
  [[nodiscard]] bool contains(const Eigen::Vector2f& pixel) const;
};

/// Appends the visible pieces of the 3D segment a-b, sampled into `samples`
/// pieces and cut where projection fails; returns whether all of it projects.
bool projectSegment(const Eigen::Vector3d& a, const Eigen::Vector3d& b, int samples, bool heading,
                    const PointProjector& project, std::vector<ImageSegment>& out);

/// A polyline (lane line, road edge) through `project`: every segment cut
/// into pieces of at most `pieceLengthM` so distorted lenses bend it right;
/// `closed` joins the last point to the first.
[[nodiscard]] std::vector<ImageSegment> projectPolyline(const std::vector<Eigen::Vector3d>& points,
                                                        bool closed, const PointProjector& project,
                                                        double pieceLengthM = 1.0);

/// Distance (pixels) from `pixel` to the nearest of `segments`; infinity when empty.
[[nodiscard]] float distanceToSegments(const std::vector<ImageSegment>& segments,
                                       const Eigen::Vector2f& pixel);

/// Projects `box` with `project`, sampling each edge into `samplesPerEdge`
/// pieces (1 is exact for a pinhole without distortion).
[[nodiscard]] ProjectedCuboid projectCuboid(const Cuboid& box, const PointProjector& project,
                                            int samplesPerEdge = 8);

/// Projects `box` (given in the frame `T_camera_frame` maps from) into `camera`.
[[nodiscard]] ProjectedCuboid projectCuboid(const Cuboid& box,
                                            const Eigen::Isometry3d& T_camera_frame,
                                            const CameraModel& camera, int samplesPerEdge = 8);

/// Whether `pixel` is inside the closed polygon `outline` (even-odd rule).
[[nodiscard]] bool polygonContains(const std::vector<Eigen::Vector2f>& outline,
                                   const Eigen::Vector2f& pixel);

}  // namespace fuselabel
