// The audit log: one line per undo step, undo and redo, kept by the native
// file and by the journal, never part of document equality; and the review
// note (who, when, why, where) through the same file.

#include <gtest/gtest.h>

#include <cctype>

#include "annotation/annotation_test_util.hpp"
#include "core/annotation/command_stack.hpp"
#include "core/annotation/commands/instance_commands.hpp"
#include "core/annotation/commands/object_commands.hpp"
#include "core/annotation/journal.hpp"
#include "core/annotation/native_file.hpp"
#include "support/scratch_dir.hpp"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

/// "2026-11-29T16:40:05Z": digits, with - - T : : Z in their places.
bool isUtcTimestamp(const std::string& text) {
  const std::string shape = "dddd-dd-ddTdd:dd:ddZ";
  if (text.size() != shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(text[i])) != 0;
    if (shape[i] == 'd' ? !digit : text[i] != shape[i]) return false;
  }
  return true;
}

Review rejection() {
  Review review;
  review.state = ReviewState::Rejected;
  review.reviewer = "bob";
  review.time = "2026-11-29T16:40:05Z";
  review.comment = "rear face 30 cm short; the \"tow bar\" is part of it";
  review.pin = Eigen::Vector3d(12.25, -3.5, 0.75);
  return review;
}

TEST(AuditLog, EveryStepUndoAndRedoIsALineNamingUserTimeAndObjects) {
  Document doc = test::makeDocument(3, 4);
  CommandStack stack(doc);
  stack.setAuditUser("alice");
  ASSERT_TRUE(stack.push(std::make_unique<SetClassCommand>(ObjectId{2}, "van")).ok());
  ASSERT_TRUE(stack.undo());
  ASSERT_TRUE(stack.redo());
  const auto audit = doc.audit();
  ASSERT_EQ(audit.size(), 3U);
  const std::array<AuditEvent, 3> events{AuditEvent::Edit, AuditEvent::Undo, AuditEvent::Redo};
  for (std::size_t i = 0; i < audit.size(); ++i) {
    EXPECT_EQ(audit[i].user, "alice");
    EXPECT_EQ(audit[i].event, events[i]);
    EXPECT_EQ(audit[i].action, audit[0].action);
    EXPECT_TRUE(isUtcTimestamp(audit[i].time)) << audit[i].time;
    EXPECT_EQ(audit[i].objects, std::vector<ObjectId>{ObjectId{2}});
  }
  EXPECT_NE(audit[0].action.find("van"), std::string::npos) << audit[0].action;
}

TEST(AuditLog, AGroupIsOneLineAndNoUserWritesNone) {
  Document doc = test::makeDocument(3, 4);
  CommandStack stack(doc);
  ASSERT_TRUE(stack.push(std::make_unique<SetClassCommand>(ObjectId{1}, "van")).ok());
  EXPECT_TRUE(doc.audit().empty()) << "batch tools set no user and write no log";
  stack.setAuditUser("alice");
  stack.beginGroup("Drag car #3");
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(stack
                    .push(std::make_unique<SetGeometryCommand>(
                        ObjectId{3}, 1,
                        Cuboid::fromYaw(Eigen::Vector3d(i, 0, 0), Eigen::Vector3d(4, 2, 1.5), 0)))
                    .ok());
  }
  stack.endGroup();
  ASSERT_EQ(doc.audit().size(), 1U);
  EXPECT_EQ(doc.audit()[0].action, "Drag car #3");
}

TEST(AuditLog, UndoRestoresTheLabelsExactlyWhileTheLogKeepsGrowing) {
  Document doc = test::makeDocument(3, 4);
  const Document before = doc;
  CommandStack stack(doc);
  stack.setAuditUser("alice");
  ASSERT_TRUE(stack.push(std::make_unique<DeleteObjectCommand>(ObjectId{1})).ok());
  ASSERT_TRUE(stack.undo());
  EXPECT_EQ(doc, before);
  EXPECT_EQ(doc.audit().size(), 2U);
  EXPECT_TRUE(before.audit().empty());
}

TEST(AuditLog, TheNativeFileKeepsTheLogAndEveryReviewNote) {
  const fs::path path =
      fuselabel::test::freshScratchDir("annotation", "audit_file") / "labels.json";
  Document doc = test::makeDocument(3, 4);
  CommandStack stack(doc);
  stack.setAuditUser("bob");
  ASSERT_TRUE(stack.push(std::make_unique<SetReviewCommand>(ObjectId{2}, 1, rejection())).ok());
  Review fixed;
  fixed.state = ReviewState::Fixed;
  ASSERT_TRUE(stack.push(std::make_unique<SetReviewCommand>(ObjectId{3}, 0, fixed)).ok());
  ASSERT_TRUE(saveDocument(doc, path).ok());
  Result<Document> loaded = loadDocument(path);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(*loaded, doc);
  ASSERT_EQ(loaded->audit().size(), 2U);
  EXPECT_TRUE(std::equal(doc.audit().begin(), doc.audit().end(), loaded->audit().begin()));
  const Instance* rejected = loaded->instance(ObjectId{2}, 1);
  ASSERT_NE(rejected, nullptr);
  EXPECT_EQ(rejected->review, rejection());
  EXPECT_EQ(loaded->instance(ObjectId{3}, 0)->review.state, ReviewState::Fixed);
  // A second session appends to what the file brought.
  CommandStack again(*loaded);
  again.setAuditUser("carol");
  ASSERT_TRUE(again.push(std::make_unique<SetClassCommand>(ObjectId{1}, "bus")).ok());
  ASSERT_EQ(loaded->audit().size(), 3U);
  EXPECT_EQ(loaded->audit()[0].user, "bob");
  EXPECT_EQ(loaded->audit()[2].user, "carol");
}

TEST(AuditLog, AnUnknownAuditEventIsAnErrorNamingTheFile) {
  const std::string text = R"({"fuselabel_labels": 1, "objects": [],
    "audit": [{"time": "2026-11-29T16:40:05Z", "user": "x", "event": "erase", "action": "", "objects": []}]})";
  Result<Document> decoded = decodeNativeLabels(text, "bad_audit.json");
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.error().message.find("bad_audit.json"), std::string::npos);
  EXPECT_NE(decoded.error().message.find("erase"), std::string::npos);
}

TEST(AuditLog, RecoveryFromTheJournalKeepsTheLinesWrittenSinceTheSave) {
  const fs::path path =
      fuselabel::test::freshScratchDir("annotation", "audit_journal") / "labels.json";
  Document doc = test::makeDocument(3, 4);
  {
    CommandStack first(doc);
    first.setAuditUser("alice");
    ASSERT_TRUE(first.push(std::make_unique<SetClassCommand>(ObjectId{1}, "van")).ok());
  }
  ASSERT_TRUE(saveDocument(doc, path).ok());
  CommandStack stack(doc);
  stack.setAuditUser("bob");
  auto journal =
      Journal::start(path, doc, true, JournalOptions{std::chrono::milliseconds(0), false});
  ASSERT_TRUE(journal.ok());
  (*journal)->attach(stack);
  ASSERT_TRUE(stack.push(std::make_unique<SetReviewCommand>(ObjectId{2}, 1, rejection())).ok());
  ASSERT_TRUE(stack.undo());
  ASSERT_TRUE(stack.redo());
  EXPECT_FALSE((*journal)->hasPending());
  Result<RecoveredDocument> recovered = recover(path);
  ASSERT_TRUE(recovered.ok()) << recovered.error().message;
  EXPECT_EQ(recovered->document, doc);
  ASSERT_EQ(recovered->document.audit().size(), 4U);
  EXPECT_TRUE(
      std::equal(doc.audit().begin(), doc.audit().end(), recovered->document.audit().begin()));
}

}  // namespace
}  // namespace fuselabel
