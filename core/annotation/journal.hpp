#pragma once
// The autosave journal beside a label file (<file>.journal): a crash or
// kill -9 loses at most about a second of work.
//
// Design: after each change the journal appends the *new state of every
// touched object* (a whole track, or "deleted") rather than the command.
// That needs no serialisation per command kind, covers undo and redo for
// free (they are just more changes), and replays idempotently: the last
// record of an object wins. Writes are coalesced: an object edited 60 times
// a second during a drag is written at most once per flush interval. A full
// snapshot every few seconds was the alternative; at 400k instances it costs
// ~0.3 s of CPU each time, while per-object records cost what was edited.

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/annotation/commands/command.hpp"
#include "core/annotation/document.hpp"
#include "core/util/result.hpp"

namespace fuselabel {

class CommandStack;

/// Journal behaviour.
struct JournalOptions {
  /// Longest time a change waits before it is written (the most a crash loses,
  /// given that poll() is called at least this often).
  std::chrono::milliseconds flushInterval{1000};
  /// fdatasync after each flush so the journal also survives a power cut.
  bool sync = true;
};

/// The journal file's path for a label file: "<file>.journal".
[[nodiscard]] std::filesystem::path journalPathFor(const std::filesystem::path& documentPath);

/// An open journal for one document and its label file.
class Journal {
 public:
  /// Starts a journal for `document`, replacing any old journal atomically.
  /// When `documentMatchesFile` is true the label file at `documentPath`
  /// holds exactly `document` (it was just loaded or saved) and only changes
  /// are journalled; otherwise (a new, imported or recovered document) the
  /// journal starts with a full snapshot. `document` must outlive the journal.
  static Result<std::unique_ptr<Journal>> start(const std::filesystem::path& documentPath,
                                                const Document& document, bool documentMatchesFile,
                                                JournalOptions options = {});
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  /// Notes that `command` changed the document (after apply, undo or redo);
  /// writes at once when the last flush is older than the interval.
  void noteChanged(const Command& command);
  /// Notes that object `id` changed.
  void noteChanged(ObjectId id);
  /// Writes pending changes when they have waited a flush interval; call it
  /// from the frame loop or a timer.
  Result<void> poll();
  /// Writes every pending change now.
  Result<void> flush();
  /// After a clean save of the document to its file: empties the journal
  /// (the file now holds everything) and takes the new file as the base.
  Result<void> restartAfterSave();
  /// Removes the journal file (clean close after a save).
  Result<void> remove();
  /// True when changes or audit lines wait to be written.
  [[nodiscard]] bool hasPending() const noexcept;
  /// The last error a flush triggered from noteChanged() met, if any.
  [[nodiscard]] const std::string& lastError() const noexcept { return m_lastError; }

  /// Routes a command stack's changes into this journal (replaces its listener).
  void attach(CommandStack& stack);

 private:
  Journal(std::filesystem::path documentPath, const Document& document, JournalOptions options)
      : m_documentPath(std::move(documentPath)), m_document(document), m_options(options) {}
  Result<void> writeInitial(bool documentMatchesFile);

  std::filesystem::path m_documentPath;
  const Document& m_document;
  JournalOptions m_options;
  int m_fd = -1;
  std::vector<ObjectId> m_pending;
  std::size_t m_auditWritten = 0;  // audit lines already in the file or the journal
  std::chrono::steady_clock::time_point m_lastFlush{};
  std::string m_lastError;
};

/// True when a journal beside `documentPath` holds changes the file lacks
/// (the previous session did not end with a save).
[[nodiscard]] bool hasRecoverableJournal(const std::filesystem::path& documentPath);

/// What recover() rebuilt.
struct RecoveredDocument {
  /// The document as of the last journalled change.
  Document document;
  /// Number of records replayed.
  std::size_t records = 0;
  /// True when a torn last record (the write the crash interrupted) was skipped.
  bool tornTail = false;
};

/// Rebuilds the document from the label file (when the journal has it as
/// base) plus the journal. Writes nothing: the caller shows the result, and
/// on acceptance starts a new journal with documentMatchesFile = false and
/// saves. Errors when the journal's base file has since changed.
[[nodiscard]] Result<RecoveredDocument> recover(const std::filesystem::path& documentPath);

}  // namespace fuselabel
