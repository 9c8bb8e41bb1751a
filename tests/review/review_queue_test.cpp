// The review queue: flagged items first, then fixed ones, then unreviewed
// ones, each group in frame order; judged items leave the reviewer's queue;
// the annotator's queue holds the rejected items with their comments.

#include <gtest/gtest.h>

#include "app/gui/scene/review_queue.hpp"
#include "core/annotation/commands/instance_commands.hpp"
#include "core/annotation/commands/object_commands.hpp"

namespace fuselabel::gui {
namespace {

/// Two cars over three frames, every instance unreviewed.
Document twoCars() {
  Document doc;
  for (int o = 1; o <= 2; ++o) {
    Track t;
    t.object.id = ObjectId{o};
    t.object.number = o;
    t.object.className = "car";
    for (FrameIndex f = 0; f < 3; ++f) {
      Instance i;
      i.frame = f;
      i.geometry =
          Cuboid::fromYaw(Eigen::Vector3d(5.0 * o + f, 0, 0), Eigen::Vector3d(4, 2, 1.5), 0);
      t.instances.push_back(i);
    }
    EXPECT_TRUE(AddObjectCommand(std::move(t)).apply(doc).ok());
  }
  return doc;
}

void setReview(Document& doc, std::int64_t id, FrameIndex frame, ReviewState state,
               std::string comment = {}) {
  Review review;
  review.state = state;
  review.comment = std::move(comment);
  ASSERT_TRUE(SetReviewCommand(ObjectId{id}, frame, review).apply(doc).ok());
}

std::vector<std::pair<std::int64_t, FrameIndex>> order(const std::vector<ReviewItem>& items) {
  std::vector<std::pair<std::int64_t, FrameIndex>> out;
  for (const ReviewItem& item : items)
    out.emplace_back(item.id.value, item.frame);
  return out;
}

TEST(ReviewQueue, FlaggedThenFixedThenUnreviewedInFrameOrderWithoutJudgedItems) {
  Document doc = twoCars();
  setReview(doc, 1, 0, ReviewState::Accepted);
  setReview(doc, 2, 0, ReviewState::Rejected, "too short");
  setReview(doc, 2, 2, ReviewState::NeedsFix);
  setReview(doc, 1, 2, ReviewState::Fixed, "too short");
  MotionFinding jump;
  jump.id = ObjectId{2};
  jump.frame = 1;
  jump.message = "car 2, frame 1: speed 93 m/s > 70 m/s";
  const std::vector<ReviewItem> items = buildReviewQueue(doc, {jump}, ReviewFilter::ToReview);
  const std::vector<std::pair<std::int64_t, FrameIndex>> expected{
      {2, 1},
      {2, 2},   // flagged: the motion finding, then the tool's needs_fix
      {1, 2},   // fixed, waiting for a second look
      {1, 1}};  // unreviewed
  EXPECT_EQ(order(items), expected);
  ASSERT_EQ(items.size(), 4U);
  EXPECT_TRUE(items[0].flagged);
  EXPECT_EQ(items[0].reason, jump.message);
  EXPECT_EQ(items[1].reason, "flagged for review");
  EXPECT_EQ(items[2].reason, "too short");  // the reviewer's comment, read again
  EXPECT_FALSE(items[3].flagged);
}

TEST(ReviewQueue, TheAnnotatorSeesTheRejectedItemsWithTheirComments) {
  Document doc = twoCars();
  setReview(doc, 2, 1, ReviewState::Rejected, "heading flipped");
  setReview(doc, 1, 2, ReviewState::Rejected, "not a car: a hedge");
  setReview(doc, 1, 0, ReviewState::Accepted);
  const std::vector<ReviewItem> items = buildReviewQueue(doc, {}, ReviewFilter::Rejected);
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(order(items), (std::vector<std::pair<std::int64_t, FrameIndex>>{{2, 1}, {1, 2}}));
  EXPECT_EQ(items[0].reason, "heading flipped");
  EXPECT_EQ(items[1].reason, "not a car: a hedge");
  EXPECT_EQ(buildReviewQueue(doc, {}, ReviewFilter::All).size(), 6U);
  const std::vector<std::size_t> counts = reviewStateCounts(doc);
  EXPECT_EQ(counts[static_cast<std::size_t>(ReviewState::Rejected)], 2U);
  EXPECT_EQ(counts[static_cast<std::size_t>(ReviewState::Accepted)], 1U);
  EXPECT_EQ(counts[static_cast<std::size_t>(ReviewState::Unreviewed)], 3U);
}

TEST(ReviewQueue, AMotionFindingOnAnAcceptedItemDoesNotBringItBack) {
  Document doc = twoCars();
  setReview(doc, 1, 1, ReviewState::Accepted);
  MotionFinding finding;
  finding.id = ObjectId{1};
  finding.frame = 1;
  const std::vector<ReviewItem> items = buildReviewQueue(doc, {finding}, ReviewFilter::ToReview);
  for (const ReviewItem& item : items) {
    EXPECT_FALSE(item.id == ObjectId{1} && item.frame == 1) << "a person accepted it";
  }
  EXPECT_EQ(items.size(), 5U);
}

}  // namespace
}  // namespace fuselabel::gui
