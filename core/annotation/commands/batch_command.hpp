#pragma once
// Several commands as one undo step, and the batch edits built from them.

#include <memory>
#include <string>
#include <vector>

#include "core/annotation/commands/command.hpp"

namespace fuselabel {

/// Applies its children in order and reverts them in reverse. If a child
/// fails, the ones already applied are reverted and the batch fails, so a
/// batch is all or nothing. The stack also uses it for open groups.
class BatchCommand final : public Command {
 public:
  /// An empty batch described as `description`.
  explicit BatchCommand(std::string description) : m_description(std::move(description)) {}
  /// A batch of `children`.
  BatchCommand(std::string description, std::vector<std::unique_ptr<Command>> children)
      : m_description(std::move(description)), m_children(std::move(children)) {}

  Result<void> apply(Document& document) override;
  void revert(Document& document) override;
  [[nodiscard]] std::string description() const override { return m_description; }
  [[nodiscard]] std::size_t memoryBytes() const override;
  void collectTouched(std::vector<ObjectId>& out) const override;

  /// Appends an already applied child (how a group grows); merges it into
  /// the last child when that one accepts it.
  void appendApplied(std::unique_ptr<Command> child);
  /// Number of children.
  [[nodiscard]] std::size_t size() const noexcept { return m_children.size(); }
  /// True when there are no children.
  [[nodiscard]] bool empty() const noexcept { return m_children.empty(); }

 private:
  std::string m_description;
  std::vector<std::unique_ptr<Command>> m_children;
};

/// "Fill a track": puts every instance in `instances` (interpolated,
/// predicted, fitted boxes) on object `id`, replacing those at the same frames.
[[nodiscard]] std::unique_ptr<Command> makeFillTrackCommand(const Document& document, ObjectId id,
                                                            std::vector<Instance> instances);

/// "Accept proposals": every proposal instance of object `id` (of every
/// object when `id` is nullopt) in frames [first, last] becomes an accepted
/// keyframe. Returns nullptr when there is nothing to accept.
[[nodiscard]] std::unique_ptr<Command> makeAcceptProposalsCommand(const Document& document,
                                                                  std::optional<ObjectId> id,
                                                                  FrameIndex first,
                                                                  FrameIndex last);

}  // namespace fuselabel
