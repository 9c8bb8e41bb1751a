#pragma once
// Who changed or reviewed what, and when: the document's audit log.
//
// The command stack appends one entry per step it applies, undoes or redoes
// once it knows the user (CommandStack::setAuditUser); the native file keeps
// the log across saves and the journal across a crash. The log is history
// about the labels, not labels: undo appends ("undo …") rather than removes,
// and document equality (the undo property) ignores it.

#include <cstdint>
#include <string>
#include <vector>

#include "core/annotation/object.hpp"

namespace fuselabel {

namespace json {
class Cursor;
}

/// What happened to a step.
enum class AuditEvent : std::uint8_t { Edit, Undo, Redo };

/// One line of the log.
struct AuditEntry {
  /// UTC, ISO 8601 to the second ("2026-11-29T16:40:05Z").
  std::string time;
  /// Who (see currentUserName()).
  std::string user;
  AuditEvent event = AuditEvent::Edit;
  /// The step's description ("Review rejected car #3 at frame 12").
  std::string action;
  /// Every object the step may have changed.
  std::vector<ObjectId> objects;

  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

/// "edit", "undo", "redo".
[[nodiscard]] std::string_view toString(AuditEvent event) noexcept;

/// The current time in UTC as AuditEntry::time writes it.
[[nodiscard]] std::string utcTimestampNow();

/// Who is at the keyboard: $FUSELABEL_USER, else the login name ($USER,
/// $LOGNAME, the password database), else "unknown".
[[nodiscard]] std::string currentUserName();

/// Appends `entry` as one JSON object.
void appendAuditJson(std::string& out, const AuditEntry& entry);
/// Reads one entry written by appendAuditJson; fails the cursor on bad members.
[[nodiscard]] AuditEntry readAuditJson(json::Cursor& cursor);

}  // namespace fuselabel
