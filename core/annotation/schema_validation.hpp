#pragma once
// Checking labels against a schema. Labels that do not fit are reported as
// findings and left in the document: hours of work are never dropped because
// a schema changed.

#include <optional>
#include <string>
#include <vector>

#include "core/annotation/document.hpp"
#include "core/annotation/label_schema.hpp"

namespace fuselabel {

/// How bad a finding is: errors fail `validate`, warnings are shown.
enum class FindingSeverity : std::uint8_t { Warning, Error };

/// What kind of mismatch a finding reports.
enum class FindingKind : std::uint8_t {
  UnknownClass,           ///< the class is not in the schema
  WrongGeometry,          ///< a polyline on a cuboid class or the reverse
  MissingAttribute,       ///< a required attribute is not set
  UnknownAttribute,       ///< an attribute the class does not define
  WrongAttributeScope,    ///< a static attribute set per frame or the reverse
  InvalidAttributeValue,  ///< wrong type, value not in the enum, number out of range
  InvalidSize,            ///< a box with a non-positive or non-finite size, centre or rotation
  SizeOutsidePrior,       ///< a box outside the class's plausible size range
  InvalidPolyline,     ///< fewer than two points, non-finite points, mismatched per-vertex values
  InvalidVertexValue,  ///< a per-vertex value the class does not allow
  ImplausibleMotion,   ///< speed, acceleration, yaw rate, flip or size change a track cannot have
};

/// One problem with one object or instance.
struct Finding {
  /// Error or warning.
  FindingSeverity severity = FindingSeverity::Error;
  /// What is wrong.
  FindingKind kind = FindingKind::UnknownClass;
  /// Object concerned.
  ObjectId object;
  /// Frame concerned; nullopt for object-level findings.
  std::optional<FrameIndex> frame;
  /// Full sentence, e.g. "car #3 at frame 12: size 0 x 1.8 x 1.5 is not positive".
  std::string message;
};

/// Short name of a finding kind ("unknown_class", ...), for reports and JSON.
[[nodiscard]] std::string_view toString(FindingKind kind) noexcept;

/// Appends the findings for one track (object and its instances) to `out`.
void validateTrack(const Track& track, const LabelSchema& schema, std::vector<Finding>& out);

/// Every finding of the document against `schema`, in object then frame order.
[[nodiscard]] std::vector<Finding> validateDocument(const Document& document,
                                                    const LabelSchema& schema);

}  // namespace fuselabel
