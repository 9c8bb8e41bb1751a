#pragma once
// Review mode: walks the review queue (review_queue.hpp) one instance at a
// time, going to its frame and selecting its object, and records verdicts
// through the labels' undo stack: accept, reject with a comment and an
// optional pin, or (the annotator, after fixing a rejected box) mark fixed.
// Each verdict carries who gave it and when; after one, the walk moves on.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "app/gui/scene/label_session.hpp"
#include "app/gui/scene/review_queue.hpp"
#include "app/gui/scene/viewer_session.hpp"

namespace fuselabel::gui {

class ReviewSession {
 public:
  ReviewSession(LabelSession& labels, ViewerSession& session, std::string reviewer)
      : m_labels(labels), m_session(session), m_reviewer(std::move(reviewer)) {}

  /// Who verdicts are recorded for.
  [[nodiscard]] const std::string& reviewer() const noexcept { return m_reviewer; }

  [[nodiscard]] ReviewFilter filter() const noexcept { return m_filter; }
  void setFilter(ReviewFilter filter);
  /// The queue for the filter, rebuilt when the labels change.
  [[nodiscard]] const std::vector<ReviewItem>& queue();
  /// Instances per review state (index = ReviewState), rebuilt with the queue.
  [[nodiscard]] const std::vector<std::size_t>& stateCounts();
  /// The item the walk stands on: its object and frame (it may have left the
  /// queue once judged).
  [[nodiscard]] const std::optional<ReviewItem>& current() const noexcept { return m_current; }
  /// Its position in the queue, if it is still there.
  [[nodiscard]] std::optional<std::size_t> currentIndex();

  /// Goes to the queue's next item after the current one (the first when
  /// none); false when the queue has nothing after it.
  bool next();
  /// The item before the current one.
  bool previous();
  /// Goes to queue item `index`: its frame, its object selected.
  void goTo(std::size_t index);

  /// Verdicts on the current item, each one undo step; then the walk moves
  /// to the next item. The error says why nothing happened.
  Result<void> accept();
  Result<void> reject(std::string comment);
  Result<void> markFixed();
  /// Puts the pin (world) on the current item's review; with no item, nothing.
  Result<void> pin(const Eigen::Vector3d& world);

  /// The comment being typed in the Review panel, sent with a rejection.
  [[nodiscard]] std::string& commentDraft() noexcept { return m_comment; }
  /// The reject key: rejects with the typed comment, or, with none typed
  /// yet, asks the panel to focus the comment box (Enter there rejects).
  Result<void> rejectWithDraft();
  /// Whether the window saw Enter this frame (the comment box reads it).
  void setEnterPressed(bool pressed) { m_enterPressed = pressed; }
  [[nodiscard]] bool takeEnterPressed() { return std::exchange(m_enterPressed, false); }
  /// The comment box asked for: the panel focuses it once.
  void requestComment() { m_commentRequested = true; }
  [[nodiscard]] bool takeCommentRequest() { return std::exchange(m_commentRequested, false); }
  /// What the last action did or why it did nothing, for the status bar.
  [[nodiscard]] const std::string& message() const noexcept { return m_message; }

 private:
  /// Applies `change` to the current item's review, signed by the reviewer
  /// now, as one undo step named `what` (default "Review <state>").
  Result<void> changeReview(const std::function<void(Review&)>& change, std::string what = {});
  /// Sets the verdict, then moves to the next item.
  Result<void> judge(ReviewState state, std::string comment);
  /// The current item's instance, if it still exists.
  [[nodiscard]] const Instance* currentInstance() const;

  LabelSession& m_labels;
  ViewerSession& m_session;
  std::string m_reviewer;
  ReviewFilter m_filter = ReviewFilter::ToReview;
  std::vector<ReviewItem> m_queue;
  std::vector<std::size_t> m_counts;
  std::uint64_t m_queueVersion = ~std::uint64_t{0};
  std::optional<ReviewItem> m_current;
  std::size_t m_indexHint = 0;  // where the current item stood in the queue
  std::string m_comment;
  bool m_commentRequested = false;
  bool m_enterPressed = false;
  std::string m_message;
};

}  // namespace fuselabel::gui
