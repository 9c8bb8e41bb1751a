#include "core/annotation/commands/batch_command.hpp"

#include "core/annotation/commands/instance_commands.hpp"

namespace fuselabel {

Result<void> BatchCommand::apply(Document& document) {
  for (std::size_t i = 0; i < m_children.size(); ++i) {
    Result<void> done = m_children[i]->apply(document);
    if (!done) {
      while (i > 0)
        m_children[--i]->revert(document);
      return done.error().withContext(m_description);
    }
  }
  return success();
}

void BatchCommand::revert(Document& document) {
  for (auto it = m_children.rbegin(); it != m_children.rend(); ++it)
    (*it)->revert(document);
}

std::size_t BatchCommand::memoryBytes() const {
  std::size_t bytes =
      sizeof(*this) + m_description.capacity() + m_children.capacity() * sizeof(void*);
  for (const auto& child : m_children)
    bytes += child->memoryBytes();
  return bytes;
}

void BatchCommand::collectTouched(std::vector<ObjectId>& out) const {
  for (const auto& child : m_children)
    child->collectTouched(out);
}

void BatchCommand::appendApplied(std::unique_ptr<Command> child) {
  if (!m_children.empty() && m_children.back()->mergeWith(*child)) return;
  m_children.push_back(std::move(child));
}

std::unique_ptr<Command> makeFillTrackCommand(const Document& document, ObjectId id,
                                              std::vector<Instance> instances) {
  std::string description =
      "Fill " + objectLabel(document, id) + " (" + std::to_string(instances.size()) + " frames)";
  std::vector<std::unique_ptr<Command>> children;
  children.reserve(instances.size());
  for (Instance& instance : instances)
    children.push_back(std::make_unique<PutInstanceCommand>(id, std::move(instance)));
  return std::make_unique<BatchCommand>(std::move(description), std::move(children));
}

std::unique_ptr<Command> makeAcceptProposalsCommand(const Document& document,
                                                    std::optional<ObjectId> id, FrameIndex first,
                                                    FrameIndex last) {
  std::vector<std::unique_ptr<Command>> children;
  for (const Track& track : document.tracks()) {
    if (id && track.object.id != *id) continue;
    for (const Instance& instance : track.instances) {
      if (instance.source == InstanceSource::Proposal && instance.frame >= first &&
          instance.frame <= last) {
        children.push_back(
            std::make_unique<AcceptInstanceCommand>(track.object.id, instance.frame));
      }
    }
  }
  if (children.empty()) return nullptr;
  std::string description = "Accept " + std::to_string(children.size()) + " proposals" +
                            (id ? " of " + objectLabel(document, *id) : std::string());
  return std::make_unique<BatchCommand>(std::move(description), std::move(children));
}

}  // namespace fuselabel
