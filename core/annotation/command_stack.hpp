#pragma once
// Undo/redo over a Document: the only path by which the GUI and tools change
// labels.

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/annotation/commands/command.hpp"

namespace fuselabel {

class BatchCommand;

/// How much undo history a stack keeps; the oldest steps are dropped first.
struct CommandStackLimits {
  /// Most undo steps kept.
  std::size_t maxSteps = 2000;
  /// Most bytes of undo data kept (approximate, from Command::memoryBytes()).
  std::size_t maxBytes = std::size_t{512} << 20;
};

/// What just happened to the document, for observers such as the journal.
enum class StackEvent { Applied, Undone, Redone };

/// One line of the history list.
struct HistoryEntry {
  /// The step's description.
  std::string description;
  /// True for steps currently applied (below the undo position).
  bool applied = false;
};

/// Applies commands to one document and keeps them for undo and redo.
/// Grouping makes a drag one step: between beginGroup() and endGroup() every
/// pushed command is applied at once but lands in one step, and consecutive
/// edits of the same instance fold into one command.
class CommandStack {
 public:
  /// Called after each change with the command concerned (for a group, each
  /// pushed command as it is applied; for undo/redo, the whole step).
  using Listener = std::function<void(const Command& command, StackEvent event)>;

  /// A stack editing `document`, which must outlive it. Starts clean.
  explicit CommandStack(Document& document, CommandStackLimits limits = {});
  ~CommandStack();
  CommandStack(const CommandStack&) = delete;
  CommandStack& operator=(const CommandStack&) = delete;

  /// The document edited.
  [[nodiscard]] const Document& document() const noexcept { return m_document; }

  /// Applies `command` and records it (drops the redo steps). On failure the
  /// document is unchanged, nothing is recorded and the error is returned.
  Result<void> push(std::unique_ptr<Command> command);
  /// Opens a group described as `description`; groups nest, the outermost
  /// description wins.
  void beginGroup(std::string description);
  /// Closes the innermost group; closing the outermost records the group as
  /// one step (nothing when it stayed empty).
  void endGroup();
  /// True while a group is open.
  [[nodiscard]] bool inGroup() const noexcept { return m_groupDepth > 0; }

  /// True when there is a step to undo.
  [[nodiscard]] bool canUndo() const noexcept;
  /// True when there is a step to redo.
  [[nodiscard]] bool canRedo() const noexcept { return !inGroup() && m_position < m_steps.size(); }
  /// Reverts the last applied step (closing an open group first). Returns false when there is none.
  bool undo();
  /// Re-applies the next undone step. Returns false when there is none.
  bool redo();
  /// Description of the step undo() would revert, or empty.
  [[nodiscard]] std::string undoDescription() const;
  /// Description of the step redo() would apply, or empty.
  [[nodiscard]] std::string redoDescription() const;

  /// True when the document differs from the last markClean() (the last save).
  [[nodiscard]] bool isModified() const noexcept;
  /// Records the current state as saved.
  void markClean() noexcept;

  /// Every kept step, oldest first.
  [[nodiscard]] std::vector<HistoryEntry> history() const;
  /// Number of applied steps (the undo position in history()).
  [[nodiscard]] std::size_t position() const noexcept { return m_position; }
  /// Number of kept steps.
  [[nodiscard]] std::size_t stepCount() const noexcept { return m_steps.size(); }
  /// Approximate bytes of undo data kept.
  [[nodiscard]] std::size_t memoryBytes() const noexcept { return m_bytes; }
  /// Forgets all history (e.g. after loading another file); the state becomes clean.
  void clear();

  /// Installs the change observer (one; the journal or the GUI's dispatcher).
  void setListener(Listener listener) { m_listener = std::move(listener); }

  /// From now on every step applied, undone or redone adds a line for `user`
  /// to the document's audit log; empty turns that off (the default: batch
  /// tools write no log).
  void setAuditUser(std::string user) { m_auditUser = std::move(user); }

 private:
  void commitStep(std::unique_ptr<Command> step);
  void trim();
  void notify(const Command& command, StackEvent event) const;
  void audit(const Command& step, AuditEvent event);

  Document& m_document;
  CommandStackLimits m_limits;
  std::deque<std::unique_ptr<Command>> m_steps;
  std::deque<std::size_t> m_stepBytes;
  std::size_t m_bytes = 0;
  std::size_t m_position = 0;
  std::optional<std::size_t> m_cleanPosition = 0;
  std::unique_ptr<BatchCommand> m_group;
  int m_groupDepth = 0;
  Listener m_listener;
  std::string m_auditUser;
};

}  // namespace fuselabel
