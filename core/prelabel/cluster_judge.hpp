#pragma once
// What one cluster of a sweep is: a proposal of a road-user class, or a
// cluster no road user explains, with the reason. Too wide (a wall), too
// low (a kerb) or reaching up into more points (the foot of a building, a
// tree, a pole); otherwise fitted with the auto-fit's L-shape, classed by
// its size, refitted with that class's size prior, and given the shape
// cues that speak against a road user.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <Eigen/Core>

#include "core/annotation/label_schema.hpp"
#include "core/fitting/sweep_index.hpp"
#include "core/prelabel/cluster_shape.hpp"
#include "core/prelabel/geometric_proposals.hpp"
#include "core/prelabel/ground_segmentation.hpp"
#include "core/prelabel/proposal.hpp"

namespace fuselabel {

/// What became of one cluster: a proposal, or why not.
struct ClusterVerdict {
  std::optional<Proposal> proposal;
  /// Set when there is no proposal.
  RejectedCluster rejected;
};

/// Judges clusters (point indices into one sweep) with the sweep's ground.
class ClusterJudge {
 public:
  ClusterJudge(const SweepIndex& sweep, const GroundSegmentation& ground, const LabelSchema& schema,
               const GeometricProposalOptions& options);

  [[nodiscard]] ClusterVerdict operator()(std::span<const std::uint32_t> cluster);

 private:
  /// Measured once, when the first proposal needs it: one pass over the sweep.
  const SweepView& view();

  const SweepIndex& m_sweep;
  const GroundSegmentation& m_ground;
  const LabelSchema& m_schema;
  const GeometricProposalOptions& m_options;
  Eigen::Vector3d m_origin;
  std::optional<SweepView> m_view;
  std::vector<Eigen::Vector3d> m_points;
};

}  // namespace fuselabel
