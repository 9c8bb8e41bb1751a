#pragma once
// Commands that restructure tracks: merge two, split one.

#include <optional>
#include <utility>

#include "core/annotation/commands/command.hpp"

namespace fuselabel {

/// Base of commands that rewrite whole tracks: keeps each touched track
/// before and after, so apply/revert are swaps.
class TracksChangeCommand : public Command {
 public:
  Result<void> apply(Document& document) final;
  void revert(Document& document) final;
  [[nodiscard]] std::size_t memoryBytes() const final;
  void collectTouched(std::vector<ObjectId>& out) const final;

 protected:
  /// One track's new state; nullopt deletes the object.
  using TrackChange = std::pair<ObjectId, std::optional<Track>>;
  /// The new state of every touched track, computed from the document.
  virtual Result<std::vector<TrackChange>> compute(const Document& document) = 0;

 private:
  bool m_computed = false;
  std::vector<TrackChange> m_before;
  std::vector<TrackChange> m_after;
};

/// Merges track `absorbed` into `kept`: kept gains every instance at a frame
/// where it has none (its own instances win where both have one), and the
/// absorbed object is deleted. Fixes an ID switch in one step.
class MergeTracksCommand final : public TracksChangeCommand {
 public:
  /// Merges `absorbed` into `kept`.
  MergeTracksCommand(ObjectId kept, ObjectId absorbed) : m_kept(kept), m_absorbed(absorbed) {}
  [[nodiscard]] std::string description() const override { return m_description; }

 private:
  Result<std::vector<TrackChange>> compute(const Document& document) override;
  ObjectId m_kept;
  ObjectId m_absorbed;
  std::string m_description;
};

/// Splits a track at a frame: instances at `frame` and later move to a new
/// object with the same class and static attributes; a sequence-wide
/// (kStaticFrame) instance stays. Both parts must keep at least one instance.
class SplitTrackCommand final : public TracksChangeCommand {
 public:
  /// Splits `id` at `frame`; the new object gets `newId` / `newNumber`, or the
  /// document's next unused ones when not given.
  SplitTrackCommand(ObjectId id, FrameIndex frame, std::optional<ObjectId> newId = std::nullopt,
                    std::optional<std::int32_t> newNumber = std::nullopt)
      : m_id(id), m_frame(frame), m_newId(newId), m_newNumber(newNumber) {}
  [[nodiscard]] std::string description() const override { return m_description; }

 private:
  Result<std::vector<TrackChange>> compute(const Document& document) override;
  ObjectId m_id;
  FrameIndex m_frame;
  std::optional<ObjectId> m_newId;
  std::optional<std::int32_t> m_newNumber;
  std::string m_description;
};

}  // namespace fuselabel
