#pragma once
// Euclidean clustering of a sweep's object points, as connected components
// of a fine bird's-eye-view grid. Two occupied cells are connected when they
// lie within the clustering tolerance of each other (in cells), and that
// tolerance widens with range because neighbouring beams and columns spread
// apart: a fixed tolerance either splits far cars or merges near ones. Cells
// whose height ranges are far apart are not connected, so a branch over a car
// or a sign over a pedestrian stays apart from it. A cell grid costs one pass
// over the points plus a few neighbour lookups per occupied cell, where a
// k-d tree radius search per point (PCL's EuclideanClusterExtraction) costs a
// tree query per point.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/fitting/sweep_index.hpp"

namespace fuselabel {

/// How clusterPoints connects points.
struct ClusteringOptions {
  /// Grid cell edge (m); the tolerance is rounded to whole cells.
  double cellSize = 0.15;
  /// Points this close (m, bird's-eye view) are connected near the sensor...
  double tolerance = 0.3;
  /// ...and this close times their range (rad) far away.
  double tolerancePerMetre = 0.012;
  /// Largest vertical gap (m) between the height ranges of two connected cells.
  double verticalGap = 0.8;
  /// Points beyond this range (xy, m) from the sensor are left out.
  double maxRange = 80.0;
  /// Clusters with fewer points are dropped.
  std::size_t minPoints = 5;
};

/// Groups the points of `sweep` whose `use` entry is non-zero (SweepIndex
/// order, one entry per point) into clusters, each a list of point indices;
/// clusters with at least options.minPoints points, largest first.
[[nodiscard]] std::vector<std::vector<std::uint32_t>> clusterPoints(
    const SweepIndex& sweep, std::span<const std::uint8_t> use,
    const ClusteringOptions& options = {});

/// The same over the points listed in `indices` (SweepIndex order, each
/// once): what a cluster falls into when only some of its points count.
[[nodiscard]] std::vector<std::vector<std::uint32_t>> clusterIndices(
    const SweepIndex& sweep, std::span<const std::uint32_t> indices,
    const ClusteringOptions& options = {});

}  // namespace fuselabel
