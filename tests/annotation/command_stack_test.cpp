// Commands and undo: each command kind, grouping and merging, the memory
// bound, the modified flag, and the property test (random sequences undo to
// the exact start and redo to the exact end).

#include <gtest/gtest.h>

#include <random>

#include "annotation/annotation_test_util.hpp"
#include "core/annotation/command_stack.hpp"
#include "core/annotation/commands/batch_command.hpp"
#include "core/annotation/commands/instance_commands.hpp"
#include "core/annotation/commands/object_commands.hpp"
#include "core/annotation/commands/track_commands.hpp"

namespace fuselabel {
namespace {

Cuboid boxAt(double x) {
  return Cuboid::fromYaw(Eigen::Vector3d(x, 0, 0), Eigen::Vector3d(4, 2, 1.5), 0.0);
}

TEST(CommandStack, UndoRedoAndDescriptions) {
  Document doc = test::makeDocument(3, 5);
  const Document start = doc;
  CommandStack stack(doc);
  EXPECT_FALSE(stack.isModified());
  ASSERT_TRUE(stack.push(std::make_unique<SetClassCommand>(ObjectId{1}, "truck")).ok());
  ASSERT_TRUE(stack.push(std::make_unique<DeleteObjectCommand>(ObjectId{2})).ok());
  EXPECT_TRUE(stack.isModified());
  EXPECT_EQ(doc.object(ObjectId{1})->className, "truck");
  EXPECT_EQ(doc.track(ObjectId{2}), nullptr);
  EXPECT_EQ(stack.undoDescription(), "Delete car #2");
  const auto history = stack.history();
  ASSERT_EQ(history.size(), 2U);
  EXPECT_EQ(history[0].description, "Change car #1 to truck");
  ASSERT_TRUE(stack.undo());
  ASSERT_TRUE(stack.undo());
  EXPECT_FALSE(stack.undo());
  EXPECT_EQ(doc, start);
  EXPECT_FALSE(stack.isModified());
  ASSERT_TRUE(stack.redo());
  EXPECT_EQ(stack.redoDescription(), "Delete car #2");
}

TEST(CommandStack, FailedCommandChangesNothingAndIsNotRecorded) {
  Document doc = test::makeDocument(2, 3);
  const Document start = doc;
  CommandStack stack(doc);
  EXPECT_FALSE(stack.push(std::make_unique<DeleteObjectCommand>(ObjectId{99})).ok());
  EXPECT_FALSE(
      stack.push(std::make_unique<ChangeTrackNumberCommand>(ObjectId{1}, 2)).ok());  // #2 is taken
  EXPECT_FALSE(
      stack.push(std::make_unique<MoveVertexCommand>(ObjectId{1}, 0, 0, Eigen::Vector3d::Zero()))
          .ok());
  EXPECT_FALSE(
      stack.push(std::make_unique<DeleteVertexCommand>(ObjectId{3}, kStaticFrame, 9)).ok());
  // A batch is all or nothing.
  std::vector<std::unique_ptr<Command>> parts;
  parts.push_back(std::make_unique<SetClassCommand>(ObjectId{1}, "van"));
  parts.push_back(std::make_unique<DeleteObjectCommand>(ObjectId{42}));
  EXPECT_FALSE(stack.push(std::make_unique<BatchCommand>("two things", std::move(parts))).ok());
  EXPECT_EQ(doc, start);
  EXPECT_EQ(stack.stepCount(), 0U);
  EXPECT_FALSE(stack.isModified());
}

TEST(CommandStack, ADragIsOneStepAndItsMovesMerge) {
  Document doc = test::makeDocument(2, 3);
  const Document start = doc;
  CommandStack stack(doc);
  stack.beginGroup("Move box");
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(
        stack.push(std::make_unique<SetGeometryCommand>(ObjectId{1}, 1, boxAt(0.1 * i))).ok());
  }
  EXPECT_TRUE(stack.isModified());
  stack.endGroup();
  ASSERT_EQ(stack.stepCount(), 1U);
  EXPECT_EQ(stack.history()[0].description, "Move box");
  // 50 moves folded into one command: the step holds two instances, not 100.
  EXPECT_LT(stack.memoryBytes(), 2000U);
  const Document end = doc;
  EXPECT_TRUE(sameCuboid(std::get<Cuboid>(doc.instance(ObjectId{1}, 1)->geometry), boxAt(4.9)));
  EXPECT_EQ(doc.instance(ObjectId{1}, 1)->source, InstanceSource::Keyframe);
  stack.undo();
  EXPECT_EQ(doc, start);
  stack.redo();
  EXPECT_EQ(doc, end);  // the redo replays the last position, not the first
}

TEST(CommandStack, MemoryBoundDropsTheOldestSteps) {
  Document doc = test::makeDocument(2, 3);
  CommandStack stack(doc, CommandStackLimits{5, std::size_t{1} << 30});
  for (int i = 0; i < 12; ++i)
    ASSERT_TRUE(stack.push(std::make_unique<SetGeometryCommand>(ObjectId{1}, 0, boxAt(i))).ok());
  EXPECT_EQ(stack.stepCount(), 5U);
  CommandStack byBytes(doc, CommandStackLimits{1000, 3000});
  for (int i = 0; i < 12; ++i)
    ASSERT_TRUE(byBytes.push(std::make_unique<SetGeometryCommand>(ObjectId{2}, 0, boxAt(i))).ok());
  EXPECT_LE(byBytes.memoryBytes(), 3000U);
  EXPECT_GE(byBytes.stepCount(), 1U);
  EXPECT_LT(byBytes.stepCount(), 12U);
  // The saved state was dropped from the history: undo can no longer reach it.
  EXPECT_TRUE(byBytes.isModified());
  while (byBytes.undo()) {
  }
  EXPECT_TRUE(byBytes.isModified());
}

TEST(CommandStack, CleanStateFollowsSaveUndoAndRedo) {
  Document doc = test::makeDocument(2, 3);
  CommandStack stack(doc);
  ASSERT_TRUE(stack.push(std::make_unique<SetClassCommand>(ObjectId{1}, "van")).ok());
  stack.markClean();
  EXPECT_FALSE(stack.isModified());
  stack.undo();
  EXPECT_TRUE(stack.isModified());
  stack.redo();
  EXPECT_FALSE(stack.isModified());
  stack.undo();
  ASSERT_TRUE(stack.push(std::make_unique<SetClassCommand>(ObjectId{1}, "bus"))
                  .ok());  // saved state now unreachable
  EXPECT_TRUE(stack.isModified());
  stack.undo();
  EXPECT_TRUE(stack.isModified());
}

TEST(Commands, MergeSplitRenumberPolylineAndBatches) {
  Document doc = test::makeDocument(3, 10);
  CommandStack stack(doc);
  // Split car #1 at frame 4 into a new object, then merge it back.
  ASSERT_TRUE(stack.push(std::make_unique<SplitTrackCommand>(ObjectId{1}, 4)).ok());
  const ObjectId tail{5};  // 3 cars + 1 lane → next id 5
  ASSERT_NE(doc.track(tail), nullptr);
  EXPECT_EQ(doc.track(ObjectId{1})->instances.size(), 4U);
  EXPECT_EQ(doc.track(tail)->instances.size(), 6U);
  EXPECT_EQ(doc.track(tail)->object.className, "car");
  ASSERT_TRUE(stack.push(std::make_unique<MergeTracksCommand>(ObjectId{1}, tail)).ok());
  EXPECT_EQ(doc.track(ObjectId{1})->instances.size(), 10U);
  EXPECT_EQ(doc.track(tail), nullptr);
  // Renumber.
  ASSERT_TRUE(stack.push(std::make_unique<ChangeTrackNumberCommand>(ObjectId{2}, 77)).ok());
  EXPECT_EQ(doc.objectByNumber(77)->id, ObjectId{2});
  // Lane vertex edits keep per-vertex values aligned.
  const ObjectId lane{4};
  ASSERT_TRUE(stack
                  .push(std::make_unique<InsertVertexCommand>(lane, kStaticFrame, 1,
                                                              Eigen::Vector3d(25, 1.8, -1.8)))
                  .ok());
  ASSERT_TRUE(stack
                  .push(std::make_unique<InsertVertexCommand>(
                      lane, kStaticFrame, 4, Eigen::Vector3d(150, 2, -1.7), "solid"))
                  .ok());
  ASSERT_TRUE(stack
                  .push(std::make_unique<MoveVertexCommand>(lane, kStaticFrame, 0,
                                                            Eigen::Vector3d(-1, 1.7, -1.8)))
                  .ok());
  ASSERT_TRUE(stack.push(std::make_unique<DeleteVertexCommand>(lane, kStaticFrame, 2)).ok());
  const auto& line = std::get<Polyline>(doc.instance(lane, kStaticFrame)->geometry);
  ASSERT_EQ(line.points.size(), 4U);
  EXPECT_EQ(line.vertexValues, (std::vector<std::string>{"dashed", "dashed", "solid", "solid"}));
  EXPECT_EQ(line.points[0], Eigen::Vector3d(-1, 1.7, -1.8));
  // Fill a track and accept proposals.
  std::vector<Instance> proposals;
  for (FrameIndex f = 0; f < 10; ++f) {
    Instance i = test::movingBox(f, 9.0);
    i.source = InstanceSource::Proposal;
    i.confidence = 0.5;
    proposals.push_back(i);
  }
  ASSERT_TRUE(stack.push(makeFillTrackCommand(doc, ObjectId{3}, proposals)).ok());
  EXPECT_EQ(doc.instance(ObjectId{3}, 7)->source, InstanceSource::Proposal);
  std::unique_ptr<Command> accept = makeAcceptProposalsCommand(doc, ObjectId{3}, 2, 5);
  ASSERT_NE(accept, nullptr);
  EXPECT_EQ(accept->description(), "Accept 4 proposals of car #3");
  ASSERT_TRUE(stack.push(std::move(accept)).ok());
  EXPECT_EQ(doc.instance(ObjectId{3}, 5)->source, InstanceSource::Keyframe);
  EXPECT_EQ(doc.instance(ObjectId{3}, 5)->review.state, ReviewState::Accepted);
  EXPECT_EQ(doc.instance(ObjectId{3}, 6)->source, InstanceSource::Proposal);
  while (stack.undo()) {
  }
  EXPECT_EQ(doc, test::makeDocument(3, 10));
}

// ------------------------------------------------------------ property test --

/// Draws random commands of every kind over the document's current state;
/// about a fifth are invalid on purpose (missing objects, bad indices).
class RandomCommands {
 public:
  explicit RandomCommands(std::uint32_t seed) : m_rng(seed) {}

  std::unique_ptr<Command> next(const Document& doc) {
    const ObjectId id = pickObject(doc);
    const FrameIndex frame = pickFrame();
    switch (uniform(0, 19)) {
      case 0: {
        Track t;
        t.object.id = chance(0.9) ? doc.unusedObjectId() : id;
        t.object.number = chance(0.9) ? doc.unusedNumber() : 1;
        t.object.className = chance(0.5) ? "car" : "lane_solid";
        for (FrameIndex f = 0; f < 20; f += static_cast<FrameIndex>(uniform(1, 5)))
          t.instances.push_back(test::movingBox(f, real()));
        return std::make_unique<AddObjectCommand>(std::move(t));
      }
      case 1:
        return std::make_unique<DeleteObjectCommand>(id);
      case 2:
      case 3:
        return std::make_unique<SetGeometryCommand>(
            id, frame,
            Cuboid::fromYaw(Eigen::Vector3d(real(), real(), real()), Eigen::Vector3d(4, 2, 1.5),
                            real()),
            chance(0.7));
      case 4:
        return std::make_unique<SetClassCommand>(id, chance(0.5) ? "truck" : "bus");
      case 5:
        return std::make_unique<SetObjectAttributeCommand>(
            id, "note",
            chance(0.8) ? std::optional<AttributeValue>(std::to_string(uniform(0, 99)))
                        : std::nullopt);
      case 6:
        return std::make_unique<SetInstanceAttributeCommand>(
            id, frame, "truncation",
            chance(0.8) ? std::optional<AttributeValue>(real()) : std::nullopt);
      case 7:
        return std::make_unique<SetSourceCommand>(id, frame,
                                                  static_cast<InstanceSource>(uniform(0, 4)));
      case 8: {
        Review review;
        review.state = static_cast<ReviewState>(uniform(0, 4));
        review.reviewer = chance(0.5) ? "rita" : "";
        review.comment = chance(0.3) ? "too short" : "";
        if (chance(0.2)) review.pin = Eigen::Vector3d(real(), real(), 0.0);
        return std::make_unique<SetReviewCommand>(id, frame, std::move(review));
      }
      case 9:
        return std::make_unique<InsertVertexCommand>(id, kStaticFrame,
                                                     static_cast<std::size_t>(uniform(0, 4)),
                                                     Eigen::Vector3d(real(), real(), 0));
      case 10:
        return std::make_unique<MoveVertexCommand>(id, kStaticFrame,
                                                   static_cast<std::size_t>(uniform(0, 4)),
                                                   Eigen::Vector3d(real(), real(), 0));
      case 11:
        return std::make_unique<DeleteVertexCommand>(id, kStaticFrame,
                                                     static_cast<std::size_t>(uniform(0, 4)));
      case 12:
        return std::make_unique<MergeTracksCommand>(id, pickObject(doc));
      case 13:
        return std::make_unique<SplitTrackCommand>(id, frame);
      case 14:
        return std::make_unique<ChangeTrackNumberCommand>(id, uniform(1, 40));
      case 15:
        return std::make_unique<RemoveInstanceCommand>(id, frame);
      case 16: {
        Instance i = test::movingBox(frame, real());
        i.source = InstanceSource::Proposal;
        return std::make_unique<PutInstanceCommand>(id, i);
      }
      case 17: {
        std::vector<Instance> fill;
        for (FrameIndex f = frame; f < frame + 5; ++f)
          fill.push_back(test::movingBox(f, real()));
        return makeFillTrackCommand(doc, id, std::move(fill));
      }
      case 18: {
        std::unique_ptr<Command> accept = makeAcceptProposalsCommand(
            doc, chance(0.5) ? std::optional<ObjectId>(id) : std::nullopt, 0, 30);
        return accept ? std::move(accept) : std::make_unique<AcceptInstanceCommand>(id, frame);
      }
      default: {
        Instance lane;
        lane.frame = kStaticFrame;
        lane.geometry = Polyline{{Eigen::Vector3d(real(), 0, 0), Eigen::Vector3d(real(), 5, 0)},
                                 chance(0.3),
                                 {"solid", "dashed"}};
        return std::make_unique<PutInstanceCommand>(id, lane);
      }
    }
  }

  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
  bool chance(double p) { return std::bernoulli_distribution(p)(m_rng); }
  double real() { return std::uniform_real_distribution<double>(-30.0, 30.0)(m_rng); }

 private:
  ObjectId pickObject(const Document& doc) {
    if (doc.objectCount() == 0 || chance(0.05)) return ObjectId{999};
    return doc
        .tracks()[static_cast<std::size_t>(uniform(0, static_cast<int>(doc.objectCount()) - 1))]
        .object.id;
  }
  FrameIndex pickFrame() { return static_cast<FrameIndex>(uniform(0, 24)); }

  std::mt19937 m_rng;
};

class UndoProperty : public ::testing::TestWithParam<std::uint32_t> {};

TEST_P(UndoProperty, RandomSequencesUndoToTheStartAndRedoToTheEnd) {
  Document doc = test::makeDocument(6, 20);
  const Document start = doc;
  CommandStack stack(doc, CommandStackLimits{100000, std::size_t{1} << 40});
  RandomCommands random(GetParam());
  std::vector<Document> states{doc};  // states[k] = document after k steps
  int applied = 0;
  int failed = 0;
  for (int step = 0; step < 1500; ++step) {
    const bool group = random.chance(0.15);
    if (group) stack.beginGroup("group " + std::to_string(step));
    const int count = group ? random.uniform(1, 8) : 1;
    for (int k = 0; k < count; ++k) {
      const Document before = doc;
      if (stack.push(random.next(doc)).ok()) {
        ++applied;
      } else {
        ++failed;
        ASSERT_EQ(doc, before) << "a failed command changed the document at step " << step;
      }
    }
    if (group) stack.endGroup();
    if (stack.position() == states.size()) states.push_back(doc);
    ASSERT_EQ(stack.position() + 1, states.size());
    // Undo in the middle too, then carry on from there (not as the last
    // step: the end state is the one with nothing left to redo).
    if (random.chance(0.05) && stack.canUndo() && step + 1 < 1500) {
      stack.undo();
      states.pop_back();
      ASSERT_EQ(doc, states.back()) << "undo in the middle at step " << step;
    }
  }
  EXPECT_GT(applied, 1000);
  EXPECT_GT(failed, 50);  // invalid commands were exercised too
  const Document end = doc;
  for (std::size_t k = states.size() - 1; k > 0; --k) {
    ASSERT_TRUE(stack.undo());
    ASSERT_EQ(doc, states[k - 1]) << "after undoing to step " << (k - 1);
  }
  EXPECT_FALSE(stack.undo());
  EXPECT_EQ(doc, start);
  EXPECT_FALSE(stack.isModified());
  for (std::size_t k = 1; k < states.size(); ++k) {
    ASSERT_TRUE(stack.redo());
    ASSERT_EQ(doc, states[k]) << "after redoing step " << k;
  }
  EXPECT_FALSE(stack.redo());
  EXPECT_EQ(doc, end);
}

INSTANTIATE_TEST_SUITE_P(Seeds, UndoProperty, ::testing::Values(1U, 2U, 3U, 42U, 2024U));

}  // namespace
}  // namespace fuselabel
