#include "core/annotation/commands/instance_commands.hpp"

#include <typeinfo>

#include "core/annotation/document_editor.hpp"

namespace fuselabel {

namespace {

std::string where(ObjectId id, FrameIndex frame) {
  return "object " + std::to_string(id.value) + " frame " + std::to_string(frame);
}

Result<Polyline*> editablePolyline(std::optional<Instance>& copy, const Instance* current,
                                   ObjectId id, FrameIndex frame) {
  if (current == nullptr) return Error{"vertex edit: no instance at " + where(id, frame)};
  copy = *current;
  auto* line = std::get_if<Polyline>(&copy->geometry);
  if (line == nullptr)
    return Error{"vertex edit: " + where(id, frame) + " is a cuboid, not a polyline"};
  return line;
}

}  // namespace

// ------------------------------------------------- InstanceChangeCommand --

Result<void> InstanceChangeCommand::apply(Document& document) {
  // A redo finds the document as the first apply did, so it replays the
  // stored result: after a merge, compute() alone would give only the first
  // step of the drag.
  if (!m_computed) {
    if (document.track(m_id) == nullptr)
      return Error{m_verb + ": no object " + std::to_string(m_id.value)};
    const Instance* current = document.instance(m_id, m_frame);
    Result<std::optional<Instance>> after = compute(current);
    if (!after) return after.error();
    m_label = objectLabel(document, m_id);
    m_before = current != nullptr ? std::optional<Instance>(*current) : std::nullopt;
    m_after = std::move(*after);
    if (m_after) m_after->frame = m_frame;  // these edits never move an instance to another frame
    m_computed = true;
  }
  DocumentEditor editor(document);
  if (m_after) {
    (void)editor.putInstance(m_id, *m_after);
  } else {
    (void)editor.removeInstance(m_id, m_frame);
  }
  return success();
}

void InstanceChangeCommand::revert(Document& document) {
  DocumentEditor editor(document);
  if (m_before) {
    (void)editor.putInstance(m_id, *m_before);
  } else {
    (void)editor.removeInstance(m_id, m_frame);
  }
}

std::string InstanceChangeCommand::description() const {
  return m_verb + " " + m_label +
         (m_frame == kStaticFrame ? std::string(" (all frames)")
                                  : " at frame " + std::to_string(m_frame));
}

std::size_t InstanceChangeCommand::memoryBytes() const {
  std::size_t bytes = sizeof(*this) + m_verb.capacity() + m_label.capacity();
  if (m_before) bytes += m_before->heapBytes();
  if (m_after) bytes += m_after->heapBytes();
  return bytes;
}

bool InstanceChangeCommand::mergeWith(const Command& next) {
  if (!m_mergeable || typeid(next) != typeid(*this)) return false;
  const auto& other = static_cast<const InstanceChangeCommand&>(next);
  if (other.m_id != m_id || other.m_frame != m_frame) return false;
  m_after = other.m_after;
  return true;
}

// ----------------------------------------------------------- subclasses --

PutInstanceCommand::PutInstanceCommand(ObjectId id, Instance instance)
    : InstanceChangeCommand(id, instance.frame, false, "Set"), m_instance(std::move(instance)) {}

Result<std::optional<Instance>> PutInstanceCommand::compute(const Instance* /*current*/) const {
  if (const auto* line = std::get_if<Polyline>(&m_instance.geometry);
      line != nullptr && !line->isConsistent()) {
    return Error{"set instance: per-vertex values do not match the points"};
  }
  return std::optional<Instance>(m_instance);
}

Result<std::optional<Instance>> RemoveInstanceCommand::compute(const Instance* current) const {
  if (current == nullptr)
    return Error{"remove instance: no instance at " + where(objectId(), frame())};
  return std::optional<Instance>();
}

Result<std::optional<Instance>> SetGeometryCommand::compute(const Instance* current) const {
  Instance next = current != nullptr ? *current : Instance{};
  next.geometry = m_geometry;
  if (m_markKeyframe || current == nullptr) next.source = InstanceSource::Keyframe;
  return std::optional<Instance>(std::move(next));
}

Result<std::optional<Instance>> SetSourceCommand::compute(const Instance* current) const {
  if (current == nullptr) return Error{"set source: no instance at " + where(objectId(), frame())};
  Instance next = *current;
  next.source = m_source;
  return std::optional<Instance>(std::move(next));
}

Result<std::optional<Instance>> SetReviewCommand::compute(const Instance* current) const {
  if (current == nullptr) return Error{"set review: no instance at " + where(objectId(), frame())};
  Instance next = *current;
  next.review = m_review;
  return std::optional<Instance>(std::move(next));
}

Result<std::optional<Instance>> AcceptInstanceCommand::compute(const Instance* current) const {
  if (current == nullptr) return Error{"accept: no instance at " + where(objectId(), frame())};
  Instance next = *current;
  next.source = InstanceSource::Keyframe;
  next.review.state = ReviewState::Accepted;
  return std::optional<Instance>(std::move(next));
}

Result<std::optional<Instance>> SetInstanceAttributeCommand::compute(
    const Instance* current) const {
  if (current == nullptr)
    return Error{"set attribute: no instance at " + where(objectId(), frame())};
  Instance next = *current;
  if (m_value) {
    next.attributes.set(m_name, *m_value);
  } else {
    next.attributes.erase(m_name);
  }
  return std::optional<Instance>(std::move(next));
}

Result<std::optional<Instance>> InsertVertexCommand::compute(const Instance* current) const {
  std::optional<Instance> next;
  Result<Polyline*> line = editablePolyline(next, current, objectId(), frame());
  if (!line) return line.error();
  Polyline& p = **line;
  if (m_index > p.points.size())
    return Error{"insert vertex: index " + std::to_string(m_index) + " out of range"};
  const auto at = static_cast<std::ptrdiff_t>(m_index);
  p.points.insert(p.points.begin() + at, m_point);
  if (!p.vertexValues.empty()) {
    std::string value = m_value ? *m_value : p.vertexValues[m_index > 0 ? m_index - 1 : 0];
    p.vertexValues.insert(p.vertexValues.begin() + at, std::move(value));
  }
  return next;
}

Result<std::optional<Instance>> MoveVertexCommand::compute(const Instance* current) const {
  std::optional<Instance> next;
  Result<Polyline*> line = editablePolyline(next, current, objectId(), frame());
  if (!line) return line.error();
  if (m_index >= (*line)->points.size()) {
    return Error{"move vertex: index " + std::to_string(m_index) + " out of range"};
  }
  (*line)->points[m_index] = m_point;
  return next;
}

Result<std::optional<Instance>> DeleteVertexCommand::compute(const Instance* current) const {
  std::optional<Instance> next;
  Result<Polyline*> line = editablePolyline(next, current, objectId(), frame());
  if (!line) return line.error();
  Polyline& p = **line;
  if (m_index >= p.points.size())
    return Error{"delete vertex: index " + std::to_string(m_index) + " out of range"};
  if (p.points.size() <= 2) return Error{"delete vertex: a polyline keeps at least two vertices"};
  const auto at = static_cast<std::ptrdiff_t>(m_index);
  p.points.erase(p.points.begin() + at);
  if (!p.vertexValues.empty()) p.vertexValues.erase(p.vertexValues.begin() + at);
  return next;
}

}  // namespace fuselabel
