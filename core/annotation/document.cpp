#include "core/annotation/document.hpp"

#include <algorithm>

#include "core/annotation/document_editor.hpp"

namespace fuselabel {

namespace {

template <class Tracks>
auto findTrack(Tracks& tracks, ObjectId id) {
  auto it = std::lower_bound(tracks.begin(), tracks.end(), id,
                             [](const Track& t, ObjectId key) { return t.object.id < key; });
  return (it != tracks.end() && it->object.id == id) ? &*it : nullptr;
}

template <class Instances>
auto findInstance(Instances& instances, FrameIndex frame) {
  auto it = std::lower_bound(instances.begin(), instances.end(), frame,
                             [](const Instance& i, FrameIndex key) { return i.frame < key; });
  return (it != instances.end() && it->frame == frame) ? &*it : nullptr;
}

}  // namespace

// ---------------------------------------------------------------- Track --

const Instance* Track::at(FrameIndex frame) const noexcept {
  return findInstance(instances, frame);
}

std::size_t Track::heapBytes() const noexcept {
  std::size_t bytes = object.className.capacity() + object.attributes.heapBytes() +
                      instances.capacity() * sizeof(Instance);
  for (const Instance& i : instances)
    bytes += i.heapBytes();
  return bytes;
}

// ------------------------------------------------------------- Document --

std::size_t Document::instanceCount() const noexcept {
  std::size_t n = 0;
  for (const Track& t : m_tracks)
    n += t.instances.size();
  return n;
}

const Track* Document::track(ObjectId id) const noexcept {
  return findTrack(m_tracks, id);
}

const Object* Document::object(ObjectId id) const noexcept {
  const Track* t = track(id);
  return t != nullptr ? &t->object : nullptr;
}

const Instance* Document::instance(ObjectId id, FrameIndex frame) const noexcept {
  const Track* t = track(id);
  return t != nullptr ? t->at(frame) : nullptr;
}

const Object* Document::objectByNumber(std::int32_t number) const noexcept {
  // Linear: documents hold hundreds of objects, and an index would need
  // maintaining through every command.
  for (const Track& t : m_tracks) {
    if (t.object.number == number) return &t.object;
  }
  return nullptr;
}

ObjectId Document::unusedObjectId() const noexcept {
  return ObjectId{m_tracks.empty() ? 1 : m_tracks.back().object.id.value + 1};
}

std::int32_t Document::unusedNumber() const noexcept {
  std::int32_t largest = 0;
  for (const Track& t : m_tracks)
    largest = std::max(largest, t.object.number);
  return largest + 1;
}

// ------------------------------------------------------- DocumentEditor --

Track* DocumentEditor::track(ObjectId id) noexcept {
  return findTrack(m_doc.m_tracks, id);
}

Instance* DocumentEditor::instance(ObjectId id, FrameIndex frame) noexcept {
  Track* t = track(id);
  return t != nullptr ? findInstance(t->instances, frame) : nullptr;
}

bool DocumentEditor::insertTrack(Track track) {
  auto& tracks = m_doc.m_tracks;
  const auto it = std::lower_bound(tracks.begin(), tracks.end(), track.object.id,
                                   [](const Track& t, ObjectId key) { return t.object.id < key; });
  if (it != tracks.end() && it->object.id == track.object.id) return false;
  tracks.insert(it, std::move(track));
  return true;
}

void DocumentEditor::appendTrackInOrder(Track track) {
  m_doc.m_tracks.push_back(std::move(track));
}

std::optional<Track> DocumentEditor::removeTrack(ObjectId id) {
  auto& tracks = m_doc.m_tracks;
  const auto it = std::lower_bound(tracks.begin(), tracks.end(), id,
                                   [](const Track& t, ObjectId key) { return t.object.id < key; });
  if (it == tracks.end() || it->object.id != id) return std::nullopt;
  Track removed = std::move(*it);
  tracks.erase(it);
  return removed;
}

void DocumentEditor::replaceTrack(Track replacement) {
  if (Track* t = track(replacement.object.id)) *t = std::move(replacement);
}

std::optional<Instance> DocumentEditor::putInstance(ObjectId id, Instance instance) {
  Track* t = track(id);
  if (t == nullptr) return std::nullopt;
  auto& list = t->instances;
  const auto it = std::lower_bound(list.begin(), list.end(), instance.frame,
                                   [](const Instance& i, FrameIndex key) { return i.frame < key; });
  if (it != list.end() && it->frame == instance.frame) {
    std::optional<Instance> previous = std::move(*it);
    *it = std::move(instance);
    return previous;
  }
  list.insert(it, std::move(instance));
  return std::nullopt;
}

std::optional<Instance> DocumentEditor::removeInstance(ObjectId id, FrameIndex frame) {
  Track* t = track(id);
  if (t == nullptr) return std::nullopt;
  auto& list = t->instances;
  const auto it = std::lower_bound(list.begin(), list.end(), frame,
                                   [](const Instance& i, FrameIndex key) { return i.frame < key; });
  if (it == list.end() || it->frame != frame) return std::nullopt;
  std::optional<Instance> removed = std::move(*it);
  list.erase(it);
  return removed;
}

}  // namespace fuselabel
