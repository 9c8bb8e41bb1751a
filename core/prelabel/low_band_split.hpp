#pragma once
// What a cluster is made of at bumper height. A parked car under a tree is
// one cluster with the tree: the canopy comes down to its roof and a low
// branch or a bush touches its side, so the cluster is rejected as tall or
// proposed as a 6 m "construction vehicle". Between 0.25 and 1.1 m over the
// ground the same car is alone: a canopy does not come that low and a trunk
// there is a thin post apart from the car. Clustering that band alone and
// giving each band piece the points above and below it (up to a car's
// height, within a cell of its band points) takes the car back out.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/fitting/sweep_index.hpp"
#include "core/prelabel/clustering.hpp"
#include "core/prelabel/ground_segmentation.hpp"

namespace fuselabel {

/// How splitAtLowBand cuts a cluster.
struct LowBandSplitOptions {
  /// The band clustered alone, in height over the ground (m): over kerbs and
  /// low grass, under canopies and car roofs.
  double bandLow = 0.25;
  double bandHigh = 1.1;
  /// Points farther than this (bird's-eye view, m) from every band point of
  /// a piece do not join it: a canopy over the middle of the roof stays out.
  double attachRadius = 0.3;
  /// Points higher than this over the ground join no piece (m): a canopy.
  double maxHeight = 2.0;
  /// Band pieces with fewer points are left out (a trunk, a post).
  std::size_t minBandPoints = 15;
  /// A car's piece has fewer points over the band than this share of its
  /// points in it (looksLikeACarBody).
  double maxShareOverBand = 0.4;
};

/// Splits `cluster` (SweepIndex point indices) into the pieces its points
/// between options.bandLow and options.bandHigh over the ground form
/// (clustered with `clustering`), each with the cluster's other points under
/// options.maxHeight that lie within options.attachRadius of its band points.
/// Points joining no piece are left out. Largest piece first; empty when the
/// band holds no piece.
[[nodiscard]] std::vector<std::vector<std::uint32_t>> splitAtLowBand(
    const SweepIndex& sweep, const GroundSegmentation& ground,
    std::span<const std::uint32_t> cluster, const ClusteringOptions& clustering,
    const LowBandSplitOptions& options = {});

/// Whether `piece` (from splitAtLowBand) has a car's profile rather than a
/// wall's or a fence's: over its doors a car is glass, which returns few
/// points, and a roof the sensor sees at a grazing angle, so its points over
/// the band are fewer than options.maxShareOverBand of those in it (0.1-0.2
/// on Argoverse 2's cars under trees). A wall or a fence is as solid up to
/// its top as at its foot (1.0-2.2 there).
[[nodiscard]] bool looksLikeACarBody(const GroundSegmentation& ground,
                                     std::span<const std::uint32_t> piece,
                                     const LowBandSplitOptions& options = {});

}  // namespace fuselabel
