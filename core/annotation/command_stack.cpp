#include "core/annotation/command_stack.hpp"

#include <algorithm>

#include "core/annotation/commands/batch_command.hpp"
#include "core/annotation/document_editor.hpp"

namespace fuselabel {

CommandStack::CommandStack(Document& document, CommandStackLimits limits)
    : m_document(document), m_limits(limits) {}

CommandStack::~CommandStack() = default;

Result<void> CommandStack::push(std::unique_ptr<Command> command) {
  if (command == nullptr) return Error{"push: no command"};
  Result<void> applied = command->apply(m_document);
  if (!applied) return applied;
  if (m_group) {
    notify(*command, StackEvent::Applied);
    m_group->appendApplied(std::move(command));
  } else {
    // Recorded (and its audit line written) before observers hear of it, so
    // a journal flushing at once takes the line along. The newest step is
    // never trimmed, so the reference stays valid.
    const Command& step = *command;
    commitStep(std::move(command));
    notify(step, StackEvent::Applied);
  }
  return success();
}

void CommandStack::beginGroup(std::string description) {
  if (m_groupDepth++ == 0) m_group = std::make_unique<BatchCommand>(std::move(description));
}

void CommandStack::endGroup() {
  if (m_groupDepth == 0) return;
  if (--m_groupDepth > 0) return;
  std::unique_ptr<BatchCommand> group = std::move(m_group);
  if (!group->empty()) commitStep(std::move(group));
}

bool CommandStack::canUndo() const noexcept {
  return m_position > 0 || (m_group && !m_group->empty());
}

bool CommandStack::undo() {
  while (inGroup())
    endGroup();
  if (m_position == 0) return false;
  Command& step = *m_steps[--m_position];
  step.revert(m_document);
  audit(step, AuditEvent::Undo);
  notify(step, StackEvent::Undone);
  return true;
}

bool CommandStack::redo() {
  if (!canRedo()) return false;
  Command& step = *m_steps[m_position++];
  // The document is exactly as it was at the first apply, so this succeeds.
  (void)step.apply(m_document);
  audit(step, AuditEvent::Redo);
  notify(step, StackEvent::Redone);
  return true;
}

std::string CommandStack::undoDescription() const {
  return m_position > 0 ? m_steps[m_position - 1]->description() : std::string();
}

std::string CommandStack::redoDescription() const {
  return canRedo() ? m_steps[m_position]->description() : std::string();
}

bool CommandStack::isModified() const noexcept {
  if (m_group && !m_group->empty()) return true;
  return !m_cleanPosition || *m_cleanPosition != m_position;
}

void CommandStack::markClean() noexcept {
  // An open group's edits are in the saved file, so the group's step, once
  // committed, is the saved state.
  m_cleanPosition = m_position + ((m_group && !m_group->empty()) ? 1 : 0);
}

std::vector<HistoryEntry> CommandStack::history() const {
  std::vector<HistoryEntry> entries;
  entries.reserve(m_steps.size());
  for (std::size_t i = 0; i < m_steps.size(); ++i)
    entries.push_back({m_steps[i]->description(), i < m_position});
  return entries;
}

void CommandStack::clear() {
  m_steps.clear();
  m_stepBytes.clear();
  m_bytes = 0;
  m_position = 0;
  m_cleanPosition = 0;
  m_group.reset();
  m_groupDepth = 0;
}

void CommandStack::commitStep(std::unique_ptr<Command> step) {
  // A new step makes the undone ones unreachable.
  while (m_steps.size() > m_position) {
    m_bytes -= m_stepBytes.back();
    m_steps.pop_back();
    m_stepBytes.pop_back();
  }
  if (m_cleanPosition && *m_cleanPosition > m_position) m_cleanPosition.reset();
  audit(*step, AuditEvent::Edit);
  const std::size_t bytes = step->memoryBytes();
  m_steps.push_back(std::move(step));
  m_stepBytes.push_back(bytes);
  m_bytes += bytes;
  ++m_position;
  trim();
}

void CommandStack::trim() {
  // The newest step always stays, so even one huge edit can be undone.
  while (m_steps.size() > 1 && m_position > 0 &&
         (m_steps.size() > m_limits.maxSteps || m_bytes > m_limits.maxBytes)) {
    m_bytes -= m_stepBytes.front();
    m_steps.pop_front();
    m_stepBytes.pop_front();
    --m_position;
    if (m_cleanPosition) {
      if (*m_cleanPosition == 0) {
        m_cleanPosition.reset();  // the saved state can no longer be reached by undo
      } else {
        --*m_cleanPosition;
      }
    }
  }
}

void CommandStack::audit(const Command& step, AuditEvent event) {
  if (m_auditUser.empty()) return;
  AuditEntry entry{utcTimestampNow(), m_auditUser, event, step.description(), {}};
  step.collectTouched(entry.objects);
  std::sort(entry.objects.begin(), entry.objects.end());
  entry.objects.erase(std::unique(entry.objects.begin(), entry.objects.end()), entry.objects.end());
  DocumentEditor(m_document).appendAudit(std::move(entry));
}

void CommandStack::notify(const Command& command, StackEvent event) const {
  if (m_listener) m_listener(command, event);
}

}  // namespace fuselabel
