// The demo scene cache: generated once, reused afterwards, never mistaking an
// interrupted generation for a finished one, and a clear error (not a crash)
// when the cache folder cannot be made.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "datasets/synthetic/synthetic_demo.hpp"
#include "tests/support/scratch_dir.hpp"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

SynthOptions tinyScene() {
  SynthOptions o;
  o.frames = 2;
  o.beams = 8;
  o.columns = 64;
  o.cameras = 1;
  o.imageWidth = 32;
  o.imageHeight = 24;
  o.actors = 3;
  o.seed = 3;
  o.threads = 1;
  return o;
}

// Process ids never go this high (pid_max is at most 2^22), so no process owns it.
constexpr const char* kDeadPid = "999999999";

TEST(SynthDemo, GeneratesOnceThenReuses) {
  const fs::path root = test::freshScratchPath("demo", "reuse");
  int calls = 0;
  auto first = ensureCachedScene(tinyScene(), root, [&](int, int) { ++calls; });
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->generated);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(first->folder, cachedScenePath(tinyScene(), root));
  EXPECT_TRUE(fs::is_regular_file(first->folder / "scene.json"));
  EXPECT_TRUE(fs::is_regular_file(first->folder / "ground_truth.json"));
  const auto stamp = fs::last_write_time(first->folder / "scene.json");

  auto second = ensureCachedScene(tinyScene(), root, [&](int, int) { ++calls; });
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_FALSE(second->generated);
  EXPECT_EQ(second->folder, first->folder);
  EXPECT_EQ(calls, 2) << "the cached scene must not be generated again";
  EXPECT_EQ(fs::last_write_time(second->folder / "scene.json"), stamp);
  // Nothing but the finished scene is left in the cache.
  EXPECT_EQ(std::distance(fs::directory_iterator(root), fs::directory_iterator()), 1);
  fs::remove_all(root);
}

TEST(SynthDemo, HashFollowsOptionsButNotThreads) {
  SynthOptions a = tinyScene();
  SynthOptions b = a;
  b.threads = 7;
  EXPECT_EQ(synthOptionsHash(a), synthOptionsHash(b));
  b.seed = 4;
  EXPECT_NE(synthOptionsHash(a), synthOptionsHash(b));
  b = a;
  b.rangeNoise = 0.021;
  EXPECT_NE(synthOptionsHash(a), synthOptionsHash(b));
  b = a;
  b.cameraRig = defaultSynthCameras(1, 32, 24, 10.0);
  EXPECT_NE(synthOptionsHash(a), synthOptionsHash(b));
  EXPECT_EQ(synthOptionsHash(a).size(), 16U);
  EXPECT_EQ(cachedScenePath(demoSynthOptions(), "/c").filename().string(),
            "demo-" + synthOptionsHash(demoSynthOptions()));
}

TEST(SynthDemo, DemoOptionsMatchTheIssue) {
  const SynthOptions demo = demoSynthOptions();
  EXPECT_EQ(demo.frames, 100);
  EXPECT_EQ(demo.beams, 64);
  EXPECT_EQ(demo.cameras, 3);
}

TEST(SynthDemo, AbortedGenerationLeavesNothingThatIsReused) {
  const fs::path root = test::freshScratchPath("demo", "abort");
  auto aborted = ensureCachedScene(tinyScene(), root, [](int done, int) {
    if (done == 1) throw std::runtime_error("stop");
  });
  ASSERT_FALSE(aborted.ok());
  EXPECT_NE(aborted.error().message.find("stop"), std::string::npos) << aborted.error().message;
  EXPECT_FALSE(fs::exists(cachedScenePath(tinyScene(), root)));
  EXPECT_EQ(std::distance(fs::directory_iterator(root), fs::directory_iterator()), 0)
      << "the partial folder must be removed";

  auto next = ensureCachedScene(tinyScene(), root);
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_TRUE(next->generated);
  fs::remove_all(root);
}

TEST(SynthDemo, PartialFolderOfAKilledRunIsDeletedNotReused) {
  const fs::path root = test::freshScratchPath("demo", "killed");
  const fs::path finished = cachedScenePath(tinyScene(), root);
  // What a generation killed half-way leaves: a hidden partial folder with
  // some files, owned by a process that no longer exists.
  const fs::path partial = root / ("." + finished.filename().string() + ".partial-" + kDeadPid);
  fs::create_directories(partial / "lidar_top");
  std::ofstream(partial / "scene.json") << "{}";
  std::ofstream(partial / "lidar_top" / "000000.pcd") << "truncated";

  auto scene = ensureCachedScene(tinyScene(), root);
  ASSERT_TRUE(scene.ok()) << scene.error().message;
  EXPECT_TRUE(scene->generated);
  EXPECT_FALSE(fs::exists(partial));
  EXPECT_GT(fs::file_size(scene->folder / "scene.json"), 2U);
  EXPECT_GT(fs::file_size(scene->folder / "lidar_top" / "000000.pcd"), 9U);
  fs::remove_all(root);
}

TEST(SynthDemo, PartialFolderOfARunningGenerationIsLeftAlone) {
  const fs::path root = test::freshScratchPath("demo", "running");
  // PID 1 always exists: another start still generating.
  const fs::path partial = root / ".demo-0000000000000000.partial-1";
  fs::create_directories(partial);
  auto scene = ensureCachedScene(tinyScene(), root);
  ASSERT_TRUE(scene.ok()) << scene.error().message;
  EXPECT_TRUE(fs::exists(partial));
  fs::remove_all(root);
}

TEST(SynthDemo, FolderWithoutManifestIsRegenerated) {
  const fs::path root = test::freshScratchPath("demo", "broken");
  const fs::path finished = cachedScenePath(tinyScene(), root);
  fs::create_directories(finished / "lidar_top");
  auto scene = ensureCachedScene(tinyScene(), root);
  ASSERT_TRUE(scene.ok()) << scene.error().message;
  EXPECT_TRUE(scene->generated);
  EXPECT_TRUE(fs::is_regular_file(finished / "scene.json"));
  fs::remove_all(root);
}

TEST(SynthDemo, UnwritableCacheIsAClearError) {
  const fs::path dir = test::freshScratchPath("demo", "unwritable");
  fs::create_directories(dir);
  // A file where a folder should be: fails even for root, unlike permissions.
  std::ofstream(dir / "file") << "x";
  auto scene = ensureCachedScene(tinyScene(), dir / "file" / "cache");
  ASSERT_FALSE(scene.ok());
  EXPECT_NE(scene.error().message.find("cannot create the cache folder"), std::string::npos)
      << scene.error().message;
  EXPECT_NE(scene.error().message.find((dir / "file" / "cache").string()), std::string::npos);
  fs::remove_all(dir);
}

TEST(SynthDemo, CacheRootFollowsXdg) {
  const char* oldXdg = std::getenv("XDG_CACHE_HOME");
  const char* oldHome = std::getenv("HOME");
  const std::string savedXdg = oldXdg != nullptr ? oldXdg : "";
  const std::string savedHome = oldHome != nullptr ? oldHome : "";
  ::setenv("XDG_CACHE_HOME", "/x/cache", 1);
  ::setenv("HOME", "/home/u", 1);
  EXPECT_EQ(userCacheRoot().value(), fs::path("/x/cache/fuselabel"));
  ::setenv("XDG_CACHE_HOME", "relative/ignored", 1);
  EXPECT_EQ(userCacheRoot().value(), fs::path("/home/u/.cache/fuselabel"));
  ::unsetenv("XDG_CACHE_HOME");
  ::unsetenv("HOME");
  EXPECT_FALSE(userCacheRoot().ok());
  if (oldXdg != nullptr) ::setenv("XDG_CACHE_HOME", savedXdg.c_str(), 1);
  if (oldHome != nullptr) ::setenv("HOME", savedHome.c_str(), 1);
}

}  // namespace
}  // namespace fuselabel
