#pragma once
// An object (one physical thing through time) and its track of instances.

#include <compare>
#include <cstdint>
#include <string>
#include <vector>

#include "core/annotation/attributes.hpp"
#include "core/annotation/instance.hpp"

namespace fuselabel {

/// Stable identity of an object inside a document. It never changes for the
/// life of the object (renumbering changes Object::number instead), so the
/// journal, selections and interchange mappings can hold it.
struct ObjectId {
  /// Positive value; 0 means "no object".
  std::int64_t value = 0;
  /// Ordered and comparable so it can key sorted containers.
  friend auto operator<=>(const ObjectId&, const ObjectId&) = default;
};

/// The per-object data that does not change from frame to frame.
struct Object {
  /// Stable id.
  ObjectId id;
  /// Short human-readable track number shown in the UI ("car 12"); unique
  /// among the document's objects; "change track id" edits this.
  std::int32_t number = 0;
  /// Schema class name ("car", "lane_solid"). Kept as text so a label whose
  /// class the schema lacks is reported, not dropped.
  std::string className;
  /// Static attributes (e.g. "parked", "emergency").
  Attributes attributes;

  /// Exact equality.
  friend bool operator==(const Object&, const Object&) = default;
};

/// An object with its instances sorted by frame (at most one per frame). A
/// per-object vector keeps a 2000-frame track contiguous: lookups are binary
/// searches and files are written in one pass.
struct Track {
  /// The object.
  Object object;
  /// Instances, strictly increasing in frame.
  std::vector<Instance> instances;

  /// The instance at `frame`, or nullptr.
  [[nodiscard]] const Instance* at(FrameIndex frame) const noexcept;
  /// Approximate heap bytes held (for undo memory accounting).
  [[nodiscard]] std::size_t heapBytes() const noexcept;

  /// Exact equality of the object and every instance.
  friend bool operator==(const Track&, const Track&) = default;
};

}  // namespace fuselabel
