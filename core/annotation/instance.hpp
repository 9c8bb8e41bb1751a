#pragma once
// An object's geometry in one frame, with where it came from and whether a
// person reviewed it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/annotation/attributes.hpp"
#include "core/annotation/polyline.hpp"
#include "core/geometry/cuboid.hpp"

namespace fuselabel {

/// Frame number within the sequence (0-based).
using FrameIndex = std::int32_t;

/// Frame of a sequence-wide instance: a static lane or a static object has one
/// instance that holds for every frame.
inline constexpr FrameIndex kStaticFrame = -1;

/// Where an instance came from. Only keyframes are ground truth a person
/// vouched for; the rest can be recomputed from them.
enum class InstanceSource : std::uint8_t { Keyframe, Interpolated, Predicted, Fitted, Proposal };

/// Review state of one instance. NeedsFix: flagged by a tool (consensus,
/// validation) before any person looked; Fixed: the annotator corrected a
/// rejected instance and it waits for the reviewer again.
enum class ReviewState : std::uint8_t { Unreviewed, Accepted, Rejected, NeedsFix, Fixed };

/// File and UI name of a source ("keyframe", "interpolated", ...).
[[nodiscard]] std::string_view toString(InstanceSource source) noexcept;
/// File and UI name of a review state ("unreviewed", "accepted", "rejected",
/// "needs_fix", "fixed").
[[nodiscard]] std::string_view toString(ReviewState review) noexcept;
/// Parses a source name written by toString(); nullopt for anything else.
[[nodiscard]] std::optional<InstanceSource> parseInstanceSource(std::string_view text) noexcept;
/// Parses a review state name written by toString(); nullopt for anything else.
[[nodiscard]] std::optional<ReviewState> parseReviewState(std::string_view text) noexcept;

/// A cuboid (boxes) or a polyline (lanes), in `world`.
using Geometry = std::variant<Cuboid, Polyline>;

/// Exact equality of two cuboids (bitwise-equal numbers), the notion undo
/// and file round trips are tested against.
[[nodiscard]] bool sameCuboid(const Cuboid& a, const Cuboid& b) noexcept;
/// Exact equality of two geometries.
[[nodiscard]] bool sameGeometry(const Geometry& a, const Geometry& b) noexcept;

/// A person's verdict on one instance: who, when, and why.
struct Review {
  ReviewState state = ReviewState::Unreviewed;
  /// Who set the state (the GUI's --user, else the login name); empty when
  /// a tool set it or nobody did.
  std::string reviewer;
  /// When, in UTC ("2026-11-29T16:40:05Z"); empty with the reviewer.
  std::string time;
  /// Why: what a rejection asks the annotator to change.
  std::string comment;
  /// The spot in `world` the comment is about (a missed corner, a second
  /// object), drawn as a pin in the 3D view.
  std::optional<Eigen::Vector3d> pin;

  friend bool operator==(const Review&, const Review&) = default;
};

/// The object's geometry in one frame.
struct Instance {
  /// Frame this instance belongs to, or kStaticFrame for the whole sequence.
  FrameIndex frame = 0;
  /// Box or polyline in `world`.
  Geometry geometry;
  /// Per-frame attributes (occlusion, truncation, ...).
  Attributes attributes;
  /// Who or what produced the geometry.
  InstanceSource source = InstanceSource::Keyframe;
  /// Review state, reviewer, time and comment.
  Review review;
  /// Detector or fit confidence in [0, 1] when a machine produced it.
  std::optional<double> confidence;

  /// Approximate heap bytes held (for undo memory accounting).
  [[nodiscard]] std::size_t heapBytes() const noexcept;

  /// Exact equality of every field.
  friend bool operator==(const Instance& a, const Instance& b) noexcept;
};

}  // namespace fuselabel
