#pragma once
// Internal: the only way to mutate a Document. Included by commands and by
// loaders that build a document from a file; GUI and tool code go through
// commands instead.

#include <optional>

#include "core/annotation/document.hpp"

namespace fuselabel {

/// Raw mutation primitives on a document. No validation beyond keeping the
/// containers sorted and unique; commands check their preconditions first.
class DocumentEditor {
 public:
  /// Edits `document` for the lifetime of this editor.
  explicit DocumentEditor(Document& document) noexcept : m_doc(document) {}

  /// Replaces the document's info (loaders only).
  void setInfo(DocumentInfo info) { m_doc.m_info = std::move(info); }
  /// Mutable track of `id`, or nullptr.
  [[nodiscard]] Track* track(ObjectId id) noexcept;
  /// Mutable instance of `id` at `frame`, or nullptr.
  [[nodiscard]] Instance* instance(ObjectId id, FrameIndex frame) noexcept;
  /// Inserts a track whose id is not in the document yet; returns false (and
  /// changes nothing) when the id is taken.
  bool insertTrack(Track track);
  /// Appends a track whose id is larger than every present one; the fast path
  /// for loaders that read tracks in id order.
  void appendTrackInOrder(Track track);
  /// Removes and returns the track of `id`; nullopt when absent.
  std::optional<Track> removeTrack(ObjectId id);
  /// Replaces the whole track of an existing object id.
  void replaceTrack(Track track);
  /// Sets the instance for its frame on `id`'s track, returning the one it
  /// replaced. The object must exist.
  std::optional<Instance> putInstance(ObjectId id, Instance instance);
  /// Removes and returns the instance of `id` at `frame`.
  std::optional<Instance> removeInstance(ObjectId id, FrameIndex frame);
  /// Appends a line to the audit log (the command stack, loaders, recovery).
  void appendAudit(AuditEntry entry) { m_doc.m_audit.push_back(std::move(entry)); }

 private:
  Document& m_doc;
};

}  // namespace fuselabel
