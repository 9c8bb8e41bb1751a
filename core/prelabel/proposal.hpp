#pragma once
// A pre-labeling proposal: one box in one frame that a machine (geometry or a
// detector) suggests and a person will accept, fix or reject.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/annotation/instance.hpp"
#include "core/geometry/cuboid.hpp"

namespace fuselabel {

/// One proposed box.
struct Proposal {
  /// The box (world).
  Cuboid box;
  /// Schema class name.
  std::string className;
  /// How much to trust it, in [0, 1]: a detector's score, or for geometry
  /// the class guess's share times the fit quality.
  double confidence = 0.0;
  /// LiDAR points the box was fitted to (0 for a detection).
  std::size_t points = 0;
  /// What its cluster's shape says against a road user (StructureCue bits
  /// of cluster_shape.hpp; 0 for a detection).
  std::uint8_t structureCues = 0;
};

/// The proposals of one frame.
struct FrameProposals {
  /// Frame of the sequence.
  FrameIndex frame = 0;
  /// Its capture time (s, any origin shared by the frames).
  double timeS = 0.0;
  /// Boxes proposed in it.
  std::vector<Proposal> proposals;
};

}  // namespace fuselabel
