#include "core/prelabel/clustering.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace fuselabel {
namespace {

struct Cell {
  std::int32_t ix = 0, iy = 0;
  float zMin = std::numeric_limits<float>::infinity();
  float zMax = -std::numeric_limits<float>::infinity();
};

std::uint32_t findRoot(std::vector<std::uint32_t>& parent, std::uint32_t a) {
  while (parent[a] != a) {
    parent[a] = parent[parent[a]];  // path halving
    a = parent[a];
  }
  return a;
}

}  // namespace

std::vector<std::vector<std::uint32_t>> clusterPoints(const SweepIndex& sweep,
                                                      std::span<const std::uint8_t> use,
                                                      const ClusteringOptions& options) {
  std::vector<std::uint32_t> indices;
  const std::size_t n = std::min(sweep.size(), use.size());
  for (std::uint32_t i = 0; i < n; ++i)
    if (use[i] != 0) indices.push_back(i);
  return clusterIndices(sweep, indices, options);
}

std::vector<std::vector<std::uint32_t>> clusterIndices(const SweepIndex& sweep,
                                                       std::span<const std::uint32_t> indices,
                                                       const ClusteringOptions& options) {
  std::vector<std::vector<std::uint32_t>> clusters;
  const std::size_t n = indices.size();
  if (n == 0 || !(options.cellSize > 0.0)) return clusters;
  const Eigen::Vector3d origin = sweep.sensorOrigin();
  const double inv = 1.0 / options.cellSize;
  const auto side = static_cast<std::int64_t>(std::ceil(2.0 * options.maxRange * inv)) + 1;
  const double x0 = origin.x() - options.maxRange, y0 = origin.y() - options.maxRange;
  const double maxRange2 = options.maxRange * options.maxRange;

  // Cells of the used points, within the range, over their bounding window only.
  std::vector<std::int64_t> keyOfPoint(n, -1);
  std::int64_t loX = side, loY = side, hiX = -1, hiY = -1;
  for (std::size_t i = 0; i < n; ++i) {
    const Eigen::Vector3d p = sweep.point(indices[i]);
    const double dx = p.x() - origin.x(), dy = p.y() - origin.y();
    if (dx * dx + dy * dy >= maxRange2) continue;
    const auto ix =
        std::clamp<std::int64_t>(static_cast<std::int64_t>((p.x() - x0) * inv), 0, side - 1);
    const auto iy =
        std::clamp<std::int64_t>(static_cast<std::int64_t>((p.y() - y0) * inv), 0, side - 1);
    keyOfPoint[i] = iy * side + ix;
    loX = std::min(loX, ix), hiX = std::max(hiX, ix);
    loY = std::min(loY, iy), hiY = std::max(hiY, iy);
  }
  if (hiX < 0) return clusters;
  const std::int64_t w = hiX - loX + 1, h = hiY - loY + 1;
  std::vector<std::int32_t> cellAt(static_cast<std::size_t>(w * h), -1);
  std::vector<Cell> cells;
  std::vector<std::int32_t> cellOfPoint(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    if (keyOfPoint[i] < 0) continue;
    const std::int64_t ix = keyOfPoint[i] % side - loX, iy = keyOfPoint[i] / side - loY;
    std::int32_t& slot = cellAt[static_cast<std::size_t>(iy * w + ix)];
    if (slot < 0) {
      slot = static_cast<std::int32_t>(cells.size());
      cells.push_back(Cell{static_cast<std::int32_t>(ix), static_cast<std::int32_t>(iy)});
    }
    Cell& cell = cells[static_cast<std::size_t>(slot)];
    cell.zMin = std::min(cell.zMin, sweep.z()[indices[i]]);
    cell.zMax = std::max(cell.zMax, sweep.z()[indices[i]]);
    cellOfPoint[i] = slot;
  }

  // Union-find over the cells. Each pair is looked at once, from the cell
  // that comes first in row-major order, with that cell's tolerance.
  std::vector<std::uint32_t> parent(cells.size());
  std::iota(parent.begin(), parent.end(), 0u);
  for (std::uint32_t c = 0; c < cells.size(); ++c) {
    const Cell& a = cells[c];
    const double cx = x0 + (a.ix + loX + 0.5) * options.cellSize - origin.x();
    const double cy = y0 + (a.iy + loY + 0.5) * options.cellSize - origin.y();
    const double tolerance =
        std::max(options.tolerance, options.tolerancePerMetre * std::hypot(cx, cy));
    const int k = std::max(1, static_cast<int>(std::lround(tolerance * inv)));
    const int reach2 = k * k + 1;  // a disc of radius k cells, corners trimmed
    for (int dy = 0; dy <= k; ++dy) {
      const std::int64_t ny = a.iy + dy;
      if (ny >= h) break;
      for (int dx = -k; dx <= k; ++dx) {
        if (dy == 0 && dx <= 0) continue;
        if (dx * dx + dy * dy > reach2) continue;
        const std::int64_t nx = a.ix + dx;
        if (nx < 0 || nx >= w) continue;
        const std::int32_t other = cellAt[static_cast<std::size_t>(ny * w + nx)];
        if (other < 0) continue;
        const Cell& b = cells[static_cast<std::size_t>(other)];
        const float gap = std::max(a.zMin - b.zMax, b.zMin - a.zMax);
        if (static_cast<double>(gap) > options.verticalGap) continue;
        const std::uint32_t ra = findRoot(parent, c);
        const std::uint32_t rb = findRoot(parent, static_cast<std::uint32_t>(other));
        if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);
      }
    }
  }

  // Points by root, then clusters by size.
  std::vector<std::int32_t> clusterOfRoot(cells.size(), -1);
  for (std::size_t i = 0; i < n; ++i) {
    if (cellOfPoint[i] < 0) continue;
    const std::uint32_t root = findRoot(parent, static_cast<std::uint32_t>(cellOfPoint[i]));
    std::int32_t& id = clusterOfRoot[root];
    if (id < 0) {
      id = static_cast<std::int32_t>(clusters.size());
      clusters.emplace_back();
    }
    clusters[static_cast<std::size_t>(id)].push_back(indices[i]);
  }
  std::erase_if(clusters, [&](const auto& cluster) { return cluster.size() < options.minPoints; });
  std::stable_sort(clusters.begin(), clusters.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return clusters;
}

}  // namespace fuselabel
