// Filling a document's tracks: real frame times, one undo step, attributes kept.

#include "core/tracks/document_fill.hpp"

#include <gtest/gtest.h>

#include "core/annotation/command_stack.hpp"
#include "core/annotation/commands/object_commands.hpp"
#include "tracks/track_motion.hpp"

namespace fuselabel {
namespace {

// A car moving at 10 m/s keyed at frames 0, 4 and 9 of ten frames whose times
// are irregular (frame 5 was dropped: 0.4 s → 0.6 s).
Document keyedDocument() {
  DocumentInfo info;
  const std::int64_t base = 1'700'000'000'000'000'000LL;
  for (int f = 0; f < 10; ++f)
    info.frameTimestampsNs.push_back(base + (f < 5 ? f : f + 1) * 100'000'000LL);
  Document doc(info);
  const test::Motion truth = test::constantVelocity(10.0, 0.0);
  Track track;
  track.object = Object{ObjectId{7}, 3, "car", {}};
  for (FrameIndex f : {0, 4, 9}) {
    Instance key;
    key.frame = f;
    key.geometry = truth(
        1e-9 * static_cast<double>(info.frameTimestampsNs[static_cast<std::size_t>(f)] - base));
    track.instances.push_back(key);
  }
  // An earlier fill at frame 2 whose occlusion a person set.
  Instance old;
  old.frame = 2;
  old.geometry = truth(5.0);
  old.source = InstanceSource::Interpolated;
  old.attributes.set("occlusion", std::string("partly"));
  track.instances.insert(track.instances.begin() + 1, old);
  EXPECT_TRUE(AddObjectCommand(std::move(track)).apply(doc));
  return doc;
}

TEST(DocumentFill, FillsEveryFrameBetweenKeysAsOneUndoStep) {
  Document doc = keyedDocument();
  const Document before = doc;
  DocumentFillOptions options;
  options.method = FillMethod::Linear;
  Result<std::vector<DocumentTrackFill>> fills = fillDocument(doc, options);
  ASSERT_TRUE(fills) << fills.error().message;
  ASSERT_EQ(fills->size(), 1u);
  EXPECT_EQ((*fills)[0].instances.size(), 7u);
  CommandStack stack(doc);
  ASSERT_TRUE(stack.push(makeDocumentFillCommand(doc, *fills)).ok());
  const Track* track = doc.track(ObjectId{7});
  ASSERT_NE(track, nullptr);
  EXPECT_EQ(track->instances.size(), 10u);
  // Frame 6 was captured at 0.7 s: 7 m from the start, not 6.
  const Cuboid* box6 = std::get_if<Cuboid>(&track->at(6)->geometry);
  ASSERT_NE(box6, nullptr);
  EXPECT_NEAR(box6->center.x(), test::constantVelocity(10.0, 0.0)(0.7).center.x(), 1e-9);
  EXPECT_EQ(track->at(6)->source, InstanceSource::Interpolated);
  EXPECT_EQ(track->at(2)->attributes, before.instance(ObjectId{7}, 2)->attributes);
  ASSERT_TRUE(stack.undo());
  EXPECT_EQ(doc, before);
}

TEST(DocumentFill, RespectsTheFrameRangeAndTheTrackFilter) {
  Document doc = keyedDocument();
  DocumentFillOptions options;
  options.method = FillMethod::Kalman;
  options.lastFrame = 4;
  Result<std::vector<DocumentTrackFill>> fills = fillDocument(doc, options);
  ASSERT_TRUE(fills);
  ASSERT_EQ(fills->size(), 1u);
  for (const Instance& i : (*fills)[0].instances)
    EXPECT_LT(i.frame, 4);
  options.track = ObjectId{99};
  fills = fillDocument(doc, options);
  ASSERT_TRUE(fills);
  EXPECT_TRUE(fills->empty());
}

TEST(DocumentFill, WithoutFrameTimesItAsksForTheDataset) {
  Document doc;
  Result<std::vector<DocumentTrackFill>> fills = fillDocument(doc, {});
  ASSERT_FALSE(fills);
  EXPECT_NE(fills.error().message.find("--dataset"), std::string::npos);
}

}  // namespace
}  // namespace fuselabel
