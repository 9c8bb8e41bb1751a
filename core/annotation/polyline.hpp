#pragma once
// A 3D polyline in `world`: the geometry of lane boundaries, road edges and
// stop lines.

#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace fuselabel {

/// Vertices in order, open or closed, with an optional per-vertex attribute.
struct Polyline {
  /// Vertices in `world` (m).
  std::vector<Eigen::Vector3d> points;
  /// True when the last vertex connects back to the first.
  bool closed = false;
  /// Optional per-vertex attribute value (e.g. where a boundary changes from
  /// solid to dashed): empty, or exactly one entry per point. The segment from
  /// vertex i to i + 1 takes vertex i's value.
  std::vector<std::string> vertexValues;

  /// True when vertexValues is empty or matches the points one to one.
  [[nodiscard]] bool isConsistent() const noexcept {
    return vertexValues.empty() || vertexValues.size() == points.size();
  }

  /// Exact equality of points, flag and values.
  friend bool operator==(const Polyline&, const Polyline&) = default;
};

}  // namespace fuselabel
