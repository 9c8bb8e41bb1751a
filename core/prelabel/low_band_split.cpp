#include "core/prelabel/low_band_split.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace fuselabel {
namespace {

/// A band point of a piece, filed under its bird's-eye cell.
struct BandPoint {
  std::uint64_t cell;
  double x, y;
  std::uint32_t piece;
};

std::uint64_t cellKey(std::int64_t ix, std::int64_t iy) {
  return (static_cast<std::uint64_t>(ix) << 32) ^ static_cast<std::uint32_t>(iy);
}

}  // namespace

std::vector<std::vector<std::uint32_t>> splitAtLowBand(const SweepIndex& sweep,
                                                       const GroundSegmentation& ground,
                                                       std::span<const std::uint32_t> cluster,
                                                       const ClusteringOptions& clustering,
                                                       const LowBandSplitOptions& options) {
  std::vector<std::uint32_t> band;
  for (std::uint32_t i : cluster) {
    const double h = ground.heightAboveGround(i);
    if (h >= options.bandLow && h <= options.bandHigh) band.push_back(i);
  }
  ClusteringOptions bandClustering = clustering;
  bandClustering.minPoints = options.minBandPoints;
  std::vector<std::vector<std::uint32_t>> pieces = clusterIndices(sweep, band, bandClustering);
  if (pieces.empty() || !(options.attachRadius > 0.0)) return pieces;

  // Band points by cell of the attach radius: the points within the radius
  // of any point are in its cell's 3 × 3 neighbourhood.
  const double inv = 1.0 / options.attachRadius;
  const auto cellOf = [&](double x, double y) {
    return std::pair<std::int64_t, std::int64_t>{static_cast<std::int64_t>(std::floor(x * inv)),
                                                 static_cast<std::int64_t>(std::floor(y * inv))};
  };
  std::vector<BandPoint> filed;
  for (std::uint32_t p = 0; p < pieces.size(); ++p)
    for (std::uint32_t i : pieces[p]) {
      const Eigen::Vector3d q = sweep.point(i);
      const auto [ix, iy] = cellOf(q.x(), q.y());
      filed.push_back({cellKey(ix, iy), q.x(), q.y(), p});
    }
  std::sort(filed.begin(), filed.end(),
            [](const BandPoint& a, const BandPoint& b) { return a.cell < b.cell; });

  const double radius2 = options.attachRadius * options.attachRadius;
  for (std::uint32_t i : cluster) {
    const double h = ground.heightAboveGround(i);
    if (h > options.maxHeight || (h >= options.bandLow && h <= options.bandHigh)) continue;
    const Eigen::Vector3d q = sweep.point(i);
    const auto [ix, iy] = cellOf(q.x(), q.y());
    double best = radius2;
    std::uint32_t owner = std::numeric_limits<std::uint32_t>::max();
    for (std::int64_t dy = -1; dy <= 1; ++dy)
      for (std::int64_t dx = -1; dx <= 1; ++dx) {
        const std::uint64_t key = cellKey(ix + dx, iy + dy);
        auto it = std::lower_bound(filed.begin(), filed.end(), key,
                                   [](const BandPoint& b, std::uint64_t k) { return b.cell < k; });
        for (; it != filed.end() && it->cell == key; ++it) {
          const double ex = q.x() - it->x, ey = q.y() - it->y;
          const double d2 = ex * ex + ey * ey;
          if (d2 <= best) best = d2, owner = it->piece;
        }
      }
    if (owner != std::numeric_limits<std::uint32_t>::max()) pieces[owner].push_back(i);
  }
  for (auto& piece : pieces)
    std::sort(piece.begin(), piece.end());
  std::stable_sort(pieces.begin(), pieces.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return pieces;
}

bool looksLikeACarBody(const GroundSegmentation& ground, std::span<const std::uint32_t> piece,
                       const LowBandSplitOptions& options) {
  std::size_t inBand = 0, overBand = 0;
  for (std::uint32_t i : piece) {
    const double h = ground.heightAboveGround(i);
    if (h > options.bandHigh)
      ++overBand;
    else if (h >= options.bandLow)
      ++inBand;
  }
  return inBand > 0 &&
         static_cast<double>(overBand) <= options.maxShareOverBand * static_cast<double>(inBand);
}

}  // namespace fuselabel
