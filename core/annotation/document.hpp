#pragma once
// The annotation document: every object and instance of one sequence.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/annotation/audit_log.hpp"
#include "core/annotation/object.hpp"

namespace fuselabel {

/// Which label schema the document was made with.
struct SchemaReference {
  /// Schema name ("driving").
  std::string name;
  /// Schema version the labels were made against.
  std::int32_t version = 0;
  /// Where the schema file was loaded from; empty for the built-in one.
  std::string path;
  /// Exact equality.
  friend bool operator==(const SchemaReference&, const SchemaReference&) = default;
};

/// Which recording the labels belong to.
struct DatasetReference {
  /// Dataset layout ("kitti_tracking", "nuscenes", "manifest", ...).
  std::string format;
  /// Dataset root as the user gave it.
  std::string path;
  /// Sequence (scene, drive, log) name inside the dataset.
  std::string sequence;
  /// Exact equality.
  friend bool operator==(const DatasetReference&, const DatasetReference&) = default;
};

/// What a document is about; set when it is created or loaded.
struct DocumentInfo {
  /// Label schema.
  SchemaReference schema;
  /// Dataset and sequence.
  DatasetReference dataset;
  /// Capture time of each frame (ns), index = FrameIndex; may be empty when
  /// the sequence is unknown.
  std::vector<std::int64_t> frameTimestampsNs;
  /// Exact equality.
  friend bool operator==(const DocumentInfo&, const DocumentInfo&) = default;
};

class DocumentEditor;

/// Objects and their tracks for one sequence. Read-only to the world: every
/// change goes through a Command (core/annotation/commands/), which edits the
/// document through DocumentEditor, so undo, the journal and the "modified"
/// flag can never be bypassed.
class Document {
 public:
  /// An empty document.
  Document() = default;
  /// An empty document about `info`.
  explicit Document(DocumentInfo info) : m_info(std::move(info)) {}

  /// Schema, dataset and frame times.
  [[nodiscard]] const DocumentInfo& info() const noexcept { return m_info; }
  /// Every track, sorted by object id.
  [[nodiscard]] std::span<const Track> tracks() const noexcept { return m_tracks; }
  /// Number of objects.
  [[nodiscard]] std::size_t objectCount() const noexcept { return m_tracks.size(); }
  /// Total number of instances over all tracks.
  [[nodiscard]] std::size_t instanceCount() const noexcept;

  /// The track of `id`, or nullptr.
  [[nodiscard]] const Track* track(ObjectId id) const noexcept;
  /// The object `id`, or nullptr.
  [[nodiscard]] const Object* object(ObjectId id) const noexcept;
  /// The instance of `id` at `frame`, or nullptr.
  [[nodiscard]] const Instance* instance(ObjectId id, FrameIndex frame) const noexcept;
  /// The object whose human-readable number is `number`, or nullptr.
  [[nodiscard]] const Object* objectByNumber(std::int32_t number) const noexcept;

  /// An id no object in the document uses (one above the largest). Derived
  /// from the content rather than a counter, so undo restores it exactly.
  [[nodiscard]] ObjectId unusedObjectId() const noexcept;
  /// A track number no object uses (one above the largest).
  [[nodiscard]] std::int32_t unusedNumber() const noexcept;

  /// Who changed or reviewed what and when, oldest first (audit_log.hpp).
  [[nodiscard]] std::span<const AuditEntry> audit() const noexcept { return m_audit; }

  /// Exact equality of info and every track: the property undo is tested
  /// against. The audit log is history, not content, and is not compared.
  friend bool operator==(const Document& a, const Document& b) {
    return a.m_info == b.m_info && a.m_tracks == b.m_tracks;
  }

 private:
  friend class DocumentEditor;

  DocumentInfo m_info;
  std::vector<Track> m_tracks;  // sorted by object id
  std::vector<AuditEntry> m_audit;
};

}  // namespace fuselabel
