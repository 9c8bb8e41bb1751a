#pragma once
// The items a review walks: which instances, in which order, and why each
// is there. Pure logic over the document (no UI), so it is unit tested.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/annotation/document.hpp"
#include "core/tracks/motion_check.hpp"

namespace fuselabel::gui {

/// Which instances a walk visits.
enum class ReviewFilter {
  ToReview,  ///< the reviewer's queue: flagged, fixed, then unreviewed
  Rejected,  ///< the annotator's queue: rejected, with the reviewer's comments
  All,       ///< every instance, whatever its state
};

/// "to review", "rejected", "all".
[[nodiscard]] const char* toString(ReviewFilter filter) noexcept;
/// "to-review", "rejected", "all" (the command line's names) → filter.
[[nodiscard]] std::optional<ReviewFilter> parseReviewFilter(std::string_view text) noexcept;

/// One instance to look at.
struct ReviewItem {
  ObjectId id;
  FrameIndex frame = 0;
  ReviewState state = ReviewState::Unreviewed;
  /// Why it is in the queue first: a tool flagged it (needs_fix) or the
  /// motion checks found something there.
  bool flagged = false;
  /// What to look at: the motion finding, or the reviewer's comment.
  std::string reason;

  friend bool operator==(const ReviewItem&, const ReviewItem&) = default;
};

/// The queue for `filter`. ToReview puts flagged items first, then fixed
/// ones (waiting for a second look), then unreviewed ones; accepted and
/// rejected items are done for the reviewer. Within a group: by frame, then
/// object, so the walk moves forward through the recording.
[[nodiscard]] std::vector<ReviewItem> buildReviewQueue(const Document& document,
                                                       const std::vector<MotionFinding>& findings,
                                                       ReviewFilter filter);

/// Counts of every instance by review state (index = ReviewState).
[[nodiscard]] std::vector<std::size_t> reviewStateCounts(const Document& document);

}  // namespace fuselabel::gui
