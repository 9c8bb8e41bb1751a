#include "core/annotation/commands/track_commands.hpp"

#include <algorithm>

#include "core/annotation/document_editor.hpp"

namespace fuselabel {

namespace {

void writeTracks(Document& document,
                 const std::vector<std::pair<ObjectId, std::optional<Track>>>& states) {
  DocumentEditor editor(document);
  for (const auto& [id, state] : states) {
    (void)editor.removeTrack(id);
  }
  for (const auto& [id, state] : states) {
    if (state) editor.insertTrack(*state);
  }
}

}  // namespace

// --------------------------------------------------- TracksChangeCommand --

Result<void> TracksChangeCommand::apply(Document& document) {
  if (!m_computed) {
    Result<std::vector<TrackChange>> after = compute(document);
    if (!after) return after.error();
    m_after = std::move(*after);
    m_before.clear();
    for (const auto& [id, state] : m_after) {
      const Track* current = document.track(id);
      m_before.emplace_back(id, current != nullptr ? std::optional<Track>(*current) : std::nullopt);
    }
    m_computed = true;
  }
  writeTracks(document, m_after);
  return success();
}

void TracksChangeCommand::revert(Document& document) {
  writeTracks(document, m_before);
}

std::size_t TracksChangeCommand::memoryBytes() const {
  std::size_t bytes = sizeof(*this);
  for (const auto* list : {&m_before, &m_after}) {
    for (const auto& [id, state] : *list)
      bytes += sizeof(TrackChange) + (state ? state->heapBytes() : 0);
  }
  return bytes;
}

void TracksChangeCommand::collectTouched(std::vector<ObjectId>& out) const {
  for (const auto& [id, state] : m_after)
    out.push_back(id);
}

// ----------------------------------------------------------- MergeTracks --

Result<std::vector<TracksChangeCommand::TrackChange>> MergeTracksCommand::compute(
    const Document& document) {
  const Track* kept = document.track(m_kept);
  const Track* absorbed = document.track(m_absorbed);
  if (kept == nullptr || absorbed == nullptr || m_kept == m_absorbed) {
    return Error{"merge tracks: needs two different existing objects"};
  }
  m_description =
      "Merge " + objectLabel(document, m_absorbed) + " into " + objectLabel(document, m_kept);
  Track merged = *kept;
  std::vector<Instance> combined;
  combined.reserve(kept->instances.size() + absorbed->instances.size());
  // Both lists are sorted by frame; a merge walk keeps kept's instance on a tie.
  auto a = kept->instances.begin();
  auto b = absorbed->instances.begin();
  while (a != kept->instances.end() || b != absorbed->instances.end()) {
    if (b == absorbed->instances.end() || (a != kept->instances.end() && a->frame <= b->frame)) {
      if (b != absorbed->instances.end() && a->frame == b->frame) ++b;
      combined.push_back(*a++);
    } else {
      combined.push_back(*b++);
    }
  }
  merged.instances = std::move(combined);
  std::vector<TrackChange> changes;
  changes.emplace_back(m_kept, std::move(merged));
  changes.emplace_back(m_absorbed, std::nullopt);
  return changes;
}

// ------------------------------------------------------------ SplitTrack --

Result<std::vector<TracksChangeCommand::TrackChange>> SplitTrackCommand::compute(
    const Document& document) {
  const Track* source = document.track(m_id);
  if (source == nullptr) return Error{"split track: no object " + std::to_string(m_id.value)};
  const ObjectId newId = m_newId.value_or(document.unusedObjectId());
  const std::int32_t newNumber = m_newNumber.value_or(document.unusedNumber());
  if (newId.value <= 0 || document.track(newId) != nullptr) {
    return Error{"split track: id " + std::to_string(newId.value) + " is not free"};
  }
  if (document.objectByNumber(newNumber) != nullptr) {
    return Error{"split track: track number " + std::to_string(newNumber) + " is already in use"};
  }
  const auto firstMoved =
      std::lower_bound(source->instances.begin(), source->instances.end(), m_frame,
                       [](const Instance& i, FrameIndex key) { return i.frame < key; });
  if (firstMoved == source->instances.begin() || firstMoved == source->instances.end() ||
      m_frame <= 0) {
    return Error{"split track: " + objectLabel(document, m_id) +
                 " has no instances on both sides of frame " + std::to_string(m_frame)};
  }
  m_description = "Split " + objectLabel(document, m_id) + " at frame " + std::to_string(m_frame);
  Track head;
  head.object = source->object;
  head.instances.assign(source->instances.begin(), firstMoved);
  Track tail;
  tail.object = source->object;
  tail.object.id = newId;
  tail.object.number = newNumber;
  tail.instances.assign(firstMoved, source->instances.end());
  std::vector<TrackChange> changes;
  changes.emplace_back(m_id, std::move(head));
  changes.emplace_back(newId, std::move(tail));
  return changes;
}

}  // namespace fuselabel
