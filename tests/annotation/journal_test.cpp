// Autosave journal: recovery after a real SIGKILL, torn tails, the base-file
// check, and the clean-save reset.

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "annotation/annotation_test_util.hpp"
#include "core/annotation/command_stack.hpp"
#include "core/annotation/commands/instance_commands.hpp"
#include "core/annotation/commands/object_commands.hpp"
#include "core/annotation/commands/track_commands.hpp"
#include "core/annotation/journal.hpp"
#include "core/annotation/native_file.hpp"
#include "support/scratch_dir.hpp"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

/// Edit number `i` of a deterministic session: moves, class changes, undos,
/// adds, splits and merges, so the journal sees every kind of change.
void applyEdit(CommandStack& stack, int i) {
  const Document& doc = stack.document();
  const ObjectId id = doc.tracks()[static_cast<std::size_t>(i) % doc.objectCount()].object.id;
  switch (i % 6) {
    case 0:
      (void)stack.push(std::make_unique<SetGeometryCommand>(
          id, i % 30,
          Cuboid::fromYaw(Eigen::Vector3d(0.1 * i, 1.0 / (i + 1), 0), Eigen::Vector3d(4, 2, 1.5),
                          0.01 * i)));
      break;
    case 1:
      (void)stack.push(std::make_unique<SetClassCommand>(id, i % 4 == 1 ? "van" : "truck"));
      break;
    case 2:
      stack.undo();
      break;
    case 3: {
      Track t;
      t.object.id = doc.unusedObjectId();
      t.object.number = doc.unusedNumber();
      t.object.className = "pedestrian";
      for (FrameIndex f = 0; f < 30; ++f)
        t.instances.push_back(test::movingBox(f, i));
      (void)stack.push(std::make_unique<AddObjectCommand>(std::move(t)));
      break;
    }
    case 4:
      (void)stack.push(std::make_unique<SplitTrackCommand>(id, 10 + i % 10));
      break;
    default: {
      const ObjectId other =
          doc.tracks()[static_cast<std::size_t>(i * 7 + 3) % doc.objectCount()].object.id;
      (void)stack.push(std::make_unique<MergeTracksCommand>(id, other));
      break;
    }
  }
}

TEST(Journal, RecoversEverythingAfterAKilledProcess) {
  const fs::path dir = fuselabel::test::freshScratchDir("annotation", "journal_kill");
  const fs::path path = dir / "labels.json";
  const Document base = test::makeDocument(8, 30);
  ASSERT_TRUE(saveDocument(base, path).ok());
  for (int round = 0; round < 4; ++round) {
    int pipeFds[2];
    ASSERT_EQ(::pipe(pipeFds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(pipeFds[0]);
      Result<Document> loaded = loadDocument(path);
      if (!loaded) ::_exit(2);
      Document doc = std::move(*loaded);
      CommandStack stack(doc);
      auto journal = Journal::start(path, doc, true,
                                    JournalOptions{std::chrono::milliseconds(0), round % 2 == 0});
      if (!journal) ::_exit(3);
      (*journal)->attach(stack);
      for (int i = 0;; ++i) {
        applyEdit(stack, i);
        // Reported only once the edit is journalled.
        const int done = i + 1;
        if (::write(pipeFds[1], &done, sizeof(done)) != sizeof(done)) ::_exit(4);
      }
    }
    ::close(pipeFds[1]);
    const int killAfter = 20 + round * 25;
    int reported = 0;
    while (reported < killAfter) {
      int value = 0;
      ASSERT_EQ(::read(pipeFds[0], &value, sizeof(value)), static_cast<ssize_t>(sizeof(value)));
      reported = value;
    }
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
    int value = 0;
    while (::read(pipeFds[0], &value, sizeof(value)) == static_cast<ssize_t>(sizeof(value)))
      reported = value;
    ::close(pipeFds[0]);

    ASSERT_TRUE(hasRecoverableJournal(path));
    Result<RecoveredDocument> recovered = recover(path);
    ASSERT_TRUE(recovered.ok()) << recovered.error().message;
    // Replay the same session: the recovered document is the state after
    // every reported edit, or after the one in flight when the kill came.
    Document replay = base;
    CommandStack stack(replay);
    for (int i = 0; i < reported; ++i)
      applyEdit(stack, i);
    if (!(recovered->document == replay)) {
      applyEdit(stack, reported);
      EXPECT_EQ(recovered->document, replay)
          << "round " << round << ": recovered state is not the state after " << reported << " or "
          << reported + 1 << " edits";
    }
    EXPECT_FALSE(recovered->document == base);
  }
}

TEST(Journal, CleanSaveEmptiesItAndStartsANewBase) {
  const fs::path path =
      fuselabel::test::freshScratchDir("annotation", "journal_save") / "labels.json";
  Document doc = test::makeDocument(3, 10);
  ASSERT_TRUE(saveDocument(doc, path).ok());
  CommandStack stack(doc);
  auto journal =
      Journal::start(path, doc, true, JournalOptions{std::chrono::milliseconds(0), false});
  ASSERT_TRUE(journal.ok()) << journal.error().message;
  (*journal)->attach(stack);
  EXPECT_FALSE(hasRecoverableJournal(path));
  ASSERT_TRUE(stack.push(std::make_unique<SetClassCommand>(ObjectId{1}, "bus")).ok());
  EXPECT_TRUE(hasRecoverableJournal(path));
  ASSERT_TRUE(saveDocument(doc, path).ok());
  stack.markClean();
  ASSERT_TRUE((*journal)->restartAfterSave().ok());
  EXPECT_FALSE(hasRecoverableJournal(path));
  ASSERT_TRUE(stack.push(std::make_unique<DeleteObjectCommand>(ObjectId{2})).ok());
  Result<RecoveredDocument> recovered = recover(path);
  ASSERT_TRUE(recovered.ok()) << recovered.error().message;
  EXPECT_EQ(recovered->document, doc);
  ASSERT_TRUE((*journal)->remove().ok());
  EXPECT_FALSE(fs::exists(journalPathFor(path)));
}

TEST(Journal, ChangesWaitForTheFlushIntervalThenPollWritesThem) {
  const fs::path path =
      fuselabel::test::freshScratchDir("annotation", "journal_interval") / "labels.json";
  Document doc = test::makeDocument(2, 5);
  ASSERT_TRUE(saveDocument(doc, path).ok());
  CommandStack stack(doc);
  auto journal =
      Journal::start(path, doc, true, JournalOptions{std::chrono::milliseconds(200), false});
  ASSERT_TRUE(journal.ok());
  (*journal)->attach(stack);
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(stack
                    .push(std::make_unique<SetGeometryCommand>(
                        ObjectId{1}, 2,
                        Cuboid::fromYaw(Eigen::Vector3d(i, 0, 0), Eigen::Vector3d(4, 2, 1), 0)))
                    .ok());
  }
  EXPECT_TRUE((*journal)->hasPending());
  EXPECT_FALSE(hasRecoverableJournal(path));
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  ASSERT_TRUE((*journal)->poll().ok());
  EXPECT_FALSE((*journal)->hasPending());
  Result<RecoveredDocument> recovered = recover(path);
  ASSERT_TRUE(recovered.ok());
  EXPECT_EQ(recovered->document, doc);
  EXPECT_EQ(recovered->records, 1U);  // 30 drags coalesced into one record
}

TEST(Journal, UnsavedDocumentIsRecoveredFromItsSnapshot) {
  const fs::path path =
      fuselabel::test::freshScratchDir("annotation", "journal_new") / "never_saved.json";
  Document doc = test::makeDocument(4, 6);
  CommandStack stack(doc);
  auto journal =
      Journal::start(path, doc, false, JournalOptions{std::chrono::milliseconds(0), false});
  ASSERT_TRUE(journal.ok());
  (*journal)->attach(stack);
  ASSERT_TRUE(stack.push(std::make_unique<DeleteObjectCommand>(ObjectId{3})).ok());
  Result<RecoveredDocument> recovered = recover(path);
  ASSERT_TRUE(recovered.ok()) << recovered.error().message;
  EXPECT_EQ(recovered->document, doc);
}

TEST(Journal, TornTailIsSkippedAndAChangedBaseIsRefused) {
  const fs::path path =
      fuselabel::test::freshScratchDir("annotation", "journal_torn") / "labels.json";
  Document doc = test::makeDocument(3, 5);
  ASSERT_TRUE(saveDocument(doc, path).ok());
  CommandStack stack(doc);
  auto journal =
      Journal::start(path, doc, true, JournalOptions{std::chrono::milliseconds(0), false});
  ASSERT_TRUE(journal.ok());
  (*journal)->attach(stack);
  ASSERT_TRUE(stack.push(std::make_unique<SetClassCommand>(ObjectId{2}, "van")).ok());
  std::ofstream(journalPathFor(path), std::ios::app) << "1234abcd {\"changes\": [{\"deleted\": 1";
  Result<RecoveredDocument> recovered = recover(path);
  ASSERT_TRUE(recovered.ok()) << recovered.error().message;
  EXPECT_TRUE(recovered->tornTail);
  EXPECT_EQ(recovered->document, doc);
  // Someone replaced the label file: the journal no longer applies to it.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_TRUE(saveDocument(test::makeDocument(1, 1), path).ok());
  Result<RecoveredDocument> refused = recover(path);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("changed since this journal was written"),
            std::string::npos);
  EXPECT_TRUE(fs::exists(journalPathFor(path)));
}

}  // namespace
}  // namespace fuselabel
