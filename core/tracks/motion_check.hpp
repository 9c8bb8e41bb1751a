#pragma once
// Motion sanity of tracks: speeds, accelerations, yaw rates, heading flips
// and size changes a physical object cannot have, so QA and the UI can point
// at the frames where a label is wrong.

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/annotation/document.hpp"
#include "core/annotation/label_schema.hpp"

namespace fuselabel {

/// What is implausible.
enum class MotionIssue { Speed, Acceleration, YawRate, HeadingFlip, SizeChange, BelowGround };

/// One implausible value, at the later frame of the pair it was measured on.
struct MotionFinding {
  /// Object.
  ObjectId id;
  /// Frame.
  FrameIndex frame = 0;
  /// Kind of problem.
  MotionIssue issue = MotionIssue::Speed;
  /// Measured value (m/s, m/s², rad/s, rad, m).
  double value = 0.0;
  /// The limit it broke.
  double limit = 0.0;
  /// Sentence naming the track and frame ("car 12, frame 40: speed 93.1 m/s > 70 m/s").
  std::string message;
};

/// Ground height (m, world z) under a point at a frame; nullopt where unknown.
using GroundHeight = std::function<std::optional<double>(FrameIndex frame, double x, double y)>;

/// Settings of the checks.
struct MotionCheckOptions {
  /// Schema with each class's limits; nullptr: the built-in one.
  const LabelSchema* schema = nullptr;
  /// A size component may change by this much within a rigid track (m).
  double sizeTolerance = 0.10;
  /// A box bottom this far below the ground is flagged (m).
  double belowGroundTolerance = 0.20;
  /// Ground under the boxes; empty: the below-ground check is skipped.
  GroundHeight ground;
};

/// Checks every cuboid track of `document` (instances of consecutive frames,
/// timed by the document's frame times). Empty when the document has no frame times.
[[nodiscard]] std::vector<MotionFinding> checkTrackMotion(const Document& document,
                                                          const MotionCheckOptions& options);

/// Name of an issue ("speed", "acceleration", "yaw_rate", "heading_flip", "size_change",
/// "below_ground").
[[nodiscard]] std::string_view toString(MotionIssue issue) noexcept;

}  // namespace fuselabel
