#pragma once
// Ground segmentation of one sweep: every point labelled ground or not.
//
// One plane for the whole sweep fails on real roads: they crown, climb and
// dip, and a kerb is a 15 cm step, so a single RANSAC plane leaves the far
// road above or below it (ground clusters that look like objects, or low
// objects cut in half). Here the sweep is split into a polar grid around the
// sensor (rings that widen with range, as the beams do, and fixed sectors)
// and each bin gets its own plane, fitted to its lowest points. A bin's plane
// is only trusted when it is not steep and continues the ground of the bin
// inside it (same sector, one ring nearer the sensor) within a step a kerb
// or a slope can make; otherwise the inner bin's plane is carried outward.
// This is the concentric-zone idea of Patchwork (Lim et al., RA-L 2021) in
// its simplest form.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/fitting/ground_plane.hpp"
#include "core/fitting/sweep_index.hpp"

namespace fuselabel {

/// How segmentGround splits the sweep and judges each bin.
struct GroundSegmentationOptions {
  /// Points farther than this from the sensor (xy, m) are left out (not ground).
  double maxRange = 120.0;
  /// Ring width near the sensor (m)...
  double ringWidth = 1.0;
  /// ...growing with range as this fraction of the ring's inner radius, since
  /// beams spread apart and a far bin needs more ground to hold enough points.
  double ringGrowth = 0.06;
  /// Sectors of the polar grid (3.75° each for 96).
  int sectors = 96;
  /// The bin's lowest points that seed its plane: the mean height of this
  /// many lowest points...
  int lowestPoints = 10;
  /// ...plus this margin (m) admits a point as a seed.
  double seedMargin = 0.25;
  /// A seed within this distance of the refitted plane stays a seed (m).
  double inlierDistance = 0.12;
  /// Steepest bin plane accepted (rise over run); roads stay under 0.15.
  double maxSlope = 0.25;
  /// Largest height change (m) accepted between a bin and the bin inside
  /// it, plus maxSlope times the distance between their centres: a kerb, not
  /// a car's flank.
  double maxStep = 0.25;
  /// A point less than this above its bin's plane is ground (m).
  double groundClearance = 0.2;
  /// Points more than this under their bin's plane (m) are noise under the
  /// road: ground, but left out of the residual.
  double belowGround = 0.5;
};

/// Which points are ground, and the planes that said so.
class GroundSegmentation {
 public:
  /// Whether point i (SweepIndex order) is ground.
  [[nodiscard]] bool isGround(std::uint32_t i) const { return m_ground[i] != 0; }
  /// Height of point i above its local ground (m); NaN beyond maxRange.
  [[nodiscard]] float heightAboveGround(std::uint32_t i) const { return m_height[i]; }
  /// The local ground plane under (x, y) (world): the plane of the bin there,
  /// or of the nearest ring inside maxRange.
  [[nodiscard]] GroundPlane planeAt(double x, double y) const;
  /// Number of ground points.
  [[nodiscard]] std::size_t groundCount() const noexcept { return m_groundCount; }
  /// Mean |height above the local plane| of the ground points (m), those more
  /// than belowGround under it left out: how well the planes follow the
  /// ground, the figure to compare against one plane.
  [[nodiscard]] double meanGroundResidual() const noexcept { return m_meanResidual; }
  /// Bins whose own plane was accepted (the rest carried an inner plane).
  [[nodiscard]] std::size_t fittedBins() const noexcept { return m_fittedBins; }

 private:
  friend GroundSegmentation segmentGround(const SweepIndex&, const GroundSegmentationOptions&);

  [[nodiscard]] int binOf(double x, double y) const;

  std::vector<std::uint8_t> m_ground;
  std::vector<float> m_height;
  std::vector<GroundPlane> m_planes;  // per bin, ring-major
  std::vector<double> m_ringStart;    // inner radius of each ring, plus the outer end
  Eigen::Vector2d m_origin = Eigen::Vector2d::Zero();
  int m_sectors = 1;
  std::size_t m_groundCount = 0;
  std::size_t m_fittedBins = 0;
  double m_meanResidual = 0.0;
};

/// Labels every point of `sweep` as ground or not, around its sensor origin.
[[nodiscard]] GroundSegmentation segmentGround(const SweepIndex& sweep,
                                               const GroundSegmentationOptions& options = {});

}  // namespace fuselabel
