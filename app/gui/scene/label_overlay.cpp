#include "app/gui/scene/label_overlay.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace fuselabel::gui {
namespace {

// Appends a lane's 3D segments, cut into dash/gap pieces along its length when dashed.
void appendLane(const FrameLane& lane, const Eigen::Vector4f& colour, float width,
                const OverlayStyle& style, std::vector<render::LineSegment>& out) {
  const std::size_t n = lane.points.size();
  if (n < 2) {
    return;
  }
  const std::size_t segments = lane.closed ? n : n - 1;
  double along = 0.0;  // distance from the first vertex, for the dash phase
  for (std::size_t i = 0; i < segments; ++i) {
    const Eigen::Vector3d a = lane.points[i];
    const Eigen::Vector3d b = lane.points[(i + 1) % n];
    const double length = (b - a).norm();
    if (!std::isfinite(length) || length <= 0.0) {
      continue;
    }
    if (!lane.dashed) {
      out.push_back({a.cast<float>(), b.cast<float>(), colour, width});
      along += length;
      continue;
    }
    const double dash = style.dashLengthM;
    double t = 0.0;
    while (t < length) {
      const double phase = std::fmod(along + t, 2.0 * dash);
      const double step = std::min(length - t, (phase < dash ? dash : 2.0 * dash) - phase);
      if (phase < dash) {
        out.push_back({(a + (b - a) * (t / length)).cast<float>(),
                       (a + (b - a) * ((t + step) / length)).cast<float>(), colour, width});
      }
      t += std::max(step, 1e-6);
    }
    along += length;
  }
}

}  // namespace

Eigen::Vector4f overlayColour(const Rgb& colour, bool selected, bool proposal) {
  Eigen::Vector4f c(colour.r / 255.0F, colour.g / 255.0F, colour.b / 255.0F,
                    proposal && !selected ? 0.45F : 1.0F);
  if (selected) {
    c.head<3>() = c.head<3>() * 0.45F + Eigen::Vector3f::Constant(0.55F);
  }
  return c;
}

std::vector<render::LineSegment> overlaySegments3d(const std::vector<FrameBox>& boxes,
                                                   const std::vector<FrameLane>& lanes,
                                                   ObjectId selected, const OverlayStyle& style) {
  std::vector<render::LineSegment> out;
  out.reserve(boxes.size() * (kCuboidEdges.size() + kHeadingCross.size()));
  // The selected label last, so it is drawn over its neighbours.
  for (const bool drawSelected : {false, true}) {
    for (const FrameLane& lane : lanes) {
      if ((lane.id == selected) == drawSelected) {
        appendLane(lane, overlayColour(lane.colour, drawSelected),
                   drawSelected ? style.selectedWidthPx : style.laneWidthPx, style, out);
      }
    }
    for (const FrameBox& box : boxes) {
      if ((box.id == selected) != drawSelected || !box.box.isValid()) {
        continue;
      }
      const Eigen::Vector4f colour =
          overlayColour(box.colour, drawSelected, box.source == InstanceSource::Proposal);
      const float width = drawSelected ? style.selectedWidthPx : style.edgeWidthPx;
      const auto corners = box.box.corners();
      for (const auto& [i, j] : kCuboidEdges) {
        out.push_back({corners[static_cast<std::size_t>(i)].cast<float>(),
                       corners[static_cast<std::size_t>(j)].cast<float>(), colour, width});
      }
      for (const auto& [i, j] : kHeadingCross) {
        out.push_back({corners[static_cast<std::size_t>(i)].cast<float>(),
                       corners[static_cast<std::size_t>(j)].cast<float>(), colour,
                       drawSelected ? width : style.headingWidthPx});
      }
    }
  }
  return out;
}

std::vector<ProjectedLabel> projectLabels(const std::vector<FrameBox>& boxes,
                                          const std::vector<FrameLane>& lanes,
                                          const PointProjector& project,
                                          const Eigen::Vector3d& viewer, int samplesPerEdge,
                                          const OverlayStyle& style) {
  std::vector<ProjectedLabel> out;
  out.reserve(boxes.size() + lanes.size());
  for (const FrameLane& lane : lanes) {
    ProjectedLabel projected;
    projected.id = lane.id;
    projected.colour = lane.colour;
    projected.dashed = lane.dashed;
    // Pieces of one dash length, so every other piece is a gap.
    projected.outline.segments =
        projectPolyline(lane.points, lane.closed, project, style.dashLengthM);
    if (projected.outline.empty()) {
      continue;
    }
    double nearest = std::numeric_limits<double>::infinity();
    for (const Eigen::Vector3d& p : lane.points) {
      nearest = std::min(nearest, (p - viewer).norm());
    }
    projected.distance = nearest;
    out.push_back(std::move(projected));
  }
  for (const FrameBox& box : boxes) {
    ProjectedLabel projected;
    projected.id = box.id;
    projected.colour = box.colour;
    projected.proposal = box.source == InstanceSource::Proposal;
    projected.outline = projectCuboid(box.box, project, samplesPerEdge);
    if (projected.outline.empty()) {
      continue;
    }
    projected.distance = (box.box.center - viewer).norm();
    out.push_back(std::move(projected));
  }
  return out;
}

std::vector<render::LineSegment> overlaySegmentsInImage(
    const std::vector<ProjectedLabel>& projected, ObjectId selected, const OverlayStyle& style) {
  std::vector<render::LineSegment> out;
  for (const bool drawSelected : {false, true}) {
    for (const ProjectedLabel& p : projected) {
      if ((p.id == selected) != drawSelected) {
        continue;
      }
      const Eigen::Vector4f colour = overlayColour(p.colour, drawSelected, p.proposal);
      const bool lane = p.outline.faces.empty();
      for (std::size_t k = 0; k < p.outline.segments.size(); ++k) {
        if (p.dashed && k % 2 == 1) {
          continue;
        }
        const ImageSegment& s = p.outline.segments[k];
        const float width = drawSelected ? style.selectedWidthPx
                            : lane       ? style.laneWidthPx
                            : s.heading  ? style.headingWidthPx
                                         : style.edgeWidthPx;
        out.push_back({Eigen::Vector3f(s.start.x(), s.start.y(), 0.0F),
                       Eigen::Vector3f(s.end.x(), s.end.y(), 0.0F), colour, width});
      }
    }
  }
  return out;
}

ObjectId pickLabel(const std::vector<ProjectedLabel>& projected, const Eigen::Vector2f& pixel,
                   float lanePickPx) {
  ObjectId best;
  double bestDistance = std::numeric_limits<double>::infinity();
  for (const ProjectedLabel& p : projected) {
    if (p.distance >= bestDistance) {
      continue;
    }
    const bool hit = p.outline.faces.empty()
                         ? distanceToSegments(p.outline.segments, pixel) <= lanePickPx
                         : p.outline.contains(pixel);
    if (hit) {
      best = p.id;
      bestDistance = p.distance;
    }
  }
  return best;
}

}  // namespace fuselabel::gui
