#pragma once
// One LiDAR sweep placed in `world` with a 2D grid over x, y, built once per
// sweep so that box fitting and one-click segmentation query only the few
// cells around an object instead of scanning 120k points each time.
//
// The grid is a counting sort: points are reordered by cell (row-major, y
// then x), and each cell keeps the start of its range. A row of cells is
// therefore one contiguous slice, so an xy rectangle query is one slice per
// row. Indices returned by the queries refer to this sorted order; point()
// and sourceIndex() translate them.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <Eigen/Geometry>

#include "core/geometry/cuboid.hpp"
#include "core/pointcloud/point_cloud.hpp"

namespace fuselabel {

/// How the grid of a SweepIndex is laid out.
struct SweepIndexOptions {
  /// Edge of a square grid cell (m). Half a metre keeps cells small against a
  /// pedestrian and a car-sized query at a few dozen cells.
  double cellSize = 0.5;
  /// Upper bound on the number of cells; a sweep spread wider gets bigger
  /// cells rather than an unbounded table.
  std::size_t maxCells = std::size_t{1} << 22;
};

/// The points of one sweep in `world`, indexed by a uniform xy grid.
class SweepIndex {
 public:
  /// An empty index (no points).
  SweepIndex() = default;

  /// Places `cloud_sensor` in world with `T_world_sensor` and indexes it.
  /// Points with a non-finite coordinate are left out.
  [[nodiscard]] static SweepIndex build(const PointCloud& cloud_sensor,
                                        const Eigen::Isometry3d& T_world_sensor,
                                        const SweepIndexOptions& options = {});

  /// Number of indexed (finite) points.
  [[nodiscard]] std::size_t size() const noexcept { return m_x.size(); }
  /// True when no point is indexed.
  [[nodiscard]] bool empty() const noexcept { return m_x.empty(); }

  /// World x of the points in index order (m).
  [[nodiscard]] std::span<const float> x() const noexcept { return m_x; }
  /// World y of the points in index order (m).
  [[nodiscard]] std::span<const float> y() const noexcept { return m_y; }
  /// World z of the points in index order (m).
  [[nodiscard]] std::span<const float> z() const noexcept { return m_z; }

  /// World position of point `i` (index order).
  [[nodiscard]] Eigen::Vector3d point(std::uint32_t i) const {
    return {static_cast<double>(m_x[i]), static_cast<double>(m_y[i]), static_cast<double>(m_z[i])};
  }
  /// Index of point `i` (index order) in the cloud the index was built from.
  [[nodiscard]] std::uint32_t sourceIndex(std::uint32_t i) const { return m_source[i]; }

  /// The sensor's position in world, where the rays come from.
  [[nodiscard]] Eigen::Vector3d sensorOrigin() const { return m_T_world_sensor.translation(); }
  /// The pose the sweep was placed with.
  [[nodiscard]] const Eigen::Isometry3d& T_world_sensor() const noexcept {
    return m_T_world_sensor;
  }
  /// Edge of a grid cell actually used (m).
  [[nodiscard]] double cellSize() const noexcept { return m_cell; }

  /// Points inside `box_world` grown by `margin` on each side of each axis
  /// (box frame: |local| <= size / 2 + margin). Index order.
  [[nodiscard]] std::vector<std::uint32_t> pointsInBox(const Cuboid& box_world,
                                                       const Eigen::Vector3d& margin) const;
  /// Same, with one margin on all axes.
  [[nodiscard]] std::vector<std::uint32_t> pointsInBox(const Cuboid& box_world,
                                                       double margin = 0.0) const;

  /// Points within `radius` (3D, boundary included) of `center`. Appends to
  /// `out` so region growing can reuse one buffer.
  void pointsInRadius(const Eigen::Vector3d& center, double radius,
                      std::vector<std::uint32_t>& out) const;
  /// Points within `radius` (3D) of `center`.
  [[nodiscard]] std::vector<std::uint32_t> pointsInRadius(const Eigen::Vector3d& center,
                                                          double radius) const;

 private:
  // Calls visit(i) for every point whose cell overlaps the xy rectangle.
  template <class Visit>
  void forEachInRect(double minX, double minY, double maxX, double maxY, Visit&& visit) const;

  std::vector<float> m_x, m_y, m_z;
  std::vector<std::uint32_t> m_source;
  // m_cellStart[c] .. m_cellStart[c + 1] is the slice of cell c; size cells + 1.
  std::vector<std::uint32_t> m_cellStart;
  Eigen::Isometry3d m_T_world_sensor = Eigen::Isometry3d::Identity();
  double m_originX = 0.0, m_originY = 0.0, m_cell = 0.5;
  std::int64_t m_nx = 0, m_ny = 0;
};

}  // namespace fuselabel
