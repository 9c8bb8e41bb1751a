#pragma once
// Auto-fit: snap a rough cuboid to the LiDAR points of the object it
// surrounds. The steps are local ground removal, rejecting clutter that is
// not connected to the object, an L-shape fit for heading and position in
// bird's-eye view, and height from the ground to the highest point. A track's
// known size is kept and the box anchored on the faces the sensor sees.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <Eigen/Core>

#include "core/annotation/label_schema.hpp"
#include "core/fitting/ground_plane.hpp"
#include "core/fitting/sweep_index.hpp"
#include "core/geometry/cuboid.hpp"
#include "core/util/result.hpp"

namespace fuselabel {

/// How fitCuboid and oneClickCuboid look at the points.
struct FitOptions {
  /// The size to keep (a track's size, m); unset: size from the points.
  std::optional<Eigen::Vector3d> knownSize;
  /// Size bounds of the object's class; clamps a size taken from the points,
  /// and its typical length and width are the least a size from points gets.
  std::optional<SizePrior> sizePrior;
  /// Where the rays come from (world, m), to tell visible faces from hidden
  /// ones; unset: the SweepIndex's sensor origin.
  std::optional<Eigen::Vector3d> sensorOrigin;
  /// Fewer object points than this is an error.
  std::size_t minPoints = 10;
  /// The rough box is grown by this much in x and y (m) to find the object:
  /// a rough box is off by up to half a metre and ten degrees.
  double margin = 1.0;
  /// Width of the ring beyond the margin whose points give the ground (m).
  double groundRing = 2.0;
  /// Vertical slack above and below the rough box (m), for sloped ground.
  double zMargin = 1.0;
  /// Points less than this above the local ground are ground (m); above a
  /// kerb, below a bumper.
  double groundClearance = 0.25;
  /// Headings searched on each side of the rough yaw (rad); π/4 covers every
  /// rectangle orientation, the 90° ambiguity then resolved toward the rough
  /// heading.
  double yawSearch = 0.7853981633974483;
  /// Points closer than this (m, bird's-eye view) belong to one object...
  double clusterTolerance = 0.4;
  /// ...or closer than this times their range (rad), for sparse far objects.
  double clusterTolerancePerMetre = 0.012;
  /// One-click: neighbours may be this far apart vertically (m) when within
  /// the cluster tolerance across; rows on a roof at a grazing angle are.
  double clusterVerticalReach = 1.0;
  /// One-click: the seed is the nearest object point within this of the click (m).
  double seedRadius = 1.0;
  /// One-click: grow from every object point within seedRadius, not only the
  /// nearest. For a click on the middle of a vehicle seen end-on, whose near
  /// face and far roof edge are scanned metres apart with nothing between.
  bool seedFromAllNear = false;
  /// One-click: half width of the square whose points give the local ground (m).
  double groundRadius = 10.0;
  /// One-click: a cluster wider than this (m) is a wall or a building, not an object.
  double maxClusterExtent = 20.0;
  /// One-click: a cluster with more points than this is rejected the same way.
  std::size_t maxClusterPoints = 30000;
};

/// A fitted box and how much to trust it.
struct CuboidFit {
  /// The fitted box (world).
  Cuboid box;
  /// Object points the fit used.
  std::size_t points = 0;
  /// 0 (do not trust) .. 1: more points, points hugging the box edges, and
  /// points inside the box all raise it.
  double quality = 0.0;
  /// Local ground height under the box centre (world z, m).
  double groundHeight = 0.0;
};

/// The box whose points fitCuboid reads: `rough` grown by margin + groundRing
/// in x and y and zMargin in z. Exposed so a caller (or a benchmark) can select
/// the same points some other way.
[[nodiscard]] Cuboid fitSearchRegion(const Cuboid& rough, const FitOptions& options);

/// The points of `sweep` in fitSearchRegion(rough, options): their indices
/// (SweepIndex order, for per-point data such as capture times) and positions.
struct FitCandidates {
  std::vector<std::uint32_t> ids;
  std::vector<Eigen::Vector3d> points;
};
[[nodiscard]] FitCandidates fitCandidates(const SweepIndex& sweep, const Cuboid& rough,
                                          const FitOptions& options);

/// Fits `rough` to the points of `sweep`: fitCandidates() go to
/// fitCuboidToCandidates(). An error names the point count when fewer than
/// options.minPoints object points are found.
[[nodiscard]] Result<CuboidFit> fitCuboid(const SweepIndex& sweep, const Cuboid& rough,
                                          const FitOptions& options = {});

/// The fit on already selected world points (those in fitSearchRegion(),
/// others are ignored): ground from the ring outside rough + margin, object
/// points inside it and above the ground, clutter not connected to the part
/// inside the rough box dropped, then fitObjectPoints(). `sensorOrigin` is
/// used when options.sensorOrigin is unset.
[[nodiscard]] Result<CuboidFit> fitCuboidToCandidates(std::span<const Eigen::Vector3d> candidates,
                                                      const Cuboid& rough,
                                                      const FitOptions& options,
                                                      const Eigen::Vector3d& sensorOrigin);

/// The last step, on one object's points (world, ground removed): L-shape
/// heading within yawHint ± options.yawSearch, resolved toward yawHint over the
/// 90° ambiguity; size known, or from the points clamped by the prior (length
/// and width no shorter than its typical size, since points under-measure);
/// a box longer than the seen points anchored on the face seen from
/// `sensorOrigin`, or where both ends are seen edge-on, as near
/// `preferredCenter` (xy; default: the middle of the points) as the points
/// allow; the bottom on `ground`. An error when fewer than options.minPoints points.
[[nodiscard]] Result<CuboidFit> fitObjectPoints(
    std::span<const Eigen::Vector3d> objectPoints, const GroundPlane& ground, double yawHint,
    const FitOptions& options, const Eigen::Vector3d& sensorOrigin,
    const std::optional<Eigen::Vector2d>& preferredCenter = std::nullopt);

}  // namespace fuselabel
