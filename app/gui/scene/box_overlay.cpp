#include "app/gui/scene/box_overlay.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace fuselabel::gui {
namespace {

constexpr std::array<std::array<int, 2>, 12> kEdges{{{0, 1},
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
// Diagonals of the front face (corners 0, 1, 5, 4): the heading cross.
constexpr std::array<std::array<int, 2>, 2> kHeadingCross{{{0, 5}, {1, 4}}};

const FrameBox* findBox(const std::vector<FrameBox>& boxes, ObjectId id) {
  const auto it =
      std::find_if(boxes.begin(), boxes.end(), [&](const FrameBox& b) { return b.id == id; });
  return it == boxes.end() ? nullptr : &*it;
}

}  // namespace

Eigen::Vector4f overlayColour(const Rgb& colour, bool selected) {
  Eigen::Vector4f c(colour.r / 255.0F, colour.g / 255.0F, colour.b / 255.0F, 1.0F);
  if (selected) {
    c.head<3>() = c.head<3>() * 0.45F + Eigen::Vector3f::Constant(0.55F);
  }
  return c;
}

std::vector<render::LineSegment> boxSegments3d(const std::vector<FrameBox>& boxes,
                                               ObjectId selected, const BoxOverlayStyle& style) {
  std::vector<render::LineSegment> out;
  out.reserve(boxes.size() * (kEdges.size() + kHeadingCross.size()));
  // The selected box last, so it is drawn over its neighbours.
  std::vector<const FrameBox*> order;
  for (const FrameBox& box : boxes) {
    if (box.id != selected) {
      order.push_back(&box);
    }
  }
  if (const FrameBox* chosen = findBox(boxes, selected)) {
    order.push_back(chosen);
  }
  for (const FrameBox* box : order) {
    if (!box->box.isValid()) {
      continue;
    }
    const bool isSelected = box->id == selected;
    const Eigen::Vector4f colour = overlayColour(box->colour, isSelected);
    const float width = isSelected ? style.selectedWidthPx : style.edgeWidthPx;
    const auto corners = box->box.corners();
    for (const auto& [i, j] : kEdges) {
      out.push_back({corners[static_cast<std::size_t>(i)].cast<float>(),
                     corners[static_cast<std::size_t>(j)].cast<float>(), colour, width});
    }
    for (const auto& [i, j] : kHeadingCross) {
      out.push_back({corners[static_cast<std::size_t>(i)].cast<float>(),
                     corners[static_cast<std::size_t>(j)].cast<float>(), colour,
                     isSelected ? width : style.headingWidthPx});
    }
  }
  return out;
}

std::vector<ProjectedBox> projectBoxes(const std::vector<FrameBox>& boxes,
                                       const PointProjector& project, const Eigen::Vector3d& viewer,
                                       int samplesPerEdge) {
  std::vector<ProjectedBox> out;
  out.reserve(boxes.size());
  for (const FrameBox& box : boxes) {
    ProjectedBox projected;
    projected.id = box.id;
    projected.outline = projectCuboid(box.box, project, samplesPerEdge);
    if (projected.outline.empty()) {
      continue;
    }
    projected.distance = (box.box.center - viewer).norm();
    out.push_back(std::move(projected));
  }
  return out;
}

std::vector<render::LineSegment> boxSegmentsInImage(const std::vector<FrameBox>& boxes,
                                                    const std::vector<ProjectedBox>& projected,
                                                    ObjectId selected,
                                                    const BoxOverlayStyle& style) {
  std::vector<render::LineSegment> out;
  const ProjectedBox* chosen = nullptr;
  auto append = [&](const ProjectedBox& p) {
    const FrameBox* box = findBox(boxes, p.id);
    if (box == nullptr) {
      return;
    }
    const bool isSelected = p.id == selected;
    const Eigen::Vector4f colour = overlayColour(box->colour, isSelected);
    for (const ImageSegment& s : p.outline.segments) {
      const float width = isSelected  ? style.selectedWidthPx
                          : s.heading ? style.headingWidthPx
                                      : style.edgeWidthPx;
      out.push_back({Eigen::Vector3f(s.start.x(), s.start.y(), 0.0F),
                     Eigen::Vector3f(s.end.x(), s.end.y(), 0.0F), colour, width});
    }
  };
  for (const ProjectedBox& p : projected) {
    if (p.id == selected) {
      chosen = &p;
    } else {
      append(p);
    }
  }
  if (chosen != nullptr) {
    append(*chosen);
  }
  return out;
}

ObjectId pickBox(const std::vector<ProjectedBox>& projected, const Eigen::Vector2f& pixel) {
  ObjectId best;
  double bestDistance = std::numeric_limits<double>::infinity();
  for (const ProjectedBox& p : projected) {
    if (p.distance < bestDistance && p.outline.contains(pixel)) {
      best = p.id;
      bestDistance = p.distance;
    }
  }
  return best;
}

}  // namespace fuselabel::gui
