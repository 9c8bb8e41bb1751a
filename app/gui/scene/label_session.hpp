#pragma once
// The labels shown over the open recording: read on a worker thread once the
// dataset is open (the file given with --labels, else the labels the dataset
// ships), then asked per frame for the boxes in that frame's ego frame, which
// is where the viewer draws points. Also holds which object is selected, so
// the 3D view, the camera panels, the object list and the inspector agree.
//
// Read-only for now: editing goes through the document's commands (issue 9).

#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/scene/track_refill.hpp"
#include "core/annotation/command_stack.hpp"
#include "core/annotation/document.hpp"
#include "core/annotation/journal.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/geometry/cuboid.hpp"
#include "core/tracks/fill_method.hpp"
#include "core/tracks/motion_check.hpp"
#include "datasets/labels/label_io.hpp"

namespace fuselabel {
class Sequence;
}

namespace fuselabel::gui {

enum class LabelState { None, Loading, Loaded, Failed };

[[nodiscard]] const char* toString(LabelState state) noexcept;

/// One object's box in one frame, ready to draw.
struct FrameBox {
  ObjectId id;
  std::int32_t number = 0;
  std::string className;
  Rgb colour;  ///< the class colour (grey for classes the schema lacks)
  Cuboid box;  ///< in the frame's ego frame
  InstanceSource source = InstanceSource::Keyframe;
};

/// One lane polyline (line, road edge, stop line) in one frame, ready to draw.
struct FrameLane {
  ObjectId id;
  std::int32_t number = 0;
  std::string className;
  Rgb colour;
  std::vector<Eigen::Vector3d> points;  ///< in the frame's ego frame
  bool closed = false;
  bool dashed = false;  ///< a dashed lane class: drawn as dashes
};

/// Where the labels come from and where edits are saved.
struct LabelRequest {
  std::filesystem::path file;  ///< empty: the dataset's own labels
  std::string format;          ///< empty: detected
  /// Native file Ctrl+S writes; empty: the label file itself when it is
  /// native, else fuselabel_labels.json in the working folder.
  std::filesystem::path saveTo;
};

/// Refill on edit: an edit of a box makes it a keyframe and refills the
/// track around it in the same undo step (track_refill.hpp).
struct RefillSettings {
  bool enabled = true;
  /// Copy, Linear or Kalman; KalmanFit refills as Kalman (fits run from the Track panel).
  FillMethod method = FillMethod::Linear;
};

class LabelSession {
 public:
  LabelSession() = default;
  LabelSession(const LabelSession&) = delete;
  LabelSession& operator=(const LabelSession&) = delete;
  LabelSession(LabelSession&&) = delete;
  LabelSession& operator=(LabelSession&&) = delete;
  ~LabelSession();

  /// Starts reading labels for `sequence` on a worker thread.
  void load(std::shared_ptr<const Sequence> sequence, LabelRequest request);
  /// Once per UI frame: takes the document when the worker is done.
  void update();

  [[nodiscard]] LabelState state() const noexcept { return m_state; }
  /// Why loading failed, or why there are none ("the dataset ships no labels").
  [[nodiscard]] const std::string& message() const noexcept { return m_message; }
  /// What reading noticed (classes mapped, boxes kept that look wrong).
  [[nodiscard]] const std::vector<std::string>& warnings() const noexcept { return m_warnings; }
  /// "kitti: …/label_2" — where the labels were read from.
  [[nodiscard]] const std::string& sourceName() const noexcept { return m_sourceName; }

  /// The labels (empty unless Loaded).
  [[nodiscard]] const Document& document() const noexcept { return m_document; }
  /// Changes whenever the document or the selection changes: views redraw on it.
  [[nodiscard]] std::uint64_t version() const noexcept { return m_version; }

  /// The boxes of `frame`, in its ego frame, sorted by object id (cached for the last frame asked).
  [[nodiscard]] const std::vector<FrameBox>& boxesAt(std::size_t frame);
  /// The lane polylines of `frame` (sequence-wide ones included), in its ego frame.
  [[nodiscard]] const std::vector<FrameLane>& lanesAt(std::size_t frame);
  /// Frames, poses and LiDAR mount the labels were read against (what a
  /// SweepFitting needs to fit boxes to this recording's sweeps).
  [[nodiscard]] const LabelContext& context() const noexcept { return m_context; }
  /// The recording the labels belong to (nullptr before load()).
  [[nodiscard]] const std::shared_ptr<const Sequence>& sequence() const noexcept {
    return m_sequence;
  }
  /// Ego pose of `frame` in the labels' `world` (identity when unknown).
  [[nodiscard]] Eigen::Isometry3d worldFromEgo(std::size_t frame) const;

  /// Implausible motion found in the labels (speed, heading flips, size
  /// changes …), checked once when they are read.
  [[nodiscard]] const std::vector<MotionFinding>& motionFindings() const noexcept {
    return m_findings;
  }

  /// Applies an edit through the undo stack (nothing while not Loaded). A
  /// box edit (SetGeometryCommand, or a PutInstanceCommand putting a
  /// keyframe box) also refills its track, as one step.
  Result<void> apply(std::unique_ptr<Command> command);
  /// How edits refill their tracks.
  [[nodiscard]] const RefillSettings& refill() const noexcept { return m_refill; }
  void setRefill(const RefillSettings& settings) noexcept { m_refill = settings; }
  /// Who edits: every undo step from now on adds an audit line for `user`
  /// to the document (saved with it).
  void setAuditUser(std::string user);
  /// Why the last refill did nothing (no frame times ...); empty when it worked.
  [[nodiscard]] const std::string& refillError() const noexcept { return m_refillError; }
  /// Milliseconds the last refill took (computing and applying it).
  [[nodiscard]] double lastRefillMs() const noexcept { return m_lastRefillMs; }
  /// The last box edit's refill (what a background refit with fits redoes)
  /// and a counter that changes with each one.
  [[nodiscard]] const std::optional<RefillRequest>& lastRefill() const noexcept {
    return m_lastRefill;
  }
  [[nodiscard]] std::uint64_t refillCount() const noexcept { return m_refillCount; }
  bool undo();
  bool redo();
  /// Opens an undo group: every apply() until endEdit() is one undo step (a
  /// drag, an edit and the refill it causes). Groups nest.
  void beginEdit(std::string description);
  /// Closes the group beginEdit() opened.
  void endEdit();
  /// The undo stack (nullptr until Loaded): history, descriptions.
  [[nodiscard]] const CommandStack* history() const noexcept { return m_stack.get(); }
  [[nodiscard]] bool canUndo() const noexcept { return m_stack && m_stack->canUndo(); }
  [[nodiscard]] bool canRedo() const noexcept { return m_stack && m_stack->canRedo(); }
  /// Accepts every proposal instance of `id` (one undo step).
  Result<void> acceptProposals(ObjectId id);
  /// Deletes the object `id` when all its instances are proposals (one undo step).
  Result<void> rejectProposals(ObjectId id);
  /// The next object after `after` (by id, wrapping) that still has proposal
  /// instances; no object when none is left.
  [[nodiscard]] ObjectId nextProposal(ObjectId after) const;
  /// Unsaved edits exist.
  [[nodiscard]] bool modified() const noexcept {
    return (m_stack && m_stack->isModified()) || m_recoveredUnsaved;
  }

  // The autosave journal (<save path>.journal): started at the first edit,
  // written at most a second after each change, emptied by a save, removed
  // by a clean close. A journal left by a session that did not end cleanly
  // is offered for recovery before anything can be edited.

  /// A previous session's journal waits for recoverFromJournal() or discardJournal().
  [[nodiscard]] bool recoveryPending() const noexcept { return m_recoveryPending; }
  /// Rebuilds the labels from the file and the journal; they count as unsaved.
  Result<void> recoverFromJournal();
  /// Deletes the previous session's journal and keeps the labels as loaded.
  Result<void> discardJournal();
  /// At exit: removes the journal when everything is saved (or `discard`),
  /// else writes what is pending so the next start offers it.
  void close(bool discard);
  /// The journal's last write error, if any (the status bar shows it).
  [[nodiscard]] const std::string& journalError() const noexcept { return m_journalError; }
  /// Writes the labels as a native file (atomically) to savePath().
  Result<void> save();
  /// Where save() writes.
  [[nodiscard]] const std::filesystem::path& savePath() const noexcept { return m_savePath; }

  [[nodiscard]] ObjectId selected() const noexcept { return m_selected; }
  void select(ObjectId id);
  void clearSelection() { select(ObjectId{}); }

 private:
  struct Loaded {
    LabelImport labels;
    LabelContext context;
    std::string sourceName;
    std::vector<MotionFinding> findings;
    bool native = false;  ///< read from a native file (Ctrl+S writes back to it)
    bool fresh = false;   ///< nothing to read: new, empty labels
  };

  LabelState m_state = LabelState::None;
  LabelRequest m_request;
  std::filesystem::path m_savePath;
  std::string m_auditUser;                // setAuditUser(); empty: no audit lines
  std::unique_ptr<CommandStack> m_stack;  // edits m_document
  std::unique_ptr<Journal> m_journal;     // started at the first change
  /// The file at m_savePath holds the document as it was at the last clean point.
  bool m_fileMatchesClean = false;
  bool m_recoveryPending = false;
  bool m_recoveredUnsaved = false;
  std::string m_journalError;
  /// A new undo stack on m_document, its changes routed to the journal.
  void resetStack();
  /// Records a change in the journal (starting it when needed).
  void journalChange(const Command& command);
  std::string m_message;
  std::vector<std::string> m_warnings;
  std::string m_sourceName;
  std::future<Result<Loaded>> m_loading;
  Document m_document;
  LabelContext m_context;
  std::shared_ptr<const Sequence> m_sequence;
  std::vector<MotionFinding> m_findings;
  std::uint64_t m_version = 1;
  ObjectId m_selected;
  RefillSettings m_refill;
  std::string m_refillError;
  double m_lastRefillMs = 0.0;
  std::optional<RefillRequest> m_lastRefill;
  std::uint64_t m_refillCount = 0;
  // boxesAt() cache.
  std::optional<std::size_t> m_cachedFrame;
  /// Fills both caches for `frame`.
  void cacheFrame(std::size_t frame);
  /// apply() of a box edit: the edit and its track's refill as one step.
  Result<void> applyWithRefill(std::unique_ptr<Command> edit, ObjectId id, FrameIndex frame,
                               const char* verb);
  std::uint64_t m_cachedVersion = 0;
  std::vector<FrameBox> m_cachedBoxes;
  std::vector<FrameLane> m_cachedLanes;
};

/// The class colour of `className` in the built-in schema (grey when unknown).
[[nodiscard]] Rgb classColour(const std::string& className);

}  // namespace fuselabel::gui
