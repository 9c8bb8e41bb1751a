#pragma once
// Geometric proposals of one sweep, with no model: ground removed
// (segmentGround), the rest clustered (clusterPoints), each cluster judged
// (ClusterJudge: fitted with the auto-fit's L-shape and classed by its
// size). Clusters no road user explains — walls, hedges, buildings, kerbs,
// canopies — are rejected, each for a named reason, unless a car stands
// in them at bumper height (splitAtLowBand): a car under a tree.

#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/annotation/label_schema.hpp"
#include "core/fitting/cuboid_fit.hpp"
#include "core/fitting/sweep_index.hpp"
#include "core/prelabel/cluster_shape.hpp"
#include "core/prelabel/clustering.hpp"
#include "core/prelabel/ground_segmentation.hpp"
#include "core/prelabel/low_band_split.hpp"
#include "core/prelabel/proposal.hpp"

namespace fuselabel {

/// How proposeFromSweep finds and judges clusters.
struct GeometricProposalOptions {
  /// Ground segmentation.
  GroundSegmentationOptions ground;
  /// Clustering of the points above the ground.
  ClusteringOptions clustering;
  /// The per-cluster fit (minPoints, groundClearance and yawSearch are used).
  FitOptions fit;
  /// Points nearer the sensor than this (xy, m) are the ego vehicle's own body.
  double minRange = 2.5;
  /// Points higher than this above the ground are left out (m): canopies,
  /// bridges and signs would otherwise join the objects under them.
  double maxHeight = 4.0;
  /// A cluster longer than this in bird's-eye view is a wall or a building (m).
  double maxExtent = 20.0;
  /// A cluster whose top is less than this above the ground is a kerb or grass (m).
  double minTop = 0.5;
  /// A size off the guessed class's maximum by more than this factor (on a
  /// seen axis) fits no road user: a hedge, a fence, a building corner.
  double maxOversize = 1.15;
  /// Classes proposed (schema names); empty: every vehicle and vru class.
  std::vector<std::string> classes;
  /// Proposals less confident than this are dropped.
  double minConfidence = 0.05;
  /// The shape cues each proposal carries (Proposal::structureCues).
  ClusterShapeOptions shape;
  /// How a cluster rejected as tall, oversize or of no class is searched
  /// for the cars and vans in it (splitAtLowBand): a car under a tree.
  LowBandSplitOptions lowBand;
  /// A cluster proposed as a vehicle 6 m or longer is searched too when it
  /// is wider than this (m; road vehicles are at most 2.55 m wide)...
  double widestRoadVehicle = 3.0;
  /// ...and becomes the cars found when they hold at most this share of its
  /// points between the band and a car's roof; more, and it is one vehicle
  /// seen whole only over its bumpers (a bus behind parked cars).
  double maxCarShareOfLongVehicle = 0.5;
};

/// Counts of what happened to the clusters of one sweep, for the user.
struct ProposalStats {
  std::size_t points = 0;         ///< points in the sweep
  std::size_t groundPoints = 0;   ///< of which ground
  double groundResidual = 0.0;    ///< mean |height| of the ground points over their plane (m)
  std::size_t clusters = 0;       ///< clusters found
  std::size_t tooBig = 0;         ///< rejected as walls or buildings
  std::size_t tooLow = 0;         ///< rejected as kerbs or low clutter
  std::size_t tooTall = 0;        ///< rejected: the foot of a building, tree or pole
  std::size_t noClass = 0;        ///< rejected: no class explains the size
  std::size_t otherClass = 0;     ///< a class not asked for (static objects)
  std::size_t lowConfidence = 0;  ///< under minConfidence
  std::size_t failedFits = 0;     ///< too few object points for the fit
  std::size_t splitCars = 0;      ///< cars and vans found by splitting a cluster at its low band
};

/// Why a cluster was not proposed.
enum class ClusterRejection {
  TooBig,         ///< wider than maxExtent: a wall or a building
  TooLow,         ///< top under minTop: a kerb, grass
  TooTall,        ///< reaches the height cut with points above: a building, tree or pole
  NoClass,        ///< no class explains its size
  Oversize,       ///< past the guessed class's largest size: a hedge, a fence
  OtherClass,     ///< a class not asked for
  LowConfidence,  ///< under minConfidence
  FailedFit,      ///< too few object points for the fit
};

/// A cluster that was not proposed, so a person (or a test) can see why.
struct RejectedCluster {
  /// Bird's-eye bounds of its points (world, m).
  Eigen::Vector2d lo = Eigen::Vector2d::Zero(), hi = Eigen::Vector2d::Zero();
  /// Its points.
  std::size_t points = 0;
  ClusterRejection reason = ClusterRejection::TooBig;
};

/// The proposals of one sweep and the counts behind them.
struct SweepProposals {
  std::vector<Proposal> proposals;
  ProposalStats stats;
  /// The clusters rejected, each with its reason.
  std::vector<RejectedCluster> rejected;
};

/// Whether `spec` is proposed under `classes` (empty: vehicle and vru categories).
[[nodiscard]] bool isProposedClass(const ClassSpec& spec, const std::vector<std::string>& classes);

/// Finds, fits and classifies the objects of `sweep` (classes from `schema`).
[[nodiscard]] SweepProposals proposeFromSweep(const SweepIndex& sweep, const LabelSchema& schema,
                                              const GeometricProposalOptions& options = {});

}  // namespace fuselabel
