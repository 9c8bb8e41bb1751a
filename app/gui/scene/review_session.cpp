#include "app/gui/scene/review_session.hpp"

#include <algorithm>
#include <functional>

#include "core/annotation/audit_log.hpp"
#include "core/annotation/commands/instance_commands.hpp"

namespace fuselabel::gui {

void ReviewSession::setFilter(ReviewFilter filter) {
  if (filter == m_filter) return;
  m_filter = filter;
  m_queueVersion = ~std::uint64_t{0};
  m_current.reset();
}

const std::vector<ReviewItem>& ReviewSession::queue() {
  if (m_labels.state() != LabelState::Loaded) {
    m_queue.clear();
    m_counts.assign(static_cast<std::size_t>(ReviewState::Fixed) + 1, 0);
    return m_queue;
  }
  if (m_queueVersion != m_labels.version()) {
    m_queue = buildReviewQueue(m_labels.document(), m_labels.motionFindings(), m_filter);
    m_counts = reviewStateCounts(m_labels.document());
    m_queueVersion = m_labels.version();
  }
  return m_queue;
}

const std::vector<std::size_t>& ReviewSession::stateCounts() {
  (void)queue();  // both are rebuilt together, only when the labels change
  return m_counts;
}

std::optional<std::size_t> ReviewSession::currentIndex() {
  if (!m_current) return std::nullopt;
  const std::vector<ReviewItem>& items = queue();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id == m_current->id && items[i].frame == m_current->frame) return i;
  }
  return std::nullopt;
}

void ReviewSession::goTo(std::size_t index) {
  const std::vector<ReviewItem>& items = queue();
  if (index >= items.size()) return;
  m_current = items[index];
  m_indexHint = index;
  if (m_current->frame >= 0) m_session.setFrame(static_cast<std::size_t>(m_current->frame));
  m_labels.select(m_current->id);
  m_message = "review " + std::to_string(index + 1) + " of " + std::to_string(items.size());
}

bool ReviewSession::next() {
  const std::vector<ReviewItem>& items = queue();
  if (items.empty()) {
    m_message = std::string("nothing ") + toString(m_filter);
    return false;
  }
  if (!m_current) {
    goTo(0);
    return true;
  }
  if (const auto at = currentIndex()) {
    if (*at + 1 >= items.size()) {
      m_message = "the last item; " + std::to_string(items.size()) + " in the queue";
      return false;
    }
    goTo(*at + 1);
    return true;
  }
  // The current item left the queue (judged): the one that took its place.
  goTo(std::min(m_indexHint, items.size() - 1));
  return true;
}

bool ReviewSession::previous() {
  const std::vector<ReviewItem>& items = queue();
  if (items.empty()) return false;
  const auto at = currentIndex();
  if (!at) {
    goTo(items.size() - 1);
    return true;
  }
  if (*at == 0) return false;
  goTo(*at - 1);
  return true;
}

const Instance* ReviewSession::currentInstance() const {
  if (!m_current || m_labels.state() != LabelState::Loaded) return nullptr;
  return m_labels.document().instance(m_current->id, m_current->frame);
}

Result<void> ReviewSession::changeReview(const std::function<void(Review&)>& change,
                                         std::string what) {
  const Instance* instance = currentInstance();
  if (instance == nullptr) {
    m_message = "no review item: press the next-item key first";
    return Error{m_message};
  }
  Review review = instance->review;
  change(review);
  review.reviewer = m_reviewer;
  review.time = utcTimestampNow();
  Result<void> done = m_labels.apply(std::make_unique<SetReviewCommand>(
      m_current->id, m_current->frame, std::move(review), std::move(what)));
  if (!done) m_message = done.error().message;
  return done;
}

Result<void> ReviewSession::judge(ReviewState state, std::string comment) {
  Result<void> done = changeReview([&](Review& review) {
    review.state = state;
    review.comment = std::move(comment);
    if (state == ReviewState::Accepted) review.pin.reset();  // nothing left to point at
  });
  if (!done) return done;
  m_current->state = state;
  const std::string verdict = std::string(toString(state));
  m_message = next() ? verdict + "; " + m_message : verdict;
  return success();
}

Result<void> ReviewSession::accept() {
  return judge(ReviewState::Accepted, {});
}

Result<void> ReviewSession::reject(std::string comment) {
  return judge(ReviewState::Rejected, std::move(comment));
}

Result<void> ReviewSession::rejectWithDraft() {
  if (m_comment.empty()) {
    requestComment();
    m_message = "type why it is rejected, then Enter";
    return success();
  }
  return reject(std::exchange(m_comment, {}));
}

Result<void> ReviewSession::markFixed() {
  // The reviewer's comment stays: it says what was asked, and the reviewer
  // reads it again next to the fix.
  const Instance* instance = currentInstance();
  std::string comment = instance != nullptr ? instance->review.comment : std::string();
  return judge(ReviewState::Fixed, std::move(comment));
}

Result<void> ReviewSession::pin(const Eigen::Vector3d& world) {
  Result<void> done =
      changeReview([&](Review& review) { review.pin = world; }, "Pin the review of");
  if (done) m_message = "pinned";
  return done;
}

}  // namespace fuselabel::gui
