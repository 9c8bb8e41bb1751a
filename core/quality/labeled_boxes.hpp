#pragma once
// The cuboids of a document gathered per frame, with the object they belong
// to: the unit every quality measure (agreement, evaluation, consensus,
// overlap rules) compares.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/annotation/document.hpp"
#include "core/annotation/label_schema.hpp"

namespace fuselabel {

/// One cuboid instance and the object it belongs to.
struct LabeledBox {
  /// Object id in its document.
  ObjectId object;
  /// Human-readable track number ("car 12").
  std::int32_t number = 0;
  /// Class name.
  std::string className;
  /// Frame (kStaticFrame for a sequence-wide instance).
  FrameIndex frame = 0;
  /// The box in world.
  Cuboid box;
  /// Detector confidence, when given.
  std::optional<double> confidence;
};

/// Cuboid instances of `document` per frame, in object order within a frame.
/// Classes of the schema's "ignore" category (dont_care regions) are left out:
/// they mark areas, not objects. A sequence-wide instance stays at
/// kStaticFrame, so it is compared with the other side's sequence-wide ones.
[[nodiscard]] std::map<FrameIndex, std::vector<LabeledBox>> boxesByFrame(const Document& document,
                                                                         const LabelSchema& schema);

/// "car 12", the name findings and reports use for an object.
[[nodiscard]] std::string boxName(const LabeledBox& box);

}  // namespace fuselabel
