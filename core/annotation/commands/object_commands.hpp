#pragma once
// Commands on whole objects: add, delete, class, track number, attributes.

#include <optional>
#include <string>

#include "core/annotation/commands/command.hpp"

namespace fuselabel {

/// Adds an object with its instances. Fails when the id or number is taken.
class AddObjectCommand final : public Command {
 public:
  /// Adds `track` (object and instances).
  explicit AddObjectCommand(Track track) : m_track(std::move(track)) {}
  Result<void> apply(Document& document) override;
  void revert(Document& document) override;
  [[nodiscard]] std::string description() const override;
  [[nodiscard]] std::size_t memoryBytes() const override;
  void collectTouched(std::vector<ObjectId>& out) const override {
    out.push_back(m_track.object.id);
  }

 private:
  Track m_track;
};

/// Deletes an object and all its instances.
class DeleteObjectCommand final : public Command {
 public:
  /// Deletes object `id`.
  explicit DeleteObjectCommand(ObjectId id) : m_id(id) {}
  Result<void> apply(Document& document) override;
  void revert(Document& document) override;
  [[nodiscard]] std::string description() const override;
  [[nodiscard]] std::size_t memoryBytes() const override;
  void collectTouched(std::vector<ObjectId>& out) const override { out.push_back(m_id); }

 private:
  ObjectId m_id;
  std::optional<Track> m_removed;
  std::string m_label;
};

/// Changes an object's class.
class SetClassCommand final : public Command {
 public:
  /// Sets the class of `id` to `className`.
  SetClassCommand(ObjectId id, std::string className) : m_id(id), m_after(std::move(className)) {}
  Result<void> apply(Document& document) override;
  void revert(Document& document) override;
  [[nodiscard]] std::string description() const override;
  [[nodiscard]] std::size_t memoryBytes() const override;
  void collectTouched(std::vector<ObjectId>& out) const override { out.push_back(m_id); }

 private:
  ObjectId m_id;
  std::string m_after;
  std::string m_before;
  std::string m_label;
};

/// Changes an object's human-readable track number ("change track id"); the
/// stable ObjectId is kept. Fails when another object has the number.
class ChangeTrackNumberCommand final : public Command {
 public:
  /// Gives object `id` the track number `number`.
  ChangeTrackNumberCommand(ObjectId id, std::int32_t number) : m_id(id), m_after(number) {}
  Result<void> apply(Document& document) override;
  void revert(Document& document) override;
  [[nodiscard]] std::string description() const override;
  [[nodiscard]] std::size_t memoryBytes() const override { return sizeof(*this); }
  void collectTouched(std::vector<ObjectId>& out) const override { out.push_back(m_id); }

 private:
  ObjectId m_id;
  std::int32_t m_after;
  std::int32_t m_before = 0;
};

/// Sets or clears a static (per-object) attribute. Per-frame attributes use
/// SetInstanceAttributeCommand.
class SetObjectAttributeCommand final : public Command {
 public:
  /// Sets `name` on object `id` to `value`; nullopt removes it.
  SetObjectAttributeCommand(ObjectId id, std::string name, std::optional<AttributeValue> value)
      : m_id(id), m_name(std::move(name)), m_after(std::move(value)) {}
  Result<void> apply(Document& document) override;
  void revert(Document& document) override;
  [[nodiscard]] std::string description() const override;
  [[nodiscard]] std::size_t memoryBytes() const override;
  void collectTouched(std::vector<ObjectId>& out) const override { out.push_back(m_id); }

 private:
  ObjectId m_id;
  std::string m_name;
  std::optional<AttributeValue> m_after;
  std::optional<AttributeValue> m_before;
  std::string m_label;
};

}  // namespace fuselabel
