#pragma once
// Cues in the shape of one cluster that it is part of a structure, not a
// road user: a tree canopy on its trunk, a stretch of building front, a
// post. On the generated scenes these passed the size check as static
// trucks, trailers and tall pedestrians and were most of the tracks an
// annotator had to reject. One cue can be wrong in one frame (a car behind a
// car shows no low points), so a track is judged by the share of its
// proposals that show one (trackConfidence in track_finish.hpp).

#include <cstdint>
#include <numbers>
#include <span>

#include "core/annotation/label_schema.hpp"
#include "core/fitting/sweep_index.hpp"
#include "core/geometry/cuboid.hpp"
#include "core/prelabel/ground_segmentation.hpp"

namespace fuselabel {

/// Thresholds of the structure cues.
struct ClusterShapeOptions {
  /// Band over the ground where a vehicle's body and a person's legs are (m).
  double lowBandMin = 0.3;
  double lowBandMax = 1.5;
  /// Points higher than this over the ground are a canopy, a sign or the
  /// upper part of a tall vehicle (m).
  double highBandMin = 2.0;
  /// Floating: the high points span (bird's-eye diagonal) at least this (m)...
  double minHighSpan = 1.0;
  /// ...and the low points less than this share of it: a canopy on its
  /// trunk (a vehicle's body is as wide low as high).
  double floatingShare = 0.4;
  /// A flat face: its points lie within this across its longer side (m).
  double faceThickness = 0.25;
  /// Oblique face: a flat face wider than this (m)...
  double minFaceWidth = 1.5;
  /// ...seen more than this off its normal (rad), past its end: a box
  /// there would show a second side.
  double obliqueAngle = std::numbers::pi / 6.0;
  /// Long face: a flat face longer than this (m), with its top higher than
  /// `longFaceTop` over the ground (m) and more than `longFaceDistance` (m)
  /// from the sensor: a building front two lanes away or more.
  double longFaceLength = 4.0;
  double longFaceTop = 2.4;
  double longFaceDistance = 8.0;
  /// A person or rider whose points reach higher than this over the ground
  /// (m) is a trunk or a post.
  double maxPersonTop = 2.0;
  /// A top within this (rad) of the sweep's highest beam is cut off by the
  /// field of view: the object is taller than it is seen.
  double topCutMargin = 0.3 * std::numbers::pi / 180.0;
};

/// The cues, as bits.
enum StructureCue : std::uint8_t {
  kNoStructureCue = 0,
  kFloating = 1,     ///< wide high points on a thin stem or none: a canopy, a sign
  kObliqueFace = 2,  ///< one flat face seen where a box would show two
  kLongFace = 4,     ///< a long, tall flat face away from the road: a building front
  kTallPerson = 8,   ///< a person or rider reaching higher than people do: a trunk, a post
  kTopCut = 16,      ///< cut off by the field of view, of a class lower than the sensor
};

/// The sweep's highest beam: the greatest elevation (rad) of its points in
/// the sensor frame.
[[nodiscard]] double highestElevation(const SweepIndex& sweep);

/// Where the sweep was taken from, for the cues.
struct SweepView {
  /// highestElevation of the sweep (rad).
  double highestElevation = std::numbers::pi / 2.0;
  /// The sensor's height over the ground beneath it (m).
  double sensorHeight = 0.0;
};

/// The structure cues (StructureCue bits) of `cluster` (indices into
/// `sweep`), fitted as `box` of class `spec`.
[[nodiscard]] std::uint8_t structureCues(const SweepIndex& sweep, const GroundSegmentation& ground,
                                         std::span<const std::uint32_t> cluster, const Cuboid& box,
                                         const ClassSpec& spec, const SweepView& view,
                                         const ClusterShapeOptions& options = {});

}  // namespace fuselabel
