// Native label file: exact round trips, clear errors for newer and damaged
// files (which are never overwritten), and atomic saves checked by killing a
// saving child process at random moments.

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <thread>

#include "annotation/annotation_test_util.hpp"
#include "core/annotation/native_file.hpp"
#include "core/io/text_file.hpp"
#include "support/scratch_dir.hpp"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

void writeText(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

TEST(NativeFile, RoundTripIsExact) {
  Document doc = test::makeDocument(12, 40);
  const fs::path path = fuselabel::test::freshScratchDir("annotation", "roundtrip") / "labels.json";
  ASSERT_TRUE(saveDocument(doc, path).ok());
  Result<Document> loaded = loadDocument(path);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(*loaded, doc);
  // Saving what was loaded gives the same bytes: the writer is deterministic.
  EXPECT_EQ(encodeNativeLabels(*loaded), *readTextFile(path));
}

TEST(NativeFile, OddValuesSurvive) {
  Document doc = test::makeDocument(1, 2);
  DocumentInfo info = doc.info();
  info.dataset.sequence = "seq \"quoted\" \\ tab\t new\nline ünï";
  Document odd(info);
  Track t = doc.tracks()[0];
  t.object.className = "car/\"weird\"";
  t.object.attributes.set("note", std::string("line1\nline2 \x01"));
  t.object.attributes.set("weight", -0.0);
  t.object.attributes.set("tiny", 5e-324);
  t.instances[0].confidence = 1.0 / 3.0;
  (void)AddObjectCommand(t).apply(odd);
  Result<Document> back = decodeNativeLabels(encodeNativeLabels(odd), "mem");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, odd);
}

TEST(NativeFile, DocumentedExampleLoads) {
  // docs/native_labels.md carries this example; keep them in step.
  const std::string text = R"({
  "fuselabel_labels": 1,
  "generator": "fuselabel",
  "schema": {"name": "driving", "version": 1, "path": ""},
  "dataset": {"format": "kitti_tracking", "path": "/data/kitti_tracking", "sequence": "0001"},
  "frame_timestamps_ns": [0, 100000000, 200000000],
  "objects": [
    {"id": 1, "number": 1, "class": "car", "attributes": {"emergency_vehicle": false}, "instances": [
      {"frame": 0, "cuboid": [12.5, -3.25, -0.9, 0, 0, 0.0998, 0.995, 4.5, 1.85, 1.55], "source": "keyframe", "review": "accepted", "attributes": {"occlusion": "none", "truncation": 0}},
      {"frame": 1, "cuboid": [13.3, -3.25, -0.9, 0, 0, 0.0998, 0.995, 4.5, 1.85, 1.55], "source": "interpolated", "review": "unreviewed"},
      {"frame": 2, "cuboid": [14.1, -3.2, -0.9, 0, 0, 0.0998, 0.995, 4.5, 1.85, 1.55], "source": "proposal", "review": "unreviewed", "confidence": 0.82}
    ]},
    {"id": 2, "number": 2, "class": "lane_dashed", "attributes": {"lane_colour": "white"}, "instances": [
      {"frame": -1, "polyline": {"closed": false, "points": [0, 1.75, -1.8, 50, 1.8, -1.75, 100, 2.1, -1.7], "vertex_values": ["dashed", "dashed", "solid"]}, "source": "keyframe", "review": "unreviewed"}
    ]}
  ]
}
)";
  Result<Document> doc = decodeNativeLabels(text, "example.json");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->objectCount(), 2U);
  EXPECT_EQ(doc->instanceCount(), 4U);
  EXPECT_EQ(doc->instance(ObjectId{1}, 2)->confidence, 0.82);
  EXPECT_NEAR(std::get<Cuboid>(doc->instance(ObjectId{1}, 0)->geometry).yaw(), 0.2, 1e-3);
  EXPECT_EQ(std::get<Polyline>(doc->instance(ObjectId{2}, kStaticFrame)->geometry).points.size(),
            3U);
  EXPECT_EQ(doc->info().frameTimestampsNs.size(), 3U);
}

struct DamagedCase {
  const char* text;
  const char* expected;
};

class DamagedFile : public ::testing::TestWithParam<DamagedCase> {};

TEST_P(DamagedFile, GivesAClearErrorAndIsNeverOverwritten) {
  const fs::path path = fuselabel::test::freshScratchDir("annotation", "damaged") / "labels.json";
  writeText(path, GetParam().text);
  Result<Document> r = loadDocument(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find(path.string()), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find(GetParam().expected), std::string::npos) << r.error().message;
  EXPECT_EQ(*readTextFile(path), GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DamagedFile,
    ::testing::Values(
        DamagedCase{"{\"fuselabel_labels\": 2, \"objects\": []}",
                    "newer fuselabel (format version 2"},
        DamagedCase{"{\"fuselabel_labels\": 1, \"objects\": [{\"id\": 1, \"instances\": "
                    "[{\"frame\": 0, \"cuboid\": [1, 2]}]}]}",
                    "/objects/0/instances/0/cuboid: a cuboid has 10 numbers"},
        DamagedCase{"{\"fuselabel_labels\": 1, \"objects\": [{\"id\": 1, \"instances\": "
                    "[{\"frame\": 0, \"cuboid\": [1,2,3,0,0,0,1,4,2,1], \"source\": \"guess\"}]}]}",
                    "unknown source \"guess\""},
        DamagedCase{
            "{\"fuselabel_labels\": 1,\n \"objects\": [{\"id\": 1, \"instances\": [{\"frame\": 0,",
            "line 2"},
        DamagedCase{"{\"objects\": []}", "no \"fuselabel_labels\" version"},
        DamagedCase{"", "expected a JSON object"},
        DamagedCase{"{\"fuselabel_labels\": 1, \"objects\": [{\"id\": 1}, {\"id\": 1}]}",
                    "appears twice"}));

TEST(NativeFile, SaveRefusesToReplaceANewerFile) {
  const fs::path path = fuselabel::test::freshScratchDir("annotation", "newer") / "labels.json";
  const std::string newer = "{\"fuselabel_labels\": 7, \"objects\": []}";
  writeText(path, newer);
  Result<void> r = saveDocument(test::makeDocument(1, 1), path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("newer"), std::string::npos);
  EXPECT_EQ(*readTextFile(path), newer);
  EXPECT_TRUE(saveDocument(test::makeDocument(1, 1), path, SaveOptions{true, true}).ok());
}

TEST(NativeFile, SaveLeavesNoTemporaryFiles) {
  const fs::path dir = fuselabel::test::freshScratchDir("annotation", "tempfiles");
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(saveDocument(test::makeDocument(2, 3), dir / "labels.json").ok());
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
  EXPECT_FALSE(saveDocument(test::makeDocument(1, 1), dir / "missing_folder" / "labels.json").ok());
}

// A child saves two alternating big documents over one file as fast as it
// can; the parent kills it with SIGKILL at random moments. After every kill
// the file must load and equal one of the two documents, never a torn mix.
TEST(NativeFile, KilledSaveLeavesTheOldOrTheNewFile) {
  const fs::path dir = fuselabel::test::freshScratchDir("annotation", "atomic");
  const fs::path path = dir / "labels.json";
  const Document a = test::makeDocument(40, 200);
  Document b = test::makeDocument(41, 190);
  ASSERT_TRUE(saveDocument(a, path).ok());
  std::mt19937 rng(7);
  int sawA = 0;
  int sawB = 0;
  for (int round = 0; round < 25; ++round) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      for (int i = 0;; ++i)
        (void)saveDocument(i % 2 == 0 ? b : a, path, SaveOptions{i % 3 == 0, false});
    }
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::uniform_int_distribution<int>(2000, 150000)(rng)));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    Result<Document> loaded = loadDocument(path);
    ASSERT_TRUE(loaded.ok()) << "round " << round << ": " << loaded.error().message;
    if (*loaded == a) {
      ++sawA;
    } else if (*loaded == b) {
      ++sawB;
    } else {
      FAIL() << "round " << round << ": the file is neither the old nor the new document";
    }
  }
  EXPECT_EQ(sawA + sawB, 25);
  // Killed saves may leave a temp file (never the label file torn); they are
  // named so they can be cleaned up.
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    EXPECT_TRUE(name == "labels.json" || name.rfind(".labels.json.tmp-", 0) == 0) << name;
  }
}

}  // namespace
}  // namespace fuselabel
