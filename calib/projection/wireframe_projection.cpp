#include "calib/projection/wireframe_projection.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace fuselabel {
namespace {

// The six faces as corner loops (see kCuboidEdges for the numbering).
constexpr std::array<std::array<int, 4>, 6> kFaces{
    {{0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}, {0, 3, 2, 1}, {4, 5, 6, 7}}};
// Points closer to the camera than this (m, along the optical axis) are not drawn.
constexpr double kCameraNearM = 0.1;
// Bisection steps to find where a piece stops projecting: 2^-12 of a piece.
constexpr int kBisectionSteps = 12;

Eigen::Vector2f toFloat(const Eigen::Vector2d& p) {
  return p.cast<float>();
}

// The last point from `good` towards `bad` that still projects.
Eigen::Vector2d lastProjecting(const Eigen::Vector3d& good, const Eigen::Vector3d& bad,
                               Eigen::Vector2d goodPixel, const PointProjector& project) {
  double lo = 0.0;
  double hi = 1.0;
  for (int i = 0; i < kBisectionSteps; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (auto pixel = project(good + mid * (bad - good))) {
      lo = mid;
      goodPixel = *pixel;
    } else {
      hi = mid;
    }
  }
  return goodPixel;
}

}  // namespace

bool projectSegment(const Eigen::Vector3d& a, const Eigen::Vector3d& b, int samples, bool heading,
                    const PointProjector& project, std::vector<ImageSegment>& out) {
  bool whole = true;
  Eigen::Vector3d previous = a;
  std::optional<Eigen::Vector2d> previousPixel = project(a);
  for (int i = 1; i <= samples; ++i) {
    const Eigen::Vector3d point = a + (b - a) * (static_cast<double>(i) / samples);
    const std::optional<Eigen::Vector2d> pixel = project(point);
    if (previousPixel && pixel) {
      out.push_back({toFloat(*previousPixel), toFloat(*pixel), heading});
    } else if (previousPixel) {
      whole = false;
      out.push_back({toFloat(*previousPixel),
                     toFloat(lastProjecting(previous, point, *previousPixel, project)), heading});
    } else if (pixel) {
      whole = false;
      out.push_back(
          {toFloat(lastProjecting(point, previous, *pixel, project)), toFloat(*pixel), heading});
    } else {
      whole = false;
    }
    previous = point;
    previousPixel = pixel;
  }
  return whole;
}

std::vector<ImageSegment> projectPolyline(const std::vector<Eigen::Vector3d>& points, bool closed,
                                          const PointProjector& project, double pieceLengthM) {
  std::vector<ImageSegment> out;
  const std::size_t n = points.size();
  if (n < 2) {
    return out;
  }
  const std::size_t segments = closed ? n : n - 1;
  for (std::size_t i = 0; i < segments; ++i) {
    const Eigen::Vector3d& a = points[i];
    const Eigen::Vector3d& b = points[(i + 1) % n];
    if (!a.allFinite() || !b.allFinite()) {
      continue;
    }
    // At most 256 pieces a segment: a kilometre-long road edge stays cheap.
    const double pieces =
        std::clamp(std::ceil((b - a).norm() / std::max(pieceLengthM, 1e-3)), 1.0, 256.0);
    projectSegment(a, b, static_cast<int>(pieces), false, project, out);
  }
  return out;
}

float distanceToSegments(const std::vector<ImageSegment>& segments, const Eigen::Vector2f& pixel) {
  float best = std::numeric_limits<float>::infinity();
  for (const ImageSegment& s : segments) {
    const Eigen::Vector2f d = s.end - s.start;
    const float length2 = d.squaredNorm();
    const float t =
        length2 > 0.0F ? std::clamp((pixel - s.start).dot(d) / length2, 0.0F, 1.0F) : 0.0F;
    best = std::min(best, (s.start + t * d - pixel).norm());
  }
  return best;
}

namespace {

// The sampled outline of a face, or nothing when part of it does not project.
std::optional<std::vector<Eigen::Vector2f>> faceOutline(const std::array<Eigen::Vector3d, 8>& c,
                                                        const std::array<int, 4>& face, int samples,
                                                        const PointProjector& project) {
  std::vector<Eigen::Vector2f> outline;
  outline.reserve(static_cast<std::size_t>(4 * samples));
  for (int k = 0; k < 4; ++k) {
    const Eigen::Vector3d& a = c[static_cast<std::size_t>(face[static_cast<std::size_t>(k)])];
    const Eigen::Vector3d& b =
        c[static_cast<std::size_t>(face[static_cast<std::size_t>((k + 1) % 4)])];
    for (int i = 0; i < samples; ++i) {
      auto pixel = project(a + (b - a) * (static_cast<double>(i) / samples));
      if (!pixel) {
        return std::nullopt;
      }
      outline.push_back(toFloat(*pixel));
    }
  }
  return outline;
}

}  // namespace

bool polygonContains(const std::vector<Eigen::Vector2f>& outline, const Eigen::Vector2f& pixel) {
  bool inside = false;
  const std::size_t n = outline.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const Eigen::Vector2f& a = outline[i];
    const Eigen::Vector2f& b = outline[j];
    if ((a.y() > pixel.y()) != (b.y() > pixel.y())) {
      const float x = a.x() + (pixel.y() - a.y()) / (b.y() - a.y()) * (b.x() - a.x());
      if (pixel.x() < x) {
        inside = !inside;
      }
    }
  }
  return inside;
}

bool ProjectedCuboid::contains(const Eigen::Vector2f& pixel) const {
  return std::any_of(faces.begin(), faces.end(), [&](const std::vector<Eigen::Vector2f>& face) {
    return polygonContains(face, pixel);
  });
}

ProjectedCuboid projectCuboid(const Cuboid& box, const PointProjector& project,
                              int samplesPerEdge) {
  ProjectedCuboid out;
  if (!box.isValid()) {
    return out;
  }
  const int samples = std::max(1, samplesPerEdge);
  const std::array<Eigen::Vector3d, 8> c = box.corners();
  for (const auto& [i, j] : kCuboidEdges) {
    projectSegment(c[static_cast<std::size_t>(i)], c[static_cast<std::size_t>(j)], samples, false,
                   project, out.segments);
  }
  for (const auto& [i, j] : kHeadingCross) {
    projectSegment(c[static_cast<std::size_t>(i)], c[static_cast<std::size_t>(j)], samples, true,
                   project, out.segments);
  }
  for (const auto& face : kFaces) {
    if (auto outline = faceOutline(c, face, samples, project)) {
      out.faces.push_back(std::move(*outline));
    }
  }
  return out;
}

ProjectedCuboid projectCuboid(const Cuboid& box, const Eigen::Isometry3d& T_camera_frame,
                              const CameraModel& camera, int samplesPerEdge) {
  return projectCuboid(
      box,
      [&](const Eigen::Vector3d& p) -> std::optional<Eigen::Vector2d> {
        const Eigen::Vector3d inCamera = T_camera_frame * p;
        // A pinhole projects points just in front of the lens to pixels far
        // outside any image; a near plane keeps cut edges at sane coordinates.
        if (inCamera.z() < kCameraNearM) {
          return std::nullopt;
        }
        return camera.project(inCamera);
      },
      samplesPerEdge);
}

}  // namespace fuselabel
