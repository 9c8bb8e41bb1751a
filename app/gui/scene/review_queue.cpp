#include "app/gui/scene/review_queue.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

namespace fuselabel::gui {

const char* toString(ReviewFilter filter) noexcept {
  switch (filter) {
    case ReviewFilter::ToReview:
      return "to review";
    case ReviewFilter::Rejected:
      return "rejected";
    case ReviewFilter::All:
      return "all";
  }
  return "?";
}

std::optional<ReviewFilter> parseReviewFilter(std::string_view text) noexcept {
  if (text == "to-review") return ReviewFilter::ToReview;
  if (text == "rejected") return ReviewFilter::Rejected;
  if (text == "all") return ReviewFilter::All;
  return std::nullopt;
}

namespace {

/// Order of the groups in the reviewer's queue.
int groupOf(const ReviewItem& item) {
  if (item.flagged) return 0;
  if (item.state == ReviewState::Fixed) return 1;
  return 2;
}

bool listed(ReviewState state, bool flagged, ReviewFilter filter) {
  switch (filter) {
    case ReviewFilter::ToReview:
      return state == ReviewState::Unreviewed || state == ReviewState::NeedsFix ||
             state == ReviewState::Fixed ||
             (flagged && state != ReviewState::Accepted && state != ReviewState::Rejected);
    case ReviewFilter::Rejected:
      return state == ReviewState::Rejected;
    case ReviewFilter::All:
      return true;
  }
  return false;
}

}  // namespace

std::vector<ReviewItem> buildReviewQueue(const Document& document,
                                         const std::vector<MotionFinding>& findings,
                                         ReviewFilter filter) {
  // The first motion finding at each instance is its reason.
  std::map<std::pair<ObjectId, FrameIndex>, const MotionFinding*> flaggedAt;
  for (const MotionFinding& f : findings)
    flaggedAt.try_emplace({f.id, f.frame}, &f);

  std::vector<ReviewItem> items;
  for (const Track& track : document.tracks()) {
    for (const Instance& instance : track.instances) {
      const auto finding = flaggedAt.find({track.object.id, instance.frame});
      const bool found = finding != flaggedAt.end();
      const ReviewState state = instance.review.state;
      if (!listed(state, found, filter)) continue;
      ReviewItem item{
          track.object.id, instance.frame, state, found || state == ReviewState::NeedsFix, {}};
      if (!instance.review.comment.empty()) {
        item.reason = instance.review.comment;
      } else if (found) {
        item.reason = finding->second->message;
      } else if (state == ReviewState::NeedsFix) {
        item.reason = "flagged for review";
      }
      items.push_back(std::move(item));
    }
  }
  const bool grouped = filter == ReviewFilter::ToReview;
  std::stable_sort(items.begin(), items.end(), [grouped](const ReviewItem& a, const ReviewItem& b) {
    const int ga = grouped ? groupOf(a) : 0;
    const int gb = grouped ? groupOf(b) : 0;
    return std::tie(ga, a.frame, a.id) < std::tie(gb, b.frame, b.id);
  });
  return items;
}

std::vector<std::size_t> reviewStateCounts(const Document& document) {
  std::vector<std::size_t> counts(static_cast<std::size_t>(ReviewState::Fixed) + 1, 0);
  for (const Track& track : document.tracks()) {
    for (const Instance& instance : track.instances)
      ++counts[static_cast<std::size_t>(instance.review.state)];
  }
  return counts;
}

}  // namespace fuselabel::gui
