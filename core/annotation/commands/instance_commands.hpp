#pragma once
// Commands on one instance (one object in one frame): put, remove, geometry,
// source (the keyframe flag), review state, per-frame attributes, and the
// polyline vertex edits.

#include <optional>
#include <string>

#include "core/annotation/commands/command.hpp"

namespace fuselabel {

/// Base of every command that changes one (object, frame) instance: it keeps
/// the instance before and after, so apply/revert are a swap and consecutive
/// edits of the same instance can merge into one undo step.
class InstanceChangeCommand : public Command {
 public:
  Result<void> apply(Document& document) final;
  void revert(Document& document) final;
  [[nodiscard]] std::string description() const final;
  [[nodiscard]] std::size_t memoryBytes() const final;
  void collectTouched(std::vector<ObjectId>& out) const final { out.push_back(m_id); }
  /// Merges `next` when it is the same kind of edit on the same instance and
  /// this kind is continuous (geometry, vertex moves).
  bool mergeWith(const Command& next) final;

  /// The object edited.
  [[nodiscard]] ObjectId objectId() const noexcept { return m_id; }
  /// The frame edited.
  [[nodiscard]] FrameIndex frame() const noexcept { return m_frame; }

 protected:
  /// Edits instance (`id`, `frame`); `mergeable` lets consecutive edits of
  /// the same kind fold into one step; `verb` starts the description.
  InstanceChangeCommand(ObjectId id, FrameIndex frame, bool mergeable, std::string verb)
      : m_id(id), m_frame(frame), m_mergeable(mergeable), m_verb(std::move(verb)) {}

  /// The instance after the edit given the current one (nullptr when the
  /// object has no instance at the frame); nullopt result removes it.
  virtual Result<std::optional<Instance>> compute(const Instance* current) const = 0;

 private:
  ObjectId m_id;
  FrameIndex m_frame;
  bool m_mergeable;
  bool m_computed = false;
  std::string m_verb;
  std::string m_label;
  std::optional<Instance> m_before;
  std::optional<Instance> m_after;
};

/// Adds the instance at its frame, or replaces the one there.
class PutInstanceCommand final : public InstanceChangeCommand {
 public:
  /// Puts `instance` on object `id`.
  PutInstanceCommand(ObjectId id, Instance instance);

 private:
  Result<std::optional<Instance>> compute(const Instance* current) const override;
  Instance m_instance;
};

/// Removes the instance at a frame.
class RemoveInstanceCommand final : public InstanceChangeCommand {
 public:
  /// Removes object `id`'s instance at `frame`.
  RemoveInstanceCommand(ObjectId id, FrameIndex frame)
      : InstanceChangeCommand(id, frame, false, "Remove") {}

 private:
  Result<std::optional<Instance>> compute(const Instance* current) const override;
};

/// Sets an instance's geometry (a move, resize or rotation of a box, or a
/// whole new polyline). A person placing geometry makes it a keyframe unless
/// told otherwise; a missing instance is created.
class SetGeometryCommand final : public InstanceChangeCommand {
 public:
  /// Sets object `id`'s geometry at `frame`; `markKeyframe` sets source to keyframe.
  SetGeometryCommand(ObjectId id, FrameIndex frame, Geometry geometry, bool markKeyframe = true)
      : InstanceChangeCommand(id, frame, true, "Edit"),
        m_geometry(std::move(geometry)),
        m_markKeyframe(markKeyframe) {}

 private:
  Result<std::optional<Instance>> compute(const Instance* current) const override;
  Geometry m_geometry;
  bool m_markKeyframe;
};

/// Sets an instance's source; setting Keyframe is the "keyframe flag".
class SetSourceCommand final : public InstanceChangeCommand {
 public:
  /// Sets the source of object `id` at `frame`.
  SetSourceCommand(ObjectId id, FrameIndex frame, InstanceSource source)
      : InstanceChangeCommand(id, frame, false, "Mark " + std::string(toString(source))),
        m_source(source) {}

 private:
  Result<std::optional<Instance>> compute(const Instance* current) const override;
  InstanceSource m_source;
};

/// Sets an instance's review: state, reviewer, time, comment and pin.
class SetReviewCommand final : public InstanceChangeCommand {
 public:
  /// Sets the review of object `id` at `frame`; `what` names the step
  /// (default "Review <state>").
  SetReviewCommand(ObjectId id, FrameIndex frame, Review review, std::string what = {})
      : InstanceChangeCommand(
            id, frame, false,
            what.empty() ? "Review " + std::string(toString(review.state)) : std::move(what)),
        m_review(std::move(review)) {}

 private:
  Result<std::optional<Instance>> compute(const Instance* current) const override;
  Review m_review;
};

/// Accepts a proposal: source becomes keyframe and review accepted.
class AcceptInstanceCommand final : public InstanceChangeCommand {
 public:
  /// Accepts object `id`'s instance at `frame`.
  AcceptInstanceCommand(ObjectId id, FrameIndex frame)
      : InstanceChangeCommand(id, frame, false, "Accept") {}

 private:
  Result<std::optional<Instance>> compute(const Instance* current) const override;
};

/// Sets or clears a per-frame attribute (occlusion, truncation, ...).
class SetInstanceAttributeCommand final : public InstanceChangeCommand {
 public:
  /// Sets `name` on object `id` at `frame`; nullopt removes it.
  SetInstanceAttributeCommand(ObjectId id, FrameIndex frame, std::string name,
                              std::optional<AttributeValue> value)
      : InstanceChangeCommand(id, frame, false, "Set " + name + " of"),
        m_name(std::move(name)),
        m_value(std::move(value)) {}

 private:
  Result<std::optional<Instance>> compute(const Instance* current) const override;
  std::string m_name;
  std::optional<AttributeValue> m_value;
};

/// Inserts a polyline vertex before `index` (index == size appends, "add
/// vertex"). The per-vertex value, when the line has them, copies the
/// neighbour's unless given.
class InsertVertexCommand final : public InstanceChangeCommand {
 public:
  /// Inserts `point` at `index` into object `id`'s polyline at `frame`.
  InsertVertexCommand(ObjectId id, FrameIndex frame, std::size_t index,
                      const Eigen::Vector3d& point, std::optional<std::string> value = std::nullopt)
      : InstanceChangeCommand(id, frame, false, "Insert vertex in"),
        m_index(index),
        m_point(point),
        m_value(std::move(value)) {}

 private:
  Result<std::optional<Instance>> compute(const Instance* current) const override;
  std::size_t m_index;
  Eigen::Vector3d m_point;
  std::optional<std::string> m_value;
};

/// Moves one polyline vertex; consecutive moves of the same instance merge.
class MoveVertexCommand final : public InstanceChangeCommand {
 public:
  /// Moves vertex `index` of object `id`'s polyline at `frame` to `point`.
  MoveVertexCommand(ObjectId id, FrameIndex frame, std::size_t index, const Eigen::Vector3d& point)
      : InstanceChangeCommand(id, frame, true, "Move vertex of"), m_index(index), m_point(point) {}

 private:
  Result<std::optional<Instance>> compute(const Instance* current) const override;
  std::size_t m_index;
  Eigen::Vector3d m_point;
};

/// Deletes one polyline vertex (a line keeps at least two).
class DeleteVertexCommand final : public InstanceChangeCommand {
 public:
  /// Deletes vertex `index` of object `id`'s polyline at `frame`.
  DeleteVertexCommand(ObjectId id, FrameIndex frame, std::size_t index)
      : InstanceChangeCommand(id, frame, false, "Delete vertex of"), m_index(index) {}

 private:
  Result<std::optional<Instance>> compute(const Instance* current) const override;
  std::size_t m_index;
};

}  // namespace fuselabel
