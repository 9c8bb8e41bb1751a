#include "core/annotation/commands/object_commands.hpp"

#include "core/annotation/document_editor.hpp"

namespace fuselabel {

namespace {

std::size_t valueBytes(const std::optional<AttributeValue>& value) {
  if (!value) return 0;
  const auto* text = std::get_if<std::string>(&*value);
  return text != nullptr ? text->capacity() : 0;
}

}  // namespace

std::string objectLabel(const Document& document, ObjectId id) {
  if (const Object* o = document.object(id)) return o->className + " #" + std::to_string(o->number);
  return "object " + std::to_string(id.value);
}

// ------------------------------------------------------------ AddObject --

Result<void> AddObjectCommand::apply(Document& document) {
  if (m_track.object.id.value <= 0) return Error{"add object: the id must be positive"};
  if (document.track(m_track.object.id) != nullptr) {
    return Error{"add object: id " + std::to_string(m_track.object.id.value) +
                 " is already in use"};
  }
  if (document.objectByNumber(m_track.object.number) != nullptr) {
    return Error{"add object: track number " + std::to_string(m_track.object.number) +
                 " is already in use"};
  }
  DocumentEditor(document).insertTrack(m_track);
  return success();
}

void AddObjectCommand::revert(Document& document) {
  (void)DocumentEditor(document).removeTrack(m_track.object.id);
}

std::string AddObjectCommand::description() const {
  return "Add " + m_track.object.className + " #" + std::to_string(m_track.object.number);
}

std::size_t AddObjectCommand::memoryBytes() const {
  return sizeof(*this) + m_track.heapBytes();
}

// --------------------------------------------------------- DeleteObject --

Result<void> DeleteObjectCommand::apply(Document& document) {
  if (document.track(m_id) == nullptr)
    return Error{"delete object: no object " + std::to_string(m_id.value)};
  m_label = objectLabel(document, m_id);
  m_removed = DocumentEditor(document).removeTrack(m_id);
  return success();
}

void DeleteObjectCommand::revert(Document& document) {
  if (m_removed) DocumentEditor(document).insertTrack(std::move(*m_removed));
  m_removed.reset();
}

std::string DeleteObjectCommand::description() const {
  return "Delete " + m_label;
}

std::size_t DeleteObjectCommand::memoryBytes() const {
  return sizeof(*this) + (m_removed ? m_removed->heapBytes() : 0);
}

// ------------------------------------------------------------- SetClass --

Result<void> SetClassCommand::apply(Document& document) {
  Track* t = DocumentEditor(document).track(m_id);
  if (t == nullptr) return Error{"set class: no object " + std::to_string(m_id.value)};
  m_label = objectLabel(document, m_id);
  m_before = t->object.className;
  t->object.className = m_after;
  return success();
}

void SetClassCommand::revert(Document& document) {
  if (Track* t = DocumentEditor(document).track(m_id)) t->object.className = m_before;
}

std::string SetClassCommand::description() const {
  return "Change " + m_label + " to " + m_after;
}

std::size_t SetClassCommand::memoryBytes() const {
  return sizeof(*this) + m_after.capacity() + m_before.capacity() + m_label.capacity();
}

// --------------------------------------------------- ChangeTrackNumber --

Result<void> ChangeTrackNumberCommand::apply(Document& document) {
  Track* t = DocumentEditor(document).track(m_id);
  if (t == nullptr) return Error{"change track id: no object " + std::to_string(m_id.value)};
  const Object* holder = document.objectByNumber(m_after);
  if (holder != nullptr && holder->id != m_id) {
    return Error{"change track id: #" + std::to_string(m_after) + " is already used by " +
                 objectLabel(document, holder->id)};
  }
  m_before = t->object.number;
  t->object.number = m_after;
  return success();
}

void ChangeTrackNumberCommand::revert(Document& document) {
  if (Track* t = DocumentEditor(document).track(m_id)) t->object.number = m_before;
}

std::string ChangeTrackNumberCommand::description() const {
  return "Renumber #" + std::to_string(m_before) + " to #" + std::to_string(m_after);
}

// ---------------------------------------------------- SetObjectAttribute --

Result<void> SetObjectAttributeCommand::apply(Document& document) {
  Track* t = DocumentEditor(document).track(m_id);
  if (t == nullptr) return Error{"set attribute: no object " + std::to_string(m_id.value)};
  m_label = objectLabel(document, m_id);
  const AttributeValue* current = t->object.attributes.find(m_name);
  m_before = current != nullptr ? std::optional<AttributeValue>(*current) : std::nullopt;
  if (m_after) {
    t->object.attributes.set(m_name, *m_after);
  } else {
    t->object.attributes.erase(m_name);
  }
  return success();
}

void SetObjectAttributeCommand::revert(Document& document) {
  Track* t = DocumentEditor(document).track(m_id);
  if (t == nullptr) return;
  if (m_before) {
    t->object.attributes.set(m_name, *m_before);
  } else {
    t->object.attributes.erase(m_name);
  }
}

std::string SetObjectAttributeCommand::description() const {
  return m_after ? "Set " + m_name + " of " + m_label + " to " + toDisplayString(*m_after)
                 : "Clear " + m_name + " of " + m_label;
}

std::size_t SetObjectAttributeCommand::memoryBytes() const {
  return sizeof(*this) + m_name.capacity() + m_label.capacity() + valueBytes(m_after) +
         valueBytes(m_before);
}

}  // namespace fuselabel
