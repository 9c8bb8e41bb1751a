#include "app/gui/scene/box_views.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace fuselabel::gui {

const char* toString(BoxView view) noexcept {
  switch (view) {
    case BoxView::Top:
      return "top";
    case BoxView::Side:
      return "side";
    case BoxView::Front:
      return "front";
  }
  return "?";
}

ViewAxes viewAxes(BoxView view) noexcept {
  switch (view) {
    case BoxView::Top:
      return {0, 1};
    case BoxView::Side:
      return {0, 2};
    case BoxView::Front:
      return {1, 2};
  }
  return {};
}

const char* faceName(BoxFace face) noexcept {
  static constexpr std::array<std::array<const char*, 2>, 3> k_names{
      {{"rear", "front"}, {"right", "left"}, {"bottom", "top"}}};
  if (face.axis < 0 || face.axis > 2) {
    return "?";
  }
  return k_names[static_cast<std::size_t>(face.axis)][face.side > 0 ? 1 : 0];
}

std::array<BoxFace, 4> viewFaces(BoxView view) noexcept {
  const ViewAxes axes = viewAxes(view);
  return {BoxFace{axes.right, 1}, BoxFace{axes.up, 1}, BoxFace{axes.right, -1},
          BoxFace{axes.up, -1}};
}

SlabPoints slabPoints(const std::vector<float>& sensorXyz, const Eigen::Matrix4f& T_parent_sensor,
                      const Cuboid& box, double margin, std::size_t maxPoints) {
  // One affine map per point into the box frame, then two half-size tests; in
  // double so a point exactly on the slab boundary is decided as the tests expect.
  const Eigen::Isometry3d boxFromParent = box.pose().inverse();
  const Eigen::Affine3d boxFromSensor =
      boxFromParent * Eigen::Affine3d(T_parent_sensor.cast<double>());
  const Eigen::Vector3d half = box.halfSize();
  const Eigen::Vector3d slab = half.array() + margin;
  SlabPoints out;
  const std::size_t n = sensorXyz.size() / 3;
  for (std::size_t i = 0; i < n && out.positions.size() < maxPoints; ++i) {
    const Eigen::Vector3d p =
        boxFromSensor *
        Eigen::Vector3d(sensorXyz[3 * i], sensorXyz[3 * i + 1], sensorXyz[3 * i + 2]);
    const Eigen::Vector3d a = p.cwiseAbs();
    if ((a.array() <= slab.array()).all()) {
      out.positions.push_back(p.cast<float>());
      out.inside.push_back((a.array() <= half.array()).all());
    }
  }
  return out;
}

double slabMargin(const Cuboid& box) {
  return std::max(0.4, 0.15 * box.size.head<2>().maxCoeff());
}

Eigen::Vector2d ViewProjection::toCanvas(const Eigen::Vector3d& p) const {
  const ViewAxes axes = viewAxes(view);
  return centre + pixelsPerMetre * Eigen::Vector2d(p[axes.right], -p[axes.up]);
}

Eigen::Vector2d ViewProjection::toView(const Eigen::Vector2d& pixel) const {
  const Eigen::Vector2d d = (pixel - centre) / pixelsPerMetre;
  return {d.x(), -d.y()};
}

ViewProjection fitView(BoxView view, const Eigen::Vector3d& size, double margin,
                       const Eigen::Vector2d& origin, const Eigen::Vector2d& extent) {
  const ViewAxes axes = viewAxes(view);
  const double across = std::max(size[axes.right] + 2.0 * margin, 1e-3);
  const double high = std::max(size[axes.up] + 2.0 * margin, 1e-3);
  ViewProjection projection;
  projection.view = view;
  projection.centre = origin + 0.5 * extent;
  projection.pixelsPerMetre = std::max(1e-6, std::min(extent.x() / across, extent.y() / high));
  return projection;
}

std::array<Eigen::Vector2d, 2> faceEdge(const ViewProjection& projection,
                                        const Eigen::Vector3d& size, BoxFace face) {
  Cuboid centred;
  centred.size = size;
  return faceEdge(projection, centred, face);
}

std::array<Eigen::Vector2d, 2> faceEdge(const ViewProjection& projection, const Cuboid& boxInView,
                                        BoxFace face) {
  const ViewAxes axes = viewAxes(projection.view);
  const int other = face.axis == axes.right ? axes.up : axes.right;
  const Eigen::Vector3d& size = boxInView.size;
  Eigen::Vector3d a = Eigen::Vector3d::Zero();
  a[face.axis] = 0.5 * face.side * size[face.axis];
  Eigen::Vector3d b = a;
  a[other] = -0.5 * size[other];
  b[other] = 0.5 * size[other];
  const Eigen::Isometry3d pose = boxInView.pose();
  return {projection.toCanvas(pose * a), projection.toCanvas(pose * b)};
}

namespace {

// Pixels between the front edge and the rotate handle.
constexpr double k_handleOffsetPx = 18.0;

double distanceToSegment(const Eigen::Vector2d& p, const Eigen::Vector2d& a,
                         const Eigen::Vector2d& b) {
  const Eigen::Vector2d ab = b - a;
  const double t = std::clamp((p - a).dot(ab) / std::max(ab.squaredNorm(), 1e-12), 0.0, 1.0);
  return (a + t * ab - p).norm();
}

}  // namespace

Eigen::Vector2d rotateHandle(const ViewProjection& projection, const Eigen::Vector3d& size) {
  const Eigen::Vector2d front = projection.toCanvas(Eigen::Vector3d(0.5 * size.x(), 0.0, 0.0));
  return front + Eigen::Vector2d(k_handleOffsetPx, 0.0);
}

ViewHit hitTest(const ViewProjection& projection, const Eigen::Vector3d& size,
                const Eigen::Vector2d& pixel, double tolerancePx) {
  ViewHit hit;
  double best = std::numeric_limits<double>::infinity();
  for (const BoxFace face : viewFaces(projection.view)) {
    const auto edge = faceEdge(projection, size, face);
    const double d = distanceToSegment(pixel, edge[0], edge[1]);
    if (d <= tolerancePx && d < best) {
      best = d;
      hit = {ViewHit::Kind::Edge, face};
    }
  }
  if (hit.kind == ViewHit::Kind::Edge) {
    return hit;
  }
  if (projection.view == BoxView::Top &&
      (pixel - rotateHandle(projection, size)).norm() <= tolerancePx + 2.0) {
    return {ViewHit::Kind::Rotate, {}};
  }
  const ViewAxes axes = viewAxes(projection.view);
  const Eigen::Vector2d m = projection.toView(pixel);
  if (std::abs(m.x()) <= 0.5 * size[axes.right] && std::abs(m.y()) <= 0.5 * size[axes.up]) {
    return {ViewHit::Kind::Inside, {}};
  }
  return hit;
}

Cuboid dragFace(const Cuboid& box, BoxFace face, double metres, const DragLimits& limits) {
  Cuboid out = box;
  const double before = box.size[face.axis];
  const double after = std::max(limits.minSizeM, before + metres);
  out.size[face.axis] = after;
  const Eigen::Vector3d axis = box.rotation.toRotationMatrix().col(face.axis);
  out.center = box.center + (0.5 * face.side * (after - before)) * axis;
  return out;
}

Cuboid dragMove(const Cuboid& box, BoxView view, const Eigen::Vector2d& metres) {
  const ViewAxes axes = viewAxes(view);
  const Eigen::Matrix3d r = box.rotation.toRotationMatrix();
  Cuboid out = box;
  out.center = box.center + metres.x() * r.col(axes.right) + metres.y() * r.col(axes.up);
  return out;
}

Cuboid dragTurn(const Cuboid& box, double radians) {
  Cuboid out = box;
  out.rotation = (box.rotation * Eigen::AngleAxisd(radians, Eigen::Vector3d::UnitZ())).normalized();
  return out;
}

double faceDragMetres(const ViewProjection& projection, BoxFace face,
                      const Eigen::Vector2d& deltaPx) {
  const ViewAxes axes = viewAxes(projection.view);
  // Outward direction of the face on the canvas (y down).
  const Eigen::Vector2d outward =
      face.axis == axes.right ? Eigen::Vector2d(face.side, 0.0) : Eigen::Vector2d(0.0, -face.side);
  return deltaPx.dot(outward) / projection.pixelsPerMetre;
}

Cuboid dragResult(const Cuboid& start, const ViewProjection& projection, const ViewHit& grabbed,
                  const Eigen::Vector2d& pressPx, const Eigen::Vector2d& currentPx,
                  const DragLimits& limits) {
  switch (grabbed.kind) {
    case ViewHit::Kind::None:
      return start;
    case ViewHit::Kind::Edge:
      return dragFace(start, grabbed.face,
                      faceDragMetres(projection, grabbed.face, currentPx - pressPx), limits);
    case ViewHit::Kind::Inside:
      return dragMove(start, projection.view,
                      projection.toView(currentPx) - projection.toView(pressPx));
    case ViewHit::Kind::Rotate: {
      // The angle swept about the box centre, seen from above.
      const Eigen::Vector2d a = projection.toView(pressPx);
      const Eigen::Vector2d b = projection.toView(currentPx);
      if (a.norm() < 1e-9 || b.norm() < 1e-9) {
        return start;
      }
      return dragTurn(start, std::atan2(b.y(), b.x()) - std::atan2(a.y(), a.x()));
    }
  }
  return start;
}

}  // namespace fuselabel::gui
