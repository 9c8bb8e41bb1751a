#pragma once
// The configurable quality rules `fuselabel-cli validate` runs: the schema
// checks (core/annotation/schema_validation.hpp) and motion checks
// (core/tracks/motion_check.hpp) plus the rules below, each with a level
// (off, warning, error) that defaults can set and a JSON file or the command
// line can override.
//
// Rules (name: what it flags; default level). The first four need the
// sweeps (`validate --points`; a BoxEvidenceFunction here):
//   empty_box           a cuboid with no LiDAR point inside (error)
//   few_points          fewer than min_points inside, but some (warning)
//   below_ground        box bottom more than below_ground_m under the local
//                       ground (plane fitted to the points around the box) (error)
//   floating            box bottom more than floating_m above that ground (warning)
//   overlap             two boxes of one frame with 3D IoU above max_overlap_iou (error)
//   track_gap           a track missing from more than max_gap_frames frames
//                       between its first and last box (warning)
//   lane_self_crossing  a polyline whose bird's-eye segments cross (error)
// and, by the names of the schema and motion findings:
//   unknown_class, wrong_geometry, missing_attribute, unknown_attribute,
//   wrong_attribute_scope, invalid_attribute_value, invalid_size,
//   size_outside_prior, invalid_polyline, invalid_vertex_value (their schema
//   severity), speed, acceleration, yaw_rate, heading_flip, size_change (warning).
//
// Override file (JSON), every key optional:
//   {"rules": {"floating": "error", "track_gap": "off"},
//    "min_points": 5, "below_ground_m": 0.2, "floating_m": 0.3,
//    "max_overlap_iou": 0.1, "max_gap_frames": 0, "size_change_m": 0.1}

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/annotation/document.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/annotation/schema_validation.hpp"
#include "core/util/result.hpp"

namespace fuselabel {

/// Level of a rule: off, or the severity of its findings.
enum class RuleLevel : std::uint8_t { Off, Warning, Error };

/// Rule levels and thresholds.
struct QualityRuleConfig {
  /// Level per rule name; a rule not listed keeps its default.
  std::map<std::string, RuleLevel, std::less<>> levels;
  /// few_points: a box with fewer points than this (and at least one).
  std::size_t minPoints = 5;
  /// below_ground: tolerance (m).
  double belowGroundM = 0.20;
  /// floating: tolerance (m).
  double floatingM = 0.30;
  /// overlap: largest 3D IoU two boxes of one frame may have.
  double maxOverlapIou = 0.10;
  /// track_gap: longest run of missing frames inside a track that is not flagged.
  int maxGapFrames = 0;
  /// size_change: a size component may change this much between frames (m).
  double sizeChangeM = 0.10;
};

/// The default level of `rule`; nullopt for a name that is no rule.
[[nodiscard]] std::optional<RuleLevel> defaultRuleLevel(std::string_view rule);

/// Every rule name, in the order the header lists them.
[[nodiscard]] const std::vector<std::string>& qualityRuleNames();

/// Parses "off", "warning", "error".
[[nodiscard]] std::optional<RuleLevel> parseRuleLevel(std::string_view text) noexcept;

/// Applies an override file's JSON text to `config`; errors name `sourceName` and the key.
[[nodiscard]] Result<QualityRuleConfig> applyRuleOverrides(QualityRuleConfig config,
                                                           std::string_view json,
                                                           std::string_view sourceName);

/// Applies one "rule=level" override (the command line's --rule).
[[nodiscard]] Result<QualityRuleConfig> applyRuleOverride(QualityRuleConfig config,
                                                          std::string_view assignment);

/// One finding of a rule.
struct QualityFinding {
  /// Rule name ("below_ground", "speed", "missing_attribute", ...).
  std::string rule;
  /// Kind shown by validate: the schema kind, "implausible_motion" for the
  /// motion rules, else the rule name.
  std::string kind;
  /// Error or warning.
  FindingSeverity severity = FindingSeverity::Error;
  /// Object concerned.
  ObjectId object;
  /// Frame concerned; nullopt for object-level findings.
  std::optional<FrameIndex> frame;
  /// Sentence naming the object, the frame and the reason.
  std::string message;
};

/// What the point cloud says about one box.
struct BoxEvidence {
  /// LiDAR points inside the box.
  std::size_t pointsInside = 0;
  /// Ground height (world z) under the box centre, from the points around it.
  std::optional<double> groundHeight;
};

/// The evidence for a box of `track` at `instance` (nullopt: no sweep for it).
using BoxEvidenceFunction =
    std::function<std::optional<BoxEvidence>(const Track& track, const Instance& instance)>;

/// Runs every rule that is not off. `evidence` may be empty: the point and
/// ground rules are then skipped. Findings are in object, then frame order.
[[nodiscard]] std::vector<QualityFinding> runQualityRules(const Document& document,
                                                          const LabelSchema& schema,
                                                          const QualityRuleConfig& config,
                                                          const BoxEvidenceFunction& evidence);

/// True when the bird's-eye segments of `line` cross (non-adjacent segments).
[[nodiscard]] bool polylineCrossesItself(const Polyline& line);

}  // namespace fuselabel
