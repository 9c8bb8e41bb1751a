#pragma once
// The track commands of the Track panel and its keys: fill the selected track
// or every track, propagate with fit past the last key, copy the box to the
// next frame, delete from here, split, merge, jump to the suggested key.
// Each is one undo step with a description. Fits and "fill all" run on a
// worker thread on a snapshot of the labels, with progress and cancel; the
// result is applied on the main thread only if the labels did not change
// meanwhile, so a cancelled or stale job leaves the document untouched.
// Nothing here draws: the panel and the shortcuts call it.

#include <atomic>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/scene/track_refill.hpp"
#include "core/annotation/document.hpp"
#include "core/tracks/document_fill.hpp"
#include "core/tracks/fill_method.hpp"

namespace fuselabel::gui {

class LabelSession;
class ViewerSession;

/// The selected track's fill uncertainty and the frame worth keying next,
/// from a Kalman fill of that one track (recomputed when the labels change).
struct TrackInsight {
  ObjectId id;
  /// Per frame (index = frame): the smoothed 1-sigma position uncertainty of
  /// the filled box there (m); nullopt at keys and frames without a fill.
  std::vector<std::optional<double>> positionStd;
  /// The filled frame the smoother is least sure of.
  std::optional<FrameIndex> suggestedKey;
  /// Why there is no insight (no frame times ...); empty when there is.
  std::string error;
};

class TrackTools {
 public:
  TrackTools(LabelSession& labels, ViewerSession& session);
  TrackTools(const TrackTools&) = delete;
  TrackTools& operator=(const TrackTools&) = delete;
  TrackTools(TrackTools&&) = delete;
  TrackTools& operator=(TrackTools&&) = delete;
  /// Cancels a running job and waits for it.
  ~TrackTools();

  /// Once per UI frame: applies a finished job; with kalman-fit chosen,
  /// starts the refit of a box just edited.
  void update();

  /// Method of the fill commands and of the refill on edit.
  [[nodiscard]] FillMethod method() const noexcept { return m_method; }
  void setMethod(FillMethod method);
  [[nodiscard]] bool refillOnEdit() const noexcept;
  void setRefillOnEdit(bool enabled);

  /// Fills the selected track with method() (KalmanFit on the worker).
  void fillSelected();
  /// Fills every box track with method() on the worker.
  void fillAll();
  /// Kalman-fit past the selected track's last key while the object has points (worker).
  void propagateSelected();
  /// Copies the selected box to the next frame as a keyframe and steps there.
  void copyToNextFrame();
  /// Deletes the selected track's instances from the shown frame on.
  void deleteFromHere();
  /// Splits the selected track at the shown frame.
  void splitHere();
  /// Merges `absorbed` into the selected track.
  void mergeIntoSelected(ObjectId absorbed);
  /// Goes to the selected track's suggested next key.
  void jumpToSuggested();

  /// A job runs on the worker.
  [[nodiscard]] bool busy() const noexcept { return m_job != nullptr; }
  /// "Fill all tracks (kalman-fit)" while busy().
  [[nodiscard]] const std::string& jobName() const noexcept;
  /// Progress of the job in [0, 1].
  [[nodiscard]] float progress() const noexcept;
  /// Asks the job to stop; the labels stay untouched.
  void cancel();

  /// What the last command did, or why it did nothing.
  [[nodiscard]] const std::string& message() const noexcept { return m_message; }
  /// The message is an error.
  [[nodiscard]] bool failed() const noexcept { return m_failed; }

  /// The selected track's insight (cached per labels version).
  [[nodiscard]] const TrackInsight& insight();

 private:
  struct Job;
  struct JobResult;
  void start(std::string name, std::string description, std::vector<ObjectId> ids, bool propagate);
  /// With kalman-fit chosen: refits the last edit's neighbourhood on the
  /// worker and folds the result into the edit's undo step.
  void startRefit(const RefillRequest& request);
  void finishRefit(Job& job, JobResult& result);
  void report(std::string message, bool failed);
  /// The selected track and the shown frame, or false with a message.
  [[nodiscard]] bool selection(ObjectId& id, FrameIndex& frame);

  LabelSession& m_labels;
  ViewerSession& m_session;
  FillMethod m_method = FillMethod::Linear;
  std::shared_ptr<Job> m_job;
  std::string m_message;
  bool m_failed = false;
  TrackInsight m_insight;
  std::uint64_t m_insightVersion = 0;
  std::uint64_t m_refillsSeen = 0;
};

}  // namespace fuselabel::gui
