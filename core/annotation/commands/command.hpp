#pragma once
// The unit of change: every edit of a Document is a Command that can apply
// and revert itself and describe itself for the history list.

#include <cstddef>
#include <string>
#include <vector>

#include "core/annotation/document.hpp"
#include "core/util/result.hpp"

namespace fuselabel {

/// One reversible edit. The stack calls apply() once, then revert() and
/// apply() alternately for undo and redo; the document is in the same state
/// before each redo as before the first apply, so a redo cannot fail.
class Command {
 public:
  virtual ~Command() = default;
  Command() = default;
  Command(const Command&) = delete;
  Command& operator=(const Command&) = delete;

  /// Performs the edit. On failure (missing object, taken id, wrong geometry
  /// kind, index out of range) the document is left unchanged.
  virtual Result<void> apply(Document& document) = 0;
  /// Undoes the last successful apply(); the document returns exactly to the
  /// state it had before.
  virtual void revert(Document& document) = 0;
  /// History text, e.g. "Move car #12 at frame 40".
  [[nodiscard]] virtual std::string description() const = 0;
  /// Approximate bytes held for undo, so the stack can bound its memory.
  [[nodiscard]] virtual std::size_t memoryBytes() const = 0;
  /// Appends the ids of every object the edit may change (the journal writes
  /// exactly these tracks).
  virtual void collectTouched(std::vector<ObjectId>& out) const = 0;
  /// Absorbs `next`, which was applied right after this one, when both edit
  /// the same thing continuously (the steps of one drag). Returns false when
  /// they must stay separate steps.
  virtual bool mergeWith(const Command& next) {
    (void)next;
    return false;
  }
};

/// "car #12" for messages, or "object 7" when the object is unknown.
[[nodiscard]] std::string objectLabel(const Document& document, ObjectId id);

}  // namespace fuselabel
